import { listedWithAnd, parametersNamed } from '../../findings/words.js';
import { describeValue } from '../../iam/templates.js';
import type { Inventory } from '../../model/inventory.js';
import type { Reference } from '../../model/lambda.js';
import { writtenIndex } from '../../model/source.js';
import { isUnknown } from '../../model/values.js';
import { defineCheck, type Outcome } from '../define.js';
import {
  distinctReferences,
  inScope,
  leftToItsStack,
  nameOf,
  otherStackSubnet,
  placementOf,
  subnetOf,
  subnetPath,
} from './vpc.js';

/**
 * What can be said of a subnet's Availability Zone, as a key that two subnets share exactly when they are in the same
 * zone, within its `space`: `name` (`us-east-1a`) and `id` (AZ ID, `use1-az1`) literal; `region` a letter after the
 * region (`!Sub '${AWS::Region}a'`); `index` the i-th zone of `!GetAZs ''`; `shape` any other `${...}` text (a
 * parameter), which names the same zone wherever it appears. Keys of different spaces cannot be compared: an account
 * maps zone names to zones its own way (AZ IDs name the same zone in every account: "AZ IDs" in the AWS RAM User Guide).
 * Undefined when nothing can be said.
 */
interface Zone {
  readonly space: 'name' | 'id' | 'region' | 'index' | 'shape';
  readonly key: string;
  /** How a message names it: `us-east-1a`, `zone ID use1-az1`, `zone a of the region`, `the first zone of the region`. */
  readonly words: string;
  /** For a zone of the region read as a zone name (see withRegionOfNames): how it was written, `zone a of the region`. */
  readonly region?: string;
}

/** The properties that place a subnet in a zone. */
const ZONE_PROPERTIES = ['AvailabilityZone', 'AvailabilityZoneId'];

function zoneOf(inventory: Inventory, ref: Reference): Zone | undefined {
  const found = subnetOf(inventory, ref, ZONE_PROPERTIES);
  if (found === undefined) return undefined;
  const { subnet, scope } = found;
  const id = subnet.availabilityZoneId;
  if (typeof id === 'string') return { space: 'id', key: id, words: `zone ID ${id}` };
  const az = subnet.availabilityZone;
  if (typeof az === 'string') return { space: 'name', key: az, words: az };
  const shape = isUnknown(az) ? az.template : isUnknown(id) ? id.template : undefined;
  if (shape === undefined) return undefined;
  const index = AZ_OF_REGION.exec(shape)?.[1];
  if (index !== undefined && isUnknown(az)) {
    return { space: 'index', key: index, words: `the ${ordinal(Number(index))} zone of the region` };
  }
  const letter = LETTER_OF_REGION.exec(shape)?.[1];
  if (letter !== undefined && isUnknown(az)) {
    return { space: 'region', key: letter, words: `zone ${letter} of the region` };
  }
  // A parameter of another stack (a parent's `${Zone}`) is not this one's of the same name.
  return { space: 'shape', key: inScope(shape, scope), words: inScope(shape, scope) };
}

/** The shape the template source gives `!Select [i, !GetAZs '']`: the i-th zone of the region. */
const AZ_OF_REGION = /^\$\{AWS::AZs\[(\d+)\]\}$/;

/**
 * `!Sub '${AWS::Region}a'`: a zone name is its region's code and a letter, so two letters are two zones of whatever
 * region the stack is deployed in (a letter the region lacks fails the deploy).
 */
const LETTER_OF_REGION = /^\$\{AWS::Region\}([a-z])$/;

/**
 * A zone name of a Region, `us-east-1a`: the Region's code (`us-east-1`) and a letter ("AWS Availability Zones" in the
 * AWS Regions and Availability Zones guide). Local and Wavelength Zones (`us-west-2-lax-1a`) do not match.
 */
const ZONE_OF_REGION = /^([a-z]{2}(?:-[a-z]+)+-\d+)([a-z])$/;

/**
 * A zone of the region written with a letter (`!Sub '${AWS::Region}a'`), read as a zone name when the function's
 * other subnets name zones of one Region only: a subnet is created in the stack's Region, so a stack with a subnet in
 * `us-east-1a` deploys only in `us-east-1`, where `${AWS::Region}a` is `us-east-1a` (elsewhere it would not deploy).
 * Zones stay as they are when the names give no Region, or more than one.
 */
