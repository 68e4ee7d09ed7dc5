import { capitalized, listedWithAnd } from '../../findings/words.js';
import { describeValue } from '../../iam/templates.js';
import { everyAddressIn, type IpFamily } from '../../model/cidr.js';
import type { Inventory } from '../../model/inventory.js';
import type { Reference } from '../../model/lambda.js';
import { type EgressRule, type SecurityGroup, vpcOfDefaultSecurityGroup } from '../../model/network.js';
import { type ResourceBase, restsOnDeployChoices } from '../../model/resource.js';
import type { SourceRef } from '../../model/source.js';
import { isUnknown, type StackResource, type Unknown, unknown } from '../../model/values.js';
import { defineCheck, type Outcome } from '../define.js';
import { copiesWords, judgeTexts, possibleTexts } from '../each-text.js';
import { type Added, type Attached, attachedByOthers, attachedFromHere } from './attached-from-here.js';
import {
  everyPort,
  mayOpenEveryPort,
  rangesIn,
  rangesOf,
  rulesTogether,
  togetherWords,
} from './egress-together.js';
import { distinctReferences, mayOpen, nameOf, placementOf } from './vpc.js';

/** Whether a rule lets traffic out to the whole internet on every port: true, false, or a reason it cannot be told. */
function opensEverything(rule: EgressRule): boolean | string {
  const v4 = rule.cidrIp;
  const v6 = rule.cidrIpv6;
  // `0.0.0.0/0`, or a range AWS reads as it (`10.0.0.0/0`: the network address of a range with host bits set).
  const anywhere = everyAddressIn(rangesOf(rule)) !== undefined;
  if (!anywhere) {
    const open = [v4, v6].find(isUnknown);
    if (open) return `its destination CIDR is not known before deploy (${open.reason})`;
    const unseen = unseenPrefixList(rule);
    return unseen !== undefined && mayOpenEveryPort(rule) ? unseen : false;
  }
  if (isUnknown(rule.protocol)) return `its protocol is not known before deploy (${rule.protocol.reason})`;
  const protocol = rule.protocol.toLowerCase();
  if (protocol === '-1') return true;
  if (!['tcp', 'udp', '6', '17'].includes(protocol)) return false;
  const ports = [rule.fromPort, rule.toPort].find(isUnknown);
  if (ports) return `its port range is not known before deploy (${ports.reason})`;
  return everyPort(rule.fromPort as number | undefined, rule.toPort as number | undefined);
}

/**
 * Why the addresses of a rule's prefix list cannot be read: not one of the template's (`pl-0a1b…` of another stack or
 * account, or AWS's for a service), or entries not known before deploy; undefined where they can, or it names none.
 */
function unseenPrefixList(rule: EgressRule): string | undefined {
  const { prefixList, destinationPrefixList: named } = rule;
  if (prefixList !== undefined)
    return isUnknown(prefixList.entries)
      ? `the entries of its prefix list ${prefixList.id} are not known before deploy (${prefixList.entries.reason})`
      : undefined;
  if (isUnknown(named)) return `its destination prefix list is not known before deploy (${named.reason})`;
  if (named !== undefined)
    return `its destination is prefix list ${named}, whose entries are not in the template (it may hold any address)`;
  return undefined;
}

/** IpProtocol given as its IANA number (`"6"`): the protocol's name, as a message says it. */
const PROTOCOL_NUMBERS: Readonly<Record<string, string>> = {
  '6': 'TCP',
  '17': 'UDP',
  '1': 'ICMP',
  '58': 'ICMPv6',
};

/** `TCP`, or `TCP (protocol 6)` where the template gives the number. */
function protocolWords(protocol: string): string {
  const named = PROTOCOL_NUMBERS[protocol];
  if (named !== undefined) return `${named} (protocol ${protocol})`;
  const lower = protocol.toLowerCase();
  return Object.values(PROTOCOL_NUMBERS).find((name) => name.toLowerCase() === lower) ?? protocol;
}

