import type { Inventory } from '../../model/inventory.js';
import type { Reference } from '../../model/lambda.js';
import { isUnknown } from '../../model/values.js';
import { defineCheck, type Outcome } from '../define.js';
import { nameOf, placementOf, subnetPath } from './vpc.js';

/**
 * What can be said of a subnet's Availability Zone: the zone, a `${...}` shape that names the same zone wherever it
 * appears (`${AzParameter}`), or nothing (`undefined`).
 */
function zoneOf(inventory: Inventory, ref: Reference): { readonly zone?: string; readonly shape?: string } {
  if (isUnknown(ref)) return {};
  const az = inventory.resolve(ref, 'ec2.subnet')?.availabilityZone;
  if (az === undefined) return {};
  return isUnknown(az) ? (az.template === undefined ? {} : { shape: az.template }) : { zone: az };
}

/** The shape the template source gives `!Select [i, !GetAZs '']`: the i-th zone of the region. */
const AZ_OF_REGION = /^\$\{AWS::AZs\[(\d+)\]\}$/;

export default defineCheck({
  id: 'lambda.vpc-single-az',
  title: 'VPC Lambda function runs in a single Availability Zone',
  severity: 'low',
  resource: 'lambda.function',
  description:
    'The function is connected to one subnet, or to subnets that are all in one Availability Zone. Lambda runs a VPC ' +
    'function only in the zones of its subnets. Subnets whose zone the template does not show (not in the template, ' +
    'or `!Select` over `!GetAZs`) make the result unknown unless two zones are seen.',
  risk: 'An outage of that Availability Zone stops the function: every invocation fails until the zone recovers.',
  remediation: {
    text: 'Connect the function to subnets in at least two Availability Zones.',
    cloudformation:
      'VpcConfig:\n  SubnetIds: [!Ref PrivateSubnetA, !Ref PrivateSubnetB]   # in different Availability Zones\n  SecurityGroupIds: [!Ref FunctionSecurityGroup]\n',
    cdk:
      "import * as ec2 from 'aws-cdk-lib/aws-ec2';\n" +
      "import * as lambda from 'aws-cdk-lib/aws-lambda';\n" +
      '\n' +
      "const vpc = new ec2.Vpc(this, 'Vpc', { maxAzs: 2 }); // at least two Availability Zones\n" +
      "const fn = new lambda.Function(this, 'Fn', {\n" +
      '  // ...runtime, handler, code\n' +
      '  vpc,\n' +
      '  // a subnet in each AZ, not subnets: [oneSubnet] or availabilityZones: [oneAz]\n' +
      '  vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS, onePerAz: true },\n' +
      '});\n',
    cli: 'aws lambda update-function-configuration --function-name <name> --vpc-config SubnetIds=<subnet-in-az-a>,<subnet-in-az-b>,SecurityGroupIds=<sg>',
    terraform:
      'resource "aws_lambda_function" "this" {\n  vpc_config {\n    subnet_ids         = [aws_subnet.private_a.id, aws_subnet.private_b.id]\n    security_group_ids = [aws_security_group.fn.id]\n  }\n}\n',
  },
  compliance: {
    'nist-800-53-r5': ['CP-10', 'CP-6(2)', 'SC-36', 'SC-5(2)', 'SI-13(5)'],
    'aws-fsbp': ['Lambda.5'],
    soc2: ['A1.2'],
  },
  references: [
    'https://docs.aws.amazon.com/securityhub/latest/userguide/lambda-controls.html#lambda-5',
    'https://docs.aws.amazon.com/lambda/latest/dg/configuration-vpc.html',
  ],
  evaluate(fn, ctx): Outcome {
    const placement = placementOf(fn);
    if (placement.state === 'outside') return ctx.notApplicable('the function is not in a VPC');
    if (placement.state === 'unknown') return ctx.unknown(placement.reason, { where: placement.where });
    // Unknown ids cannot be compared, so each counts as a subnet of its own.
    const subnets = [
      ...new Set(placement.subnets.filter((s) => !isUnknown(s))),
      ...placement.subnets.filter(isUnknown),
    ];
    if (subnets.length === 1) {
      const only = nameOf(subnets[0] as Reference);
      return ctx.fail(
        `The function is connected to a single subnet (${only}), so it runs in one Availability Zone.`,
        {
          where: subnetPath(placement.config, placement.subnets.indexOf(subnets[0] as Reference)),
        },
      );
    }
    const zones = subnets.map((s) => zoneOf(ctx.inventory, s));
    const known = new Set(zones.flatMap((z) => (z.zone === undefined ? [] : [z.zone])));
    if (known.size >= 2) {
      return ctx.pass(
        `The function's subnets span ${known.size} Availability Zones (${[...known].sort().join(', ')}).`,
      );
    }
    // `!Select [0, !GetAZs '']` and `!Select [1, !GetAZs '']` are two different zones of the region.
    const picked = new Set(zones.flatMap((z) => AZ_OF_REGION.exec(z.shape ?? '')?.[1] ?? []));
    if (picked.size >= 2) {
      return ctx.pass(
        `The function's subnets span ${picked.size} Availability Zones (zones ${[...picked].sort().join(', ')} of the region's Fn::GetAZs list).`,
      );
    }
    const shapes = new Set(zones.map((z) => z.zone ?? z.shape));
    const [only] = shapes;
    if (shapes.size === 1 && only !== undefined) {
      return ctx.fail(
        `All ${subnets.length} subnets of the function are in the same Availability Zone (${only}).`,
        { where: ['VpcConfig', 'SubnetIds'] },
      );
    }
    const blind = subnets.filter((_, i) => zones[i]?.zone === undefined).map(nameOf);
    const message = `The Availability Zone of subnet(s) ${blind.join(', ')} is not known before deploy`;
    return ctx.unknown(`${message}, so the zones the function spans cannot be counted.`, {
      where: ['VpcConfig', 'SubnetIds'],
    });
  },
});