function withRegionOfNames(zones: readonly (Zone | undefined)[]): (Zone | undefined)[] {
  const regions = new Set(
    zones.flatMap((z) => (z?.space === 'name' ? [ZONE_OF_REGION.exec(z.key)?.[1]] : [])),
  );
  const [region] = regions;
  if (regions.size !== 1 || region === undefined) return [...zones];
  return zones.map((z) =>
    z?.space === 'region'
      ? { space: 'name', key: `${region}${z.key}`, words: `${region}${z.key}`, region: z.words }
      : z,
  );
}

const ORDINALS = [
  'first',
  'second',
  'third',
  'fourth',
  'fifth',
  'sixth',
  'seventh',
  'eighth',
  'ninth',
  'tenth',
];

/** 0 → `first`: the index of `!Select` as a sentence counts. */
function ordinal(index: number): string {
  return ORDINALS[index] ?? `${index + 1}th`;
}

/** `us-east-1a, us-east-1b`; `zone IDs use1-az1, use1-az2`; `the first and second zones of the region`; `zones a and b of the region`. */
function spanned(space: Zone['space'], words: readonly string[]): string {
  if (space === 'index') {
    return `the ${listedWithAnd(words.map((w) => w.replace(/^the (\S+) zone of the region$/, '$1')))} zones of the region`;
  }
  if (space === 'region')
    return `zones ${listedWithAnd(words.map((w) => w.split(' ')[1] as string))} of the region`;
  if (space === 'id') return `zone IDs ${words.map((w) => w.replace(/^zone ID /, '')).join(', ')}`;
  return words.join(', ');
}

/** `2 Availability Zones (us-east-1a, us-east-1b)`: where the zones span two or more; undefined where not known to. */
function spanOf(zones: readonly (Zone | undefined)[]): string | undefined {
  // Zones are counted within one space (see Zone): two different keys of a space are two zones.
  for (const space of ['name', 'id', 'region', 'index'] as const) {
    const seen = new Map(zones.flatMap((z) => (z?.space === space ? [[z.key, z.words] as const] : [])));
    if (seen.size >= 2) {
      const words = [...seen.keys()].sort().map((key) => seen.get(key) as string);
      return `${seen.size} Availability Zones (${spanned(space, words)})`;
    }
  }
  return undefined;
}