function describeRule(rule: EgressRule): string {
  const destination =
    rule.prefixList !== undefined
      ? `prefix list ${rule.prefixList.id} (${listedWithAnd(rangesOf(rule))})`
      : typeof rule.cidrIp === 'string' && everyAddressIn([rule.cidrIp])
        ? rule.cidrIp
        : rule.cidrIpv6;
  const protocol = String(rule.protocol);
  if (protocol === '-1') return `all traffic to ${destination}`;
  // AWS documents -1 for ICMP types and codes only; for TCP or UDP, a deploy takes it as every port or fails.
  if (rule.fromPort === -1 && rule.toPort === -1)
    return (
      `every ${protocolWords(protocol)} port (FromPort and ToPort -1, which AWS documents for ICMP only: for ` +
      `${protocolWords(protocol)} it takes them as every port or refuses the rule) to ${destination}`
    );
  return `${protocolWords(protocol)} ports ${rule.fromPort}-${rule.toPort} to ${destination}`;
}

/**
 * A security group of the function as this check judges it: one of the template, or the default security group of
 * a VPC of the template (`!GetAtt Vpc.DefaultSecurityGroup`), which keeps AWS's allow-all rule (see
 * DefaultSecurityGroup).
 */
interface Group {
  /** `security group FnSg`, `the default security group of Vpc`: how a sentence names it. */
  readonly label: string;
  readonly egress: SecurityGroup['egress'];
  /** The resource that deploys it (the VPC, for its default group): whether each copy of it is deployed. */
  readonly resource: ResourceBase;
  /** Where AWS's default rule is fixed: the group's declaration, or (default group) the function's list. */
  readonly source: SourceRef | readonly string[];
  readonly isVpcDefault: boolean;
  /** The other scanned stack that holds it (a nested stack's output, an import): findings stay on this function. */
  readonly otherStack?: string;
  /**
   * Rules that stack may add to it or leave out (under a Condition, on a group an Fn::If chooses) that cannot open it
   * alone, left out of `egress`: with the others their ranges may (see mayAddTogether).
   */
  readonly mayAdd?: readonly EgressRule[];
}

function groupOf(inventory: Inventory, ref: Reference): Group | undefined {
  const group = inventory.resolve(ref, 'ec2.security-group');
  if (group) {
    const label = `security group ${group.id}`;
    return { label, egress: group.egress, resource: group, source: group.source, isVpcDefault: false };
  }
  const other = isUnknown(ref) ? ref.stackResource : undefined;
  if (other !== undefined) return otherStackGroup(inventory, other);
  const vpc = isUnknown(ref) ? undefined : inventory.resolve(vpcOfDefaultSecurityGroup(ref), 'ec2.vpc');
  if (vpc === undefined) return undefined;
  return {
    label: `the default security group of ${vpc.id}`,
    egress: vpc.defaultSecurityGroup.egress,
    resource: vpc,
    source: ['VpcConfig', 'SecurityGroupIds'],
    isVpcDefault: true,
  };
}

/**
 * A security group of another scanned stack (`!GetAtt Net.Outputs.FnSg` of a nested stack's `!GetAtt Sg.GroupId`, an
 * import of its export), judged from that stack's model (Neighbours); or the default security group of a VPC there
 * (its `!GetAtt Vpc.DefaultSecurityGroup`), which keeps AWS's default rule unless a custom resource of either stack
 * is given it (see DefaultSecurityGroup, and link.ts for this stack's). That stack's condition cases are explored in its
 * own scan, not here: rules resting on its parameter defaults or conditions are not known from here.
 */
