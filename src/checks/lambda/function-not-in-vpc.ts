import { listedWithAnd } from '../../findings/words.js';
import type { LambdaFunction } from '../../model/lambda.js';
import { isUnknown } from '../../model/values.js';
import { type CheckContext, defineCheck, type Outcome } from '../define.js';
import { edgeDistributions } from './edge-functions.js';
import { placementOf } from './vpc.js';
import { type Reach, vpcOnlyReach } from './vpc-only-reach.js';

/** The first few items of a list, in words: "a; b; c and 2 more". */
function listed(items: readonly string[], max = 3): string {
  const shown = items.slice(0, max).join('; ');
  return items.length > max ? `${shown} and ${items.length - max} more` : shown;
}

const describeReach = (r: Reach) => `${r.what} (${r.how})`;

/** `requireVpc: false`: fail only a function wired to data stores reachable only inside a VPC. */
function reachOutcome(fn: LambdaFunction, ctx: CheckContext): Outcome {
  const { reaches, doubts } = vpcOnlyReach(fn, ctx.inventory);
  const vpcOnly = reaches.filter((r) => r.vpcOnly === true);
  const first = vpcOnly[0];
  if (first) {
    const what = [...new Set(vpcOnly.map(describeReach))];
    const mounts = vpcOnly.some((r) => r.mount)
      ? ' Lambda accepts FileSystemConfigs only on a function connected to a VPC.'
      : '';
    return ctx.fail(
      `The function is not connected to a VPC, but reaches what is reachable only inside one: ${listed(what)}. ` +
        `From Lambda-managed networking it cannot connect to ${what.length === 1 ? 'it' : 'them'}.${mounts}`,
      { where: first.where, evidence: { reaches: what.join('; ') } },
    );
  }
  const undecided = [
    ...reaches
      .filter((r) => isUnknown(r.vpcOnly))
      .map((r) => `it reaches ${describeReach(r)}, but ${r.reason}`),
    ...doubts.map((d) => d.reason),
  ];
  if (undecided.length > 0) {
    const where = reaches.find((r) => isUnknown(r.vpcOnly))?.where ?? doubts[0]?.where;
    return ctx.unknown(
      `The function is not in a VPC; whether it reaches a data store reachable only inside one cannot be told: ${listed(undecided)}.`,
      where ? { where } : {},
    );
  }
  const open = [
    ...new Set(reaches.map((r) => `${describeReach(r)}, reachable from outside its VPC: ${r.reason}`)),
  ];
  return ctx.pass(
    `The function is not in a VPC, and the template wires it to no data store reachable only inside one${
      open.length > 0 ? ` (it reaches ${listed(open)})` : ''
    } (requireVpc is false).`,
  );
}