export default defineCheck({
  id: 'lambda.vpc-single-az',
  title: 'VPC Lambda function runs in a single Availability Zone',
  severity: 'low',
  resource: 'lambda.function',
  description:
    'The function is connected to one subnet, or to subnets that are all in one Availability Zone. Lambda runs a VPC ' +
    'function only in the zones of its subnets. Zones are compared as the template writes them: zone names, AZ IDs ' +
    "(`AvailabilityZoneId`), the region and a letter (`!Sub '${AWS::Region}a'`), or indexes of `!Select` over " +
    '`!GetAZs`. Subnets not in the template, or whose zone is not known before deploy, make the result unknown ' +
    'unless two zones are seen.',
  details:
    "A subnet an `Fn::Select` picks by a parameter's default (`!Select [!Ref Idx, [!Ref A, !Ref B]]`), or a " +
    "parameter's value whose default names one of the template's subnets, may be another in a deploy: the zones are " +
    'counted without it, unknown where only it makes them two. ' +
    'A letter of the region beside zone names of one Region (`us-east-1a`) is read as a zone of that ' +
    'Region, the only one where such a stack deploys. A zone name beside an AZ ID cannot be compared (each account ' +
    'maps zone names to zones its own way). A subnet listed twice is one subnet, a parameter or a resource of a ' +
    'parent stack listed twice too (`[!Ref Subnet, !Ref Subnet]` fails, whatever subnet the parameter names). A ' +
    'subnet of a parent stack scanned with this one (given as `!Ref Subnet`) is read in that stack, its zone as that ' +
    "template writes it, unless that stack's parameter defaults or conditions decide it.",
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
    'https://docs.aws.amazon.com/ram/latest/userguide/working-with-az-ids.html',
  ],
  evaluate(fn, ctx): Outcome {
    const placement = placementOf(fn);
    if (placement.state === 'outside') return ctx.notApplicable('the function is not in a VPC');
    if (placement.state === 'unknown') return ctx.unknown(placement.reason, { where: placement.where });
    const subnets = distinctReferences(placement.subnets);
    if (subnets.length === 1) {
      return ctx.fail(
        `The function is connected to a single subnet (${singleSubnetWords(subnets[0] as Reference)}), so it runs in one Availability Zone.`,
        {
          where: subnetPath(placement.config, placement.subnets.indexOf(subnets[0] as Reference)),
        },
      );
    }
    const zones = withRegionOfNames(subnets.map((s) => zoneOf(ctx.inventory, s)));
    const span = spanOf(zones);
    if (span !== undefined) {
      const spans = `The function's subnets span ${span}`;
      const chosen = placement.config.subnetsChosen ?? [];
      if (chosen.length === 0) return ctx.pass(`${spans}.`);
      // Items a parameter's default picks (VpcConfig.subnetsChosen) may be other subnets in a deploy that overrides
      // it, maybe in the zone of the rest: the span counts only the others.
      const picked = new Set(chosen.map((choice) => choice.index));
      const others = distinctReferences(
        placement.subnets.filter((_, i) => !picked.has(writtenIndex(placement.config.subnetPlaces, i))),
      );
      if (spanOf(withRegionOfNames(others.map((s) => zoneOf(ctx.inventory, s)))) !== undefined)
        return ctx.pass(`${spans}.`);
      const parameters = [...new Set(chosen.flatMap((choice) => choice.parameters))];
      const items = [...picked].sort((a, b) => a - b);
      return ctx.unknown(
        `Cannot count the Availability Zones the function spans: its subnets span ${span} as ` +
          `${parametersNamed(parameters)} ${parameters.length === 1 ? 'picks them' : 'pick them'} by default, ` +
          `but SubnetIds item${items.length === 1 ? '' : 's'} ${items.join(', ')} may name another subnet in a deploy that overrides it.`,
        { where: ['VpcConfig', 'SubnetIds'] },
      );
    }
    const keys = new Set(zones.map((z) => (z === undefined ? undefined : `${z.space}:${z.key}`)));
    const only = zones[0];
    if (keys.size === 1 && only !== undefined) {
      const read = zones.find((z) => z?.region !== undefined);
      const why =
        read === undefined
          ? ''
          : `: a stack with a subnet in ${only.words} deploys only in ${only.words.slice(0, -1)}, where ${read.region} is ${only.words}`;
      return ctx.fail(
        `All ${subnets.length} subnets of the function are in the same Availability Zone (${only.words})${why}.`,
        { where: ['VpcConfig', 'SubnetIds'] },
      );
    }
    const blind = subnets.filter((_, i) => zones[i] === undefined);
    if (blind.length > 0) {
      // Worded as vpc-public-subnet words the same subnets.
      const words = blind.map((ref) =>
        subnetOf(ctx.inventory, ref, ZONE_PROPERTIES) !== undefined
          ? `the Availability Zone of subnet ${nameOf(ref)} is not known before deploy`
          : otherStackSubnet(ctx.inventory, ref) !== undefined
            ? leftToItsStack(nameOf(ref), 'the Availability Zone')
            : isUnknown(ref)
              ? `a subnet id is not known before deploy (${ref.reason})`
              : `subnet ${describeValue(ref)} is not in this template`,
      );
      return ctx.unknown(`Cannot count the Availability Zones the function spans: ${words.join('; ')}.`, {
        where: ['VpcConfig', 'SubnetIds'],
      });
    }
    const told = [...new Set(zones.map((z) => (z as Zone).words))];
    return ctx.unknown(
      `Cannot count the Availability Zones the function spans: its subnets' zones (${told.join(', ')}) are given in ways that cannot be compared before deploy.`,
      { where: ['VpcConfig', 'SubnetIds'] },
    );
  },
});

/**
 * The one subnet, named; for a resource's attribute (`${Lookup.SubnetId}`) with what gives it too, which its name does
 * not tell (a custom resource's provider, a nested stack's output), as a parameter's name (`${Subnet}`) does.
 */
function singleSubnetWords(ref: Reference): string {
  const name = nameOf(ref);
  return isUnknown(ref) && ATTRIBUTE.test(name) ? `${name}: ${ref.reason}` : name;
}

/** `${Resource.Attribute}`, `${Stack.Outputs.Name}`. */
const ATTRIBUTE = /^\$\{[A-Za-z0-9]+\.[A-Za-z0-9.]+\}$/;