function otherStackGroup(inventory: Inventory, other: StackResource): Group | undefined {
  const found = inventory.neighbours.resourceOf(other);
  if (found?.kind === 'ec2.vpc' && other.attribute === 'DefaultSecurityGroup') {
    // Only AWS's default rule, which no parameter or condition of that stack removes; its standalone rules only add.
    const egress = found.defaultSecurityGroup.egress;
    return {
      label: `the default security group of ${other.logicalId} of stack ${other.stack}`,
      egress: isUnknown(egress) ? egress : egress.filter((rule) => rule.implicitDefault),
      resource: found,
      source: ['VpcConfig', 'SecurityGroupIds'],
      isVpcDefault: true,
      otherStack: other.stack,
    };
  }
  // Ref and GroupId both give the group's id (AWS::EC2::SecurityGroup return values).
  if (found?.kind !== 'ec2.security-group' || (other.attribute ?? 'GroupId') !== 'GroupId') return undefined;
  // A rule a deploy may add or leave out that cannot open the group alone (one port, the VPC, 0.0.0.0/1) is no doubt
  // by itself; it is one where with the others its range holds every address (mayAdd).
  const byChoice = found.attachedByChoice ?? [];
  const egress = restsOnDeployChoices(found, undefined, (id) => !mayOpen(found, id, ruleOpens))
    ? unknown(`stack ${other.stack} decides them by its parameters or conditions, which a deploy may change`)
    : isUnknown(found.egress)
      ? found.egress
      : found.egress.filter((rule) => rule.declaredBy === undefined || !byChoice.includes(rule.declaredBy));
  return {
    label: `security group ${other.logicalId} of stack ${other.stack}`,
    egress,
    resource: found,
    source: ['VpcConfig', 'SecurityGroupIds'],
    isVpcDefault: false,
    otherStack: other.stack,
    mayAdd: byChoice.flatMap((id) => found.addedByChoice?.[id]?.rule ?? []),
  };
}

/** `FnSg`, `Sg of stack net.yaml`, `the default security group of Vpc`: a group in a list of the function's groups. */
function shortName(inventory: Inventory, ref: Reference): string {
  const group = groupOf(inventory, ref);
  return group === undefined ? nameOf(ref) : group.label.replace(/^security group /, '');
}

interface Open {
  readonly group: Group;
  readonly rule: EgressRule;
  /** Which copy of the group opens it, where a nesting gives its CIDR (see judgeCopiesOf). */
  readonly copy?: string;
  /** The other scanned stack declaring the rule, where one adds it to the group (see attachedByOthers). */
  readonly ruleStack?: string;
  /**
   * Where rules of the function's groups open everything only together (see rulesTogether): who and how, and which
   * of them other templates add (`through`: `128.0.0.0/1 through AWS::EC2::SecurityGroupEgress E of stack b.yaml`).
   */
  readonly together?: {
    readonly labels: readonly string[];
    readonly words: string;
    readonly through?: string;
  };
}

/** A rule of a function's group; `added` where another template adds it (not in the group's model), of `ruleStack`. */
interface GroupRule {
  readonly group: Group;
  readonly rule: EgressRule;
  readonly ruleStack?: string;
  readonly added?: true;
}

/** Whether an egress rule another template adds to a group opens it (see Opens). */
function ruleOpens({ rule }: { readonly rule?: EgressRule }): boolean | undefined {
  const verdict = rule === undefined ? undefined : opensEverything(rule);
  return typeof verdict === 'string' ? undefined : verdict;
}

/**
 * A rule whose CIDR a parameter gives, another text per nesting of the template, each deployed by its own copy of
 * the group (see possibleTexts): judged per copy, and the copy that opens everything returned with its text.
 */
function judgeCopiesOf(rule: EgressRule, group: Group): { verdict: boolean | string; open?: Open } {
  const field = (['cidrIp', 'cidrIpv6'] as const).find(
    (f) => possibleTexts(rule[f], group.resource)?.each === true,
  );
  const possible = field === undefined ? undefined : possibleTexts(rule[field], group.resource);
  if (field === undefined || possible === undefined) return { verdict: opensEverything(rule) };
  const { status, failing } = judgeTexts(
    possible,
    (text) => opensEverything({ ...rule, [field]: text }),
    (verdict) => (verdict === true ? 'fail' : verdict === false ? 'pass' : 'unknown'),
  );
  const first = failing[0];
  if (status === 'fail' && first !== undefined) {
    const value = rule[field] as Unknown;
    const copy = `${value.template} is one of ${possible.texts.join(', ')} (${value.reason})${copiesWords(possible)}`;
    return { verdict: true, open: { group, rule: { ...rule, [field]: first.text }, copy } };
  }
  return { verdict: status === 'pass' ? false : opensEverything(rule) };
}