export default defineCheck({
  id: 'lambda.function-not-in-vpc',
  title: 'Lambda function is not connected to a VPC',
  severity: 'low',
  resource: 'lambda.function',
  enabledByDefault: false,
  description:
    'The function has no VpcConfig (or an empty SubnetIds list), so it runs on Lambda-managed networking outside any VPC ' +
    'you control. Off by default: "function not in a VPC" is the finding users of other scanners suppress wholesale. Most ' +
    'functions call only AWS APIs, which IAM already guards; a VPC adds NAT or endpoint cost and ENI set-up, and by itself ' +
    'no security. Enable it where policy requires every function inside a VPC (network-level egress control, flow logs).',
  details:
    'Option `requireVpc` (default true): every function must be in a VPC. With `requireVpc: false` it fails only a ' +
    'function outside a VPC that the template wires to a data store reachable only inside a VPC (RDS and Aurora, RDS ' +
    'Proxy, ElastiCache, MemoryDB, DAX, EFS, Redshift, DocumentDB, Neptune, MSK, OpenSearch with VPCOptions): an ' +
    'environment variable holding its endpoint (`!GetAtt Db.Endpoint.Address`; one holding only its port gives no ' +
    'address and does not count by itself), an execution-role grant that connects ' +
    'to it (`rds-db:connect`, `elasticfilesystem:ClientMount`, `es:ESHttp*`, ...), or an EFS mount ' +
    '(FileSystemConfigs). The message names each store once, with every way the function reaches it. A publicly accessible database, an OpenSearch domain without VPCOptions and an MSK cluster ' +
    'with public access do not count; a store used only through its ARN (the RDS Data API) does not either. It is ' +
    'unknown when the template cannot tell: an environment variable from a parameter without default or an import, ' +
    'an RDS instance without `PubliclyAccessible` (RDS then decides from the VPC), an endpoint or ARN of such a ' +
    'service that is not in the template. A Lambda@Edge function (a version of it named in the ' +
    '`LambdaFunctionAssociations` of a CloudFront distribution of the template) passes, naming the distribution: ' +
    'Lambda@Edge does not support VPC access (where that distribution is created only under a condition, a result ' +
    'that would fail is unknown instead); suppress one whose distribution is in another template.',
  risk:
    'Outside a VPC the function reaches the internet directly: its egress cannot be limited by security groups, network ' +
    'ACLs or a firewall, and its traffic does not appear in VPC flow logs. Private resources it needs must then be made ' +
    'reachable from the internet.',
  remediation: {
    text:
      'Connect the function to at least two private subnets (in different Availability Zones) and a security group with ' +
      'only the egress it needs; give it VPC endpoints or a NAT gateway for the AWS APIs it calls. The execution role ' +
      'needs AWSLambdaVPCAccessExecutionRole (SAM adds it).',
    cloudformation:
      'VpcConfig:\n  SubnetIds: [!Ref PrivateSubnetA, !Ref PrivateSubnetB]\n  SecurityGroupIds: [!Ref FunctionSecurityGroup]\n',
    cdk:
      "import * as ec2 from 'aws-cdk-lib/aws-ec2';\n" +
      "import * as lambda from 'aws-cdk-lib/aws-lambda';\n" +
      '\n' +
      "const fn = new lambda.Function(this, 'Fn', {\n" +
      '  // ...runtime, handler, code\n' +
      '  vpc, // CDK adds AWSLambdaVPCAccessExecutionRole to the role it creates\n' +
      '  vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS }, // one per Availability Zone\n' +
      '  securityGroups: [fnSecurityGroup],\n' +
      '});\n',
    cli: 'aws lambda update-function-configuration --function-name <name> --vpc-config SubnetIds=<subnet-a>,<subnet-b>,SecurityGroupIds=<sg>',
    terraform:
      'resource "aws_lambda_function" "this" {\n  vpc_config {\n    subnet_ids         = [aws_subnet.private_a.id, aws_subnet.private_b.id]\n    security_group_ids = [aws_security_group.fn.id]\n  }\n}\n',
  },
  // Security Hub's Lambda.3 ("Lambda functions should be in a VPC") belongs to its NIST and PCI standards, not to FSBP.
  compliance: {
    'nist-800-53-r5': ['AC-4', 'SC-7'],
    'pci-dss-4.0': ['1.3.1', '1.3.2'],
    soc2: ['CC6.6'],
  },
  references: [
    'https://docs.aws.amazon.com/lambda/latest/dg/configuration-vpc.html',
    'https://docs.aws.amazon.com/securityhub/latest/userguide/lambda-controls.html#lambda-3',
  ],
  options: {
    requireVpc: {
      type: 'boolean',
      default: true,
      description:
        'With true, every function must be connected to a VPC. With false, only functions the template wires to ' +
        'data stores reachable only inside a VPC (through an environment variable holding an endpoint, a grant ' +
        'that connects to the store, or an EFS mount) must be.',
    },
  },
  evaluate(fn, ctx) {
    const placement = placementOf(fn);
    if (placement.state === 'vpc') return ctx.pass('The function is connected to a VPC.');
    const edge = edgeDistributions(fn.id, ctx.inventory);
    if (edge.surely.length > 0) {
      return ctx.pass(
        `The function runs as Lambda@Edge for CloudFront distribution ${listedWithAnd(edge.surely)}: Lambda@Edge does not support connecting a function to a VPC.`,
      );
    }
    if (placement.state === 'unknown') return ctx.unknown(placement.reason, { where: placement.where });
    const outcome = regionalOutcome(fn, placement.where, ctx);
    // A distribution under a Condition makes it an Edge function in the deploys that create it, regional in the rest.
    if (outcome.status !== 'fail' || edge.maybe.length === 0) return outcome;
    const { status: _failed, message, ...options } = outcome;
    return ctx.unknown(
      `${message} Unless it runs as Lambda@Edge: CloudFront distribution ${listedWithAnd(edge.maybe)}, which runs ` +
        'it, is created only under a condition, and Lambda@Edge does not support connecting a function to a VPC.',
      options,
    );
  },
});

/** The verdict on a function not connected to a VPC that runs in its region (not as Lambda@Edge). */
function regionalOutcome(
  fn: LambdaFunction,
  where: readonly string[] | undefined,
  ctx: CheckContext,
): Outcome {
  const requireVpc = ctx.option<unknown>('requireVpc', true) !== false;
  if (!requireVpc) return reachOutcome(fn, ctx);
  const how = where ? 'Its VpcConfig lists no subnets' : 'It has no VpcConfig';
  return ctx.fail(
    `The function is not connected to a VPC. ${how}, so it runs on Lambda-managed networking.`,
    {
      ...(where ? { where } : {}),
    },
  );
}