/** The rules of the function's groups that open everything, and why others cannot be judged. */
function judgeGroups(inventory: Inventory, groups: readonly Reference[]): { open: Open[]; doubts: string[] } {
  const open: Open[] = [];
  const doubts: string[] = [];
  // The rules of every group, read together where none alone opens everything: their ranges may add up. So are those
  // other templates surely add to a group, which its model lacks; those they only may add (`mayAdd`) may.
  const known: GroupRule[] = [];
  const mayAdd: GroupRule[] = [];
  for (const ref of distinctReferences(groups)) {
    const group = groupOf(inventory, ref);
    const added: Added[] = [];
    // A rule the function's own template adds to another stack's group is not in that stack's model. Rules only add:
    // one there that opens everything still does. (A VPC's default group keeps AWS's default rule: it fails anyway.)
    const noted = (attached: Attached) => {
      if (group === undefined) return;
      if (attached.doubt !== undefined) doubts.push(`${group.label}: ${attached.doubt}`);
      const { opening } = attached;
      if (opening?.rule !== undefined) open.push({ group, rule: opening.rule, ruleStack: opening.stack });
      added.push(...(attached.added ?? []));
    };
    // Rules only add: one there that opens everything still does, and one added that cannot open alone is no doubt,
    // its range added up with the group's (`added`). (A VPC's default group keeps AWS's default rule: it fails anyway.)
    if (group?.otherStack !== undefined && !group.isVpcDefault)
      noted(attachedFromHere(inventory, 'ec2.security-group', group.resource, 'it', ruleOpens));
    // So is one another scanned stack adds (a sibling nested stack given the group by their parent).
    if (group !== undefined && !group.isVpcDefault)
      noted(
        attachedByOthers(inventory, 'ec2.security-group', group.resource, group.otherStack, 'it', ruleOpens),
      );
    if (!group) {
      doubts.push(
        isUnknown(ref)
          ? `a security group id is not known before deploy (${ref.reason})`
          : `security group ${describeValue(ref)} is not in this template`,
      );
    } else if (isUnknown(group.egress)) {
      doubts.push(`the egress rules of ${group.label} are not known before deploy (${group.egress.reason})`);
    } else {
      for (const rule of group.egress) {
        known.push({ group, rule });
        const { verdict, open: copy } = judgeCopiesOf(rule, group);
        if (verdict === true) open.push(copy ?? { group, rule });
        else if (typeof verdict === 'string') doubts.push(`an egress rule of ${group.label}: ${verdict}`);
      }
      doubts.push(...unseenRules(group));
    }
    if (group === undefined) continue;
    // After the group's own: a finding on rules together points at the first, in the group's file where it can.
    for (const { rule, stack, surely } of added)
      if (rule !== undefined) (surely ? known : mayAdd).push({ group, rule, ruleStack: stack, added: true });
    // Those its stack may add (a Condition), or whose GroupId is made from it (most likely on it).
    for (const rule of [...(group.mayAdd ?? []), ...unseenAdded(group)])
      mayAdd.push({ group, rule, ruleStack: group.otherStack });
  }
  if (open.length > 0) return { open, doubts };
  const together = judgeTogether(known, mayAdd);
  return {
    open: together.open === undefined ? [] : [together.open],
    doubts: [...doubts, ...together.doubts],
  };
}

/**
 * Where no rule alone opens everything: the rules of the function's groups that do together (`known`), or why they
 * may (a protocol or ports not known before deploy, rules a deploy may add: `mayAdd`).
 */
function judgeTogether(
  known: readonly GroupRule[],
  mayAdd: readonly GroupRule[],
): { open?: Open; doubts: string[] } {
  const together = rulesTogether(known);
  const first = together !== undefined && 'open' in together ? together.open.rules[0] : undefined;
  if (together !== undefined && 'open' in together && first !== undefined) {
    const labels = [...new Set(together.open.rules.map(({ group }) => group.label))];
    const through = addedWords(together.open.rules, together.open.family);
    return {
      open: { ...first, together: { labels, words: togetherWords(together.open), through } },
      doubts: [],
    };
  }
  if (together !== undefined && 'maybe' in together)
    return {
      doubts: [
        `its rules may together allow every address on every port: the protocol or ports of the rule${together.maybe.length === 1 ? '' : 's'} to ${listedWithAnd(together.maybe.flatMap(rangesOf))} are not known before deploy`,
      ],
    };
  return { doubts: mayAddTogether(known, mayAdd) };
}

/** `E of stack b.yaml`, `E`: a standalone rule another template adds, as a message names it. */
function ruleName({ rule, ruleStack }: GroupRule): string {
  return `${rule.declaredBy}${ruleStack === undefined ? '' : ` of stack ${ruleStack}`}`;
}

/** `128.0.0.0/1 through AWS::EC2::SecurityGroupEgress E of stack b.yaml`: the rules together other templates add. */
function addedWords(rules: readonly GroupRule[], family: IpFamily): string | undefined {
  const words = rules
    .filter(({ added }) => added)
    .map(
      (r) =>
        `${listedWithAnd(rangesIn(r.rule, family))} through AWS::EC2::SecurityGroupEgress ${ruleName(r)}`,
    );
  return words.length === 0 ? undefined : listedWithAnd(words);
}

/**
 * Why rules other templates may add to the function's groups (a deploy may leave them out, or put them on another
 * group) leave the egress unknown: with them, the rules of its groups would together allow every address.
 */
function mayAddTogether(known: readonly GroupRule[], mayAdd: readonly GroupRule[]): string[] {
  const together = mayAdd.length === 0 ? undefined : rulesTogether([...known, ...mayAdd]);
  if (together === undefined) return [];
  const involved = 'open' in together ? together.open.rules.filter((r) => mayAdd.includes(r)) : mayAdd;
  const byGroup = new Map<string, string[]>();
  for (const r of involved) byGroup.set(r.group.label, [...(byGroup.get(r.group.label) ?? []), ruleName(r)]);
  const where = [...byGroup].map(
    ([label, names]) =>
      `egress rule${names.length === 1 ? '' : 's'} ${listedWithAnd(names)} may be on ${label}`,
  );
  const them = involved.length === 1 ? 'it' : 'them';
  const allow =
    'open' in together
      ? `would allow ${togetherWords(together.open)}`
      : 'may allow every address on every port (a protocol or ports not known before deploy decide)';
  return [`${listedWithAnd(where)}; with ${them}, the rules of the function's groups ${allow}`];
}

/**
 * For a group of the template itself, the standalone egress rules (that may open it) whose GroupId is not known before
 * deploy but is made from the group's id (Resource.attachedUnseen): most likely on it, though not read as its rules.
 */
function unseenRules(group: Group): string[] {
  if (group.otherStack !== undefined || group.isVpcDefault) return [];
  const resource = group.resource;
  return (resource.attachedUnseen ?? [])
    .filter((id) => mayOpen(resource, id, ruleOpens))
    .map(
      (id) =>
        `egress rule ${id} may be on ${group.label}: its GroupId may name that group, which cannot be told before deploy`,
    );
}

/** The rules of unseenRules that cannot open the group alone, as read: with its others their ranges may. */
function unseenAdded(group: Group): EgressRule[] {
  if (group.otherStack !== undefined || group.isVpcDefault) return [];
  const resource = group.resource;
  return (resource.attachedUnseen ?? [])
    .filter((id) => !mayOpen(resource, id, ruleOpens))
    .flatMap((id) => resource.addedByChoice?.[id]?.rule ?? []);
}

function failMessage({ group, rule, copy, ruleStack, together }: Open): string {
  if (together !== undefined) {
    const [one, ...more] = together.labels;
    const who =
      more.length === 0
        ? `${capitalized(one ?? group.label)} allows`
        : `${capitalized(listedWithAnd(together.labels))} allow`;
    return `${who} ${together.words}${together.through === undefined ? '' : ` (${together.through})`}.`;
  }
  const subject = capitalized(group.label);
  if (copy !== undefined) return `${subject} allows ${describeRule(rule)} where ${copy}.`;
  const keepsDefault = !isUnknown(group.egress) && group.egress.some((r) => r.implicitDefault);
  if (!rule.implicitDefault) {
    const by =
      rule.declaredBy === undefined
        ? ''
        : ` through AWS::EC2::SecurityGroupEgress ${rule.declaredBy}${ruleStack === undefined ? '' : ` of stack ${ruleStack}`}`;
    // Removing that rule alone would leave AWS's default rule, which allows the same.
    const also = !keepsDefault
      ? ''
      : group.isVpcDefault
        ? ` Removing it is not enough: ${group.label} also keeps AWS's default rule allowing all outbound traffic to anywhere.`
        : ' Removing it is not enough: the group declares no egress rules in SecurityGroupEgress, so AWS also ' +
          'keeps its default rule allowing all outbound traffic to anywhere.';
    return `${subject} allows ${describeRule(rule)}${by}.${also}`;
  }
  const standalone = !isUnknown(group.egress) && group.egress.some((r) => !r.implicitDefault);
  if (group.isVpcDefault) {
    return (
      `The function uses ${group.label}, which keeps AWS's default rule allowing all outbound traffic to anywhere: ` +
      `no CloudFormation property removes it${standalone ? ', and AWS::EC2::SecurityGroupEgress resources on it only add rules' : ''}.`
    );
  }
  return (
    `${subject} declares no egress rules in SecurityGroupEgress, so AWS keeps its default rule ` +
    `allowing all outbound traffic to anywhere` +
    `${standalone ? ' (standalone AWS::EC2::SecurityGroupEgress resources do not remove it)' : ''}.`
  );
}

export default defineCheck({
  id: 'lambda.vpc-security-group-egress-all',
  title: 'VPC Lambda function security group allows all outbound traffic to the internet',
  severity: 'medium',
  resource: 'lambda.function',
  description:
    'A security group of this VPC function allows egress to 0.0.0.0/0 or ::/0 on every protocol (or every TCP or UDP ' +
    'port), or its rules do together. This includes the allow-all rule AWS adds to a security group that declares no egress rules in ' +
    'SecurityGroupEgress; standalone AWS::EC2::SecurityGroupEgress resources do not remove it. The default security ' +
    'group of a VPC the template creates (`!GetAtt Vpc.DefaultSecurityGroup`) keeps that rule too, as no CloudFormation ' +
    'property removes it; a custom resource given that group may change its rules, which makes the result unknown. ' +
    'A group of another stack scanned with this one (a nested stack output, an import) is judged from that stack, and ' +
    'is unknown where its parameters or conditions decide the rules (a rule under a Condition, or on a group ' +
    'chosen by `Fn::If`, `Fn::Select`, `Fn::FindInMap`); the default security group of a VPC of that ' +
    'stack keeps the allow-all rule as it does here.',
  details:
    'Security groups add up, so one such group opens the function whatever the others say, and so do rules: ranges that together hold every address (`0.0.0.0/1` and `128.0.0.0/1`, `::/1` and `8000::/1`), in ' +
    'one group or several of the function, on every protocol or every port of TCP or UDP, count as `0.0.0.0/0` does; ' +
    'port ranges add up too, each with its own ranges only: `0.0.0.0/0` on TCP ports 0-1000 and 1001-65535 fails, ' +
    '`0.0.0.0/1` on ports 0-1000 with `128.0.0.0/1` on 1001-65535 does not (no port reaches every address). ' +
    'A rule to a prefix list of the template (`!GetAtt Pl.PrefixListId`) reaches the CIDRs of its Entries, alone or ' +
    'with the others; one to a prefix list whose entries the template does not hold (a `pl-` id, a parameter, an ' +
    'AWS-managed list) is unknown where it is open on every protocol or every port of TCP or UDP, and no doubt on ' +
    'some ports only. ' +
    'They are unknown where a protocol or ports not known before deploy decide. Rules another scanned template adds ' +
    'to a group (an AWS::EC2::SecurityGroupEgress on a group it imports, or one a parent gives it) add up with the ' +
    "group's own: `0.0.0.0/1` here and `128.0.0.0/1` there fail, naming the rule added; one that only may be on it " +
    '(under a Condition, on a group an `Fn::If` chooses, named through a `!Sub`) and would complete every address ' +
    'leaves it unknown. ' +
    "A group of another stack is not judged from that stack's model alone where the function's own template declares " +
    'an AWS::EC2::SecurityGroupEgress on a group it does not declare (a parameter, an import, a literal id): that ' +
    "stack's model does not hold the rule, so the group is unknown, naming the declaration, unless the rule is known " +
    "to be on another of that stack's groups. Rules only add: a group that model shows open still fails. A group " +
    '(of this template or another) is unknown too where another scanned stack declares such a rule on it (a sibling ' +
    'nested stack the parent gives the group; one naming it through a `!Sub` or `!Join` Parapet does not read counts ' +
    'where the parent gives the stack it), naming that stack and rule, or where the parent gives it to a nested ' +
    'stack whose template the scan does not read. A rule (of either) that cannot open the group (not to 0.0.0.0/0 or ' +
    '::/0, or on some ports only) leaves it judged, also under a Condition or on a group an `Fn::If` chooses (it ' +
    'cannot open whichever it goes on), unless its range completes every address with the others (above); one known to be on it that allows every port to anywhere fails ' +
    'as a rule of its own stack would, naming the rule and its stack, where neither it nor its target rests on ' +
    "parameter defaults or conditions. A rule of the group's own stack under a Condition, or on a group an " +
    '`Fn::If` chooses, that cannot open it whatever the deploy (its own values resting on no choice) is no doubt either, unless its ' +
    'range completes every address with the others. ' +
    "A rule whose GroupId is text not known before deploy made from the template's own group (`!Join ['', " +
    "[!Ref Sg, '']]`) is taken to be on it: unknown, naming it, unless it cannot open the group, alone or with its rules (`!Sub " +
    "'${Sg.GroupId}'` is `!GetAtt Sg.GroupId`, the group itself).",
  risk:
    'Code running in the function (a compromised dependency, an injection) can send data to any host on the internet ' +
    'through the NAT gateway; the VPC then contains nothing. Lambda functions need only the ports and destinations of ' +
    'what they call: usually HTTPS to VPC endpoints or AWS prefix lists, and the database port of the VPC.',
  remediation: {
    text:
      'Give the function its own security group with explicit egress rules: HTTPS (443) to VPC endpoint security groups ' +
      'or AWS prefix lists, and the database or cache port to that security group. Declaring any egress rule in ' +
      'SecurityGroupEgress removes the default allow-all rule.',
    cloudformation:
      'FunctionSecurityGroup:\n  Type: AWS::EC2::SecurityGroup\n  Properties:\n    GroupDescription: Lambda egress\n    VpcId: !Ref Vpc\n    SecurityGroupEgress:\n      - IpProtocol: tcp\n        FromPort: 443\n        ToPort: 443\n        DestinationSecurityGroupId: !Ref EndpointSecurityGroup\n',
    cdk:
      "import * as ec2 from 'aws-cdk-lib/aws-ec2';\n" +
      "import * as lambda from 'aws-cdk-lib/aws-lambda';\n" +
      '\n' +
      "const fnSecurityGroup = new ec2.SecurityGroup(this, 'FnSecurityGroup', { vpc, allowAllOutbound: false });\n" +
      "fnSecurityGroup.addEgressRule(endpointSecurityGroup, ec2.Port.tcp(443), 'HTTPS to the VPC endpoints');\n" +
      "const fn = new lambda.Function(this, 'Fn', {\n" +
      '  // ...runtime, handler, code\n' +
      '  vpc,\n' +
      '  securityGroups: [fnSecurityGroup], // left out, CDK makes a group that allows all outbound traffic\n' +
      '});\n',
    cli: 'aws ec2 revoke-security-group-egress --group-id <sg> --ip-permissions IpProtocol=-1,IpRanges=[{CidrIp=0.0.0.0/0}]',
    terraform:
      'resource "aws_vpc_security_group_egress_rule" "https_to_endpoints" {\n  security_group_id            = aws_security_group.fn.id\n  ip_protocol                  = "tcp"\n  from_port                    = 443\n  to_port                      = 443\n  referenced_security_group_id = aws_security_group.endpoints.id\n}\n',
  },
  compliance: {
    'nist-800-53-r5': ['AC-4', 'SC-7', 'SC-7(5)'],
    'pci-dss-4.0': ['1.3.2'],
    soc2: ['CC6.6'],
  },
  references: [
    'https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-ec2-securitygroup.html',
    'https://docs.aws.amazon.com/vpc/latest/userguide/security-group-rules.html',
    'https://docs.aws.amazon.com/vpc/latest/userguide/default-security-group.html',
    'https://docs.aws.amazon.com/lambda/latest/dg/configuration-vpc.html',
  ],
  evaluate(fn, ctx): Outcome {
    const placement = placementOf(fn);
    if (placement.state === 'outside') return ctx.notApplicable('the function is not in a VPC');
    // Unknown SubnetIds still leave the groups to judge: a function that lists security groups is meant for a VPC.
    const config = fn.vpcConfig;
    if (config === undefined || isUnknown(config)) {
      const reason =
        placement.state === 'unknown' ? placement.reason : 'VpcConfig is not known before deploy';
      return ctx.unknown(reason, { where: ['VpcConfig'] });
    }
    const groups = config.securityGroupIds;
    if (isUnknown(groups)) {
      return ctx.unknown(`VpcConfig.SecurityGroupIds is not known before deploy (${groups.reason})`, {
        where: ['VpcConfig', 'SecurityGroupIds'],
      });
    }
    if (groups.length === 0) return ctx.notApplicable('no security groups');

    const { open, doubts } = judgeGroups(ctx.inventory, groups);
    // An explicit rule is the stronger reason (and the place to fix) than AWS's implicit default.
    const first = open.find((o) => !o.rule.implicitDefault) ?? open[0];
    if (first) {
      const others = [...new Set(open.map((o) => o.group))]
        .filter((group) => group !== first.group)
        .map((group) => group.label.replace(/^security group /, ''));
      // Each rule to remove (CDK's allowAllIpv6Outbound writes one for 0.0.0.0/0 and one for ::/0).
      const alsoOpen = open
        .filter((o) => o.group === first.group && o.rule !== first.rule && !o.rule.implicitDefault)
        .map((o) => describeRule(o.rule));
      // A rule of another stack is in another file: the finding stays on this function's list.
      const where =
        first.rule.implicitDefault || first.group.otherStack !== undefined || first.ruleStack !== undefined
          ? first.group.source
          : first.rule.source;
      const message =
        failMessage(first) +
        (alsoOpen.length > 0 ? ` It also allows ${alsoOpen.join(', ')}.` : '') +
        (others.length > 0 ? ` So does ${others.join(', ')}.` : '');
      return ctx.fail(message, {
        where,
        evidence: {
          securityGroup: first.group.label.replace(/^security group /, ''),
          rule: first.rule.implicitDefault
            ? 'AWS default rule: all outbound traffic'
            : (first.together?.words ?? describeRule(first.rule)),
        },
      });
    }
    if (doubts.length > 0) {
      return ctx.unknown(`Cannot tell whether the function's egress is open: ${doubts.join('; ')}.`, {
        where: ['VpcConfig', 'SecurityGroupIds'],
      });
    }
    return ctx.pass(
      `No security group of the function (${distinctReferences(groups)
        .map((ref) => shortName(ctx.inventory, ref))
        .join(', ')}) allows all outbound traffic to the internet.`,
    );
  },
});
