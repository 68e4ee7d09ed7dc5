import { listedWithAnd, listedWithOr } from '../../findings/words.js';
import type { ApiRoute } from '../../model/apigateway.js';
import { everyAddressIn } from '../../model/cidr.js';
import type { Derivation, Inventory } from '../../model/inventory.js';
import { isUnknown, unknown, type Value } from '../../model/values.js';
import type { IpSetMatch, RuleMatch, StageWebAcl, WebAcl, WebAclRule } from '../../model/waf.js';
import { mappedIpv4Prefix } from './ipv4-mapped.js';

/**
 * Whether AWS WAF lets only fixed addresses reach a REST API route, stage by stage (a call reaches it through any
 * stage of its API), like a resource policy that denies callers outside listed addresses:
 * - `restricted`: every stage has a web ACL that blocks what its rules do not allow, and whose only Allow rules
 *   match the connection's address against IP sets of fixed addresses (or that blocks whatever is not from one);
 * - `public`: a stage has no web ACL, or one that lets other requests through; the reason says how;
 * - `unknown`: what decides it is not known before deploy (a parameter, an import, a rule group's rules).
 * Undefined where no web ACL association names the route's API.
 */
export interface WebAclAccess {
  readonly answer: 'public' | 'restricted' | 'unknown';
  /** In words, for the finding: which stage and web ACL decide, and how. */
  readonly reason: string;
  /**
   * Who gets through where that is narrower than anyone (`anyone who can send requests through CloudFront
   * distribution Cdn, or who learns the value, can call it`), for a public answer.
   */
  readonly callers?: string;
}

export function webAclAccess(route: ApiRoute, inventory: Inventory): WebAclAccess | undefined {
  const stages = route.stageWebAcls;
  return stages === undefined ? undefined : inventory.derived(ACCESS_OF_STAGES, stages);
}

/**
 * What the web ACLs of an API's stages let through, worked out once per API: every route of a REST API shares its
 * stage list (ApiRoute.stageWebAcls), and the answer rests on that list alone.
 */
const ACCESS_OF_STAGES: Derivation<Value<readonly StageWebAcl[]>, WebAclAccess> = {
  compute: (_inventory, stages) => stagesAccess(stages),
};

function stagesAccess(stages: Value<readonly StageWebAcl[]>): WebAclAccess {
  if (isUnknown(stages))
    return { answer: 'unknown', reason: `the web ACLs of its stages are not known (${stages.reason})` };
  const judged = stages.map(judgeStage);
  const open = mostOpen(judged);
  if (open) return open;
  const unsure = judged.find((j) => j.answer === 'unknown');
  if (unsure) return unsure;
  return { answer: 'restricted', reason: listedWithAnd(judged.map((j) => j.reason)) };
}

/** The public answer that lets in anyone, before one that lets in only a CloudFront distribution's callers. */
function mostOpen(judged: readonly WebAclAccess[]): WebAclAccess | undefined {
  const open = judged.filter((j) => j.answer === 'public');
  return open.find((j) => j.callers === undefined) ?? open[0];
}

function stageName(stage: StageWebAcl): string {
  const name = isUnknown(stage.stage) ? 'a stage whose name is not known' : `stage ${stage.stage}`;
  return stage.made === undefined ? name : `${name} (${stage.made})`;
}

/**
 * The web ACL on a stage. Where several associations name it, the one deployed last stays, which the template does
 * not tell: the stage is public or restricted only where every one of them is, else unknown, naming each.
 */
function judgeStage(stage: StageWebAcl): WebAclAccess {
  const name = stageName(stage);
  const acls = stage.webAcls;
  const [first, ...others] = (acls ?? []).map((acl) => judgeStageAcl(name, acl));
  if (first === undefined) return { answer: 'public', reason: `its ${name} has no web ACL` };
  if (others.length === 0) return first;
  const judged = [first, ...others];
  const reasons = listedWithAnd([...new Set(judged.map((j) => j.reason))]);
  if (others.every((j) => j.answer === first.answer))
    return first.answer === 'restricted'
      ? { answer: 'restricted', reason: reasons }
      : (mostOpen(judged) ?? first);
  return {
    answer: 'unknown',
    reason: `which of the web ACLs associated with its ${name} stays is not known (a stage takes one, and the association deployed last replaces the others): ${reasons}`,
  };
}

function judgeStageAcl(name: string, acl: Value<WebAcl>): WebAclAccess {
  if (isUnknown(acl))
    return { answer: 'unknown', reason: `the web ACL of its ${name} is not known (${acl.reason})` };
  const judged = judgeAcl(acl);
  return { ...judged, reason: `web ACL ${acl.id} on its ${name} ${judged.reason}` };
}

/**
 * The shortest prefix of a range an allowlist of fixed addresses holds, IPv4 and IPv6: a shorter one (an IPv4 /7 is
 * 33 million addresses) lets in more callers than a fixed list. AWS WAF takes no `/0` ("supports all IPv4 and IPv6
 * CIDR ranges except for /0", AWS WAF API Reference, IPSet), but `0.0.0.0/1` and `128.0.0.0/1` together hold every
 * IPv4 address.
 */
const SHORTEST_PREFIX = { ipv4: 8, ipv6: 16 } as const;

/**
 * The web ACL's rules in priority order, lowest first, as WAF evaluates them: Allow and Block end the evaluation,
 * Count (and a CAPTCHA or challenge the caller has passed) goes on, and the default action takes what no rule ended
 * (AWS WAF Developer Guide, "Setting rule priority" and "How AWS WAF handles rule and rule group actions").
 */
function judgeAcl(acl: WebAcl): WebAclAccess {
  if (isUnknown(acl.defaultAction))
    return { answer: 'unknown', reason: `has a default action not known (${acl.defaultAction.reason})` };
  if (isUnknown(acl.rules)) return { answer: 'unknown', reason: `has rules not known (${acl.rules.reason})` };
  const allowedFrom: IpSetMatch[] = [];
  // A Block of what earlier rules labelled (a Count rule labelling requests from outside an IP set) may keep others
  // out: Parapet does not follow labels, so whatever would open the web ACL after it is not known to.
  let labelBlock: string | undefined;
  const opened = (open: WebAclAccess): WebAclAccess =>
    labelBlock === undefined
      ? open
      : {
          answer: 'unknown',
          reason: `has ${labelBlock}, which blocks requests by the labels of earlier rules (LabelMatchStatement), which Parapet does not follow; without it, it ${open.reason}`,
        };
  for (const step of evaluationOrder(acl.rules)) {
    if ('reason' in step) return { answer: 'unknown', reason: step.reason };
    if (step.rule.action === 'Block' && readsLabels(step.rule.match)) labelBlock ??= step.named;
    const judged = judgeRule(step.rule, step.named);
    if (judged.answer === 'shuts') {
      const sets = listedWithAnd(judged.ipSets.map((set) => `IP set ${set}`));
      return { answer: 'restricted', reason: `blocks every request not from ${sets} (${step.named})` };
    }
    if (judged.answer === 'opens')
      return opened({
        answer: 'public',
        reason: judged.reason,
        ...(judged.callers === undefined ? {} : { callers: judged.callers }),
      });
    if (judged.answer === 'unknown') return { answer: 'unknown', reason: judged.reason };
    if (judged.answer === 'allows') allowedFrom.push(...judged.ipSets);
  }
  const every = everyAddressOf(allowedFrom);
  if (every !== undefined) return opened({ answer: 'public', reason: `allows requests from ${every}` });
  if (acl.defaultAction === 'Allow')
    return opened({
      answer: 'public',
      reason: 'allows every request its rules do not block (DefaultAction Allow)',
    });
  if (allowedFrom.length === 0)
    return { answer: 'restricted', reason: 'blocks every request (DefaultAction Block, and no rule allows)' };
  const sets = listedWithAnd([...new Set(allowedFrom.map(({ ipSet }) => `IP set ${ipSet}`))]);
  return {
    answer: 'restricted',
    reason: `allows only requests from ${sets} and blocks the rest (DefaultAction Block)`,
  };
}

/** A rule as WAF runs it, named for a finding, or why the order from there on is not known. */
type Step = { readonly rule: WebAclRule; readonly named: string } | { readonly reason: string };

/**
 * The rules in priority order, lowest first, with the rules of a rule group of the template (OverrideAction None) in
 * the group's place: an Allow or Block inside a rule group ends the web ACL's evaluation as one of its own rules
 * does, and where none ends it, the web ACL's next rule runs (AWS WAF Developer Guide, "How AWS WAF handles rule and
 * rule group actions": "This is true for rules that you add directly to the protection pack (web ACL) and rules that
 * are inside an added rule group"). What is not known ends the list, so the rules before it still decide.
 */
function* evaluationOrder(rules: readonly WebAclRule[], group?: string): Generator<Step> {
  const inGroup = group === undefined ? '' : ` of rule group ${group}`;
  const unordered = rules.map((rule) => rule.priority).find(isUnknown);
  if (unordered !== undefined) {
    yield { reason: `has a rule${inGroup} whose Priority is not known (${unordered.reason})` };
    return;
  }
  const sorted = [...rules].sort((a, b) => (a.priority as number) - (b.priority as number));
  for (const rule of sorted) {
    const match = rule.match;
    const named = `rule ${rule.name}${inGroup}`;
    if (match.kind !== 'rule-group' || match.rules === undefined || rule.action !== 'None') {
      yield { rule, named };
      continue;
    }
    if (isUnknown(match.rules)) {
      yield {
        reason: `has ${named}, which runs rule group ${match.name}, whose rules are not known (${match.rules.reason})`,
      };
      return;
    }
    for (const step of evaluationOrder(match.rules, match.name)) {
      if ('reason' in step) {
        yield step;
        return;
      }
      yield { ...step, named: `${step.named} (${named})` };
    }
  }
}

/**
 * What one rule does to a request from an address outside its IP sets:
 * - `shuts`: it blocks every request not from its IP sets (`Block` of `NOT` an IP set): nothing after it opens;
 * - `allows`: it allows only requests from its IP sets;
 * - `passes`: it allows nothing (Block, Count, CAPTCHA, challenge; a rule group whose rules are counted);
 * - `opens`: it allows requests from other addresses; `unknown`: that cannot be told.
 */
type RuleVerdict =
  | { readonly answer: 'shuts'; readonly ipSets: readonly string[] }
  | { readonly answer: 'allows'; readonly ipSets: readonly IpSetMatch[] }
  | { readonly answer: 'passes' }
  | { readonly answer: 'opens'; readonly reason: string; readonly callers?: string }
  | { readonly answer: 'unknown'; readonly reason: string };

function judgeRule(rule: WebAclRule, named: string): RuleVerdict {
  const action = rule.action;
  const match = withoutDoubleNots(rule.match);
  if (match.kind === 'rule-group') return judgeRuleGroup(named, action, match);
  if (isUnknown(action))
    return { answer: 'unknown', reason: `has ${named}, whose action is not known (${action.reason})` };
  if (action === 'Block') {
    const inner = match.kind === 'not' ? sourceIpSets(match.statement) : undefined;
    if (inner === undefined) return { answer: 'passes' };
    if (isUnknown(inner))
      return {
        answer: 'unknown',
        reason: `has ${named}, which blocks requests from outside an IP set whose addresses are not known: ${inner.reason}`,
      };
    if (wideRangeIn(inner) !== undefined || everyAddressOf(inner) !== undefined) return { answer: 'passes' };
    const mapped = wideMappedRangeIn(inner);
    if (mapped !== undefined)
      return { answer: 'unknown', reason: `has ${named}, which blocks requests from outside ${mapped}` };
    return { answer: 'shuts', ipSets: inner.map((m) => m.ipSet) };
  }
  if (action !== 'Allow') return { answer: 'passes' };
  const sets = allowedOnlyFrom(match);
  if (sets === undefined) {
    const guard = headerGuard(match);
    if (guard !== undefined) return judgeHeaderValue(named, guard);
    return {
      answer: 'opens',
      reason: `has ${named}, which allows requests ${describe(match)}, from any address${unguarding(match)}`,
    };
  }
  if (isUnknown(sets))
    return { answer: 'unknown', reason: `has ${named}, whose addresses are not known: ${sets.reason}` };
  const forwarded = sets.find(readsForwarded);
  if (forwarded !== undefined) return judgeForwarded(named, forwarded);
  const wide = wideRangeIn(sets);
  if (wide !== undefined)
    return {
      answer: 'opens',
      reason: `has ${named}, which allows IP set ${wide.ipSet}, holding ${wide.range}: a range wider than /${wide.shortest} lets in more than a fixed list of addresses`,
    };
  const every = everyAddressOf(sets);
  if (every !== undefined) return { answer: 'opens', reason: `has ${named}, which allows ${every}` };
  const mapped = wideMappedRangeIn(sets);
  if (mapped !== undefined) return { answer: 'unknown', reason: `has ${named}, which allows ${mapped}` };
  return { answer: 'allows', ipSets: sets };
}

/** A statement with each NOT of a NOT read as what it wraps: it matches what that matches. */
function withoutDoubleNots(match: RuleMatch): RuleMatch {
  if (match.kind === 'not') {
    const inner = withoutDoubleNots(match.statement);
    return inner.kind === 'not' ? inner.statement : { ...match, statement: inner };
  }
  if (match.kind === 'and' || match.kind === 'or')
    return { ...match, statements: match.statements.map(withoutDoubleNots) };
  return match;
}

/** Whether a statement reads the labels earlier rules add to a request (`LabelMatchStatement`), in any part of it. */
function readsLabels(match: RuleMatch): boolean {
  if (match.kind === 'not') return readsLabels(match.statement);
  if (match.kind === 'and' || match.kind === 'or') return match.statements.some(readsLabels);
  return match.kind === 'other' && match.statement === 'LabelMatchStatement';
}

/**
 * An Allow of requests whose header holds a fixed value. The caller writes its headers, so this is no identity; but
 * a value kept secret that a CloudFront distribution adds to what it forwards (its origin's custom headers) is how
 * AWS has an origin answer only requests that came through CloudFront, so that users do not go around it
 * (CloudFront Developer Guide, "Add custom headers to origin requests", controlling access to content). It keeps
 * callers to those of the distribution, which may itself be open to anyone: the route is as public as it is.
 */
function judgeHeaderValue(named: string, match: HeaderGuard): RuleVerdict {
  const values = match.within === 'OrStatement' ? 'one of the set values of its OrStatement' : 'a set value';
  const rest = match.within === 'AndStatement' ? ' (and that the rest of its AndStatement matches)' : '';
  const allows = `has ${named}, which allows requests whose header ${listedWithOr(match.headers)} holds ${values}${rest}`;
  if (match.sentBy.length === 0)
    return {
      answer: 'opens',
      reason: `${allows}, ${match.partlySent ? 'one of which' : 'which'} no CloudFront distribution of this template adds`,
      callers: 'anyone who holds that value, or sends requests through whatever adds it, can call it',
    };
  const distributions = `CloudFront ${match.sentBy.length === 1 ? 'distribution' : 'distributions'} ${listedWithAnd(match.sentBy)}`;
  return {
    answer: 'opens',
    reason: `${allows}, the one ${distributions} ${match.sentBy.length === 1 ? 'adds' : 'add'} to the requests ${match.sentBy.length === 1 ? 'it forwards' : 'they forward'}`,
    callers: `anyone who can send requests through ${distributions}, or who learns the value, can call it`,
  };
}

/**
 * Requests a statement allows only with a header holding a fixed value (see judgeHeaderValue): a header match; an AND
 * of which one part is one (the rule allows no request without the header, whatever the other parts match); an OR of
 * which every part is one (the values a secret's rotation keeps, the current and the next). `sentBy` is empty where
 * one of the values no CloudFront distribution of the template adds. Undefined where a request without such a header
 * may be allowed.
 */
interface HeaderGuard {
  readonly headers: readonly string[];
  readonly sentBy: readonly string[];
  /** The statement the header matches are parts of, when they are. */
  readonly within?: 'AndStatement' | 'OrStatement';
  /** An OR some of whose headers a distribution adds, but not all: `sentBy` is empty. */
  readonly partlySent?: boolean;
}

function headerGuard(match: RuleMatch): HeaderGuard | undefined {
  if (match.kind === 'header-value') return { headers: [match.header], sentBy: match.sentBy };
  if (match.kind === 'and') {
    const guard = match.statements.map(headerGuard).find((part) => part !== undefined);
    return guard === undefined ? undefined : { ...guard, within: 'AndStatement' };
  }
  if (match.kind !== 'or' || match.statements.length === 0) return undefined;
  const guards = match.statements.map(headerGuard);
  if (!guards.every((guard) => guard !== undefined)) return undefined;
  const sentBy = [...new Set(guards.flatMap((guard) => guard.sentBy))];
  const unsent = guards.some((guard) => guard.sentBy.length === 0);
  return {
    headers: [...new Set(guards.flatMap((guard) => guard.headers))],
    sentBy: unsent ? [] : sentBy,
    within: 'OrStatement',
    ...(unsent && sentBy.length > 0 ? { partlySent: true } : {}),
  };
}

/** Why a header match an OR holds beside other parts keeps no one out: ` (its match of header …)`, else nothing. */
function unguarding(match: RuleMatch): string {
  if (match.kind !== 'or') return '';
  const headers = match.statements.flatMap((part) => headerGuard(part)?.headers ?? []);
  if (headers.length === 0) return '';
  const which = headers.length === 1 ? 'match' : 'matches';
  const guards = headers.length === 1 ? 'guards' : 'guard';
  return ` (its ${which} of header ${listedWithOr([...new Set(headers)])} ${guards} nothing alone there: a request without it is allowed when another part matches)`;
}

/**
 * A rule group the template does not declare: its own rules decide (OverrideAction None) unless it counts them all
 * (Count; one the template declares runs in its place, see evaluationOrder). AWS managed rule groups are taken to
 * block, count or challenge what they match (their rules' actions, as the AWS Managed Rules list gives them), unless
 * `RuleActionOverrides` make a rule of theirs Allow; one of another vendor, or of another stack or account, may allow.
 */
function judgeRuleGroup(
  named: string,
  action: Value<string>,
  group: Extract<RuleMatch, { kind: 'rule-group' }>,
): RuleVerdict {
  if (action === 'Count') return { answer: 'passes' };
  if (isUnknown(action))
    return {
      answer: 'unknown',
      reason: `has ${named}, whose OverrideAction is not known (${action.reason})`,
    };
  if (group.vendor === 'AWS' && group.overridesToAllow === false) return { answer: 'passes' };
  const overridden = `has ${named}, whose RuleActionOverrides make a rule of rule group ${group.name} allow what it matches`;
  // An AWS managed rule inspects what the caller sends or where from (a body, a header, an address's reputation):
  // made to Allow, it lets in whoever sends that. A rule of another's group may match only listed addresses.
  if (group.overridesToAllow === true)
    return group.vendor === 'AWS'
      ? { answer: 'opens', reason: overridden }
      : {
          answer: 'unknown',
          reason: `${overridden}, a rule Parapet cannot read (it may allow only listed addresses)`,
        };
  return {
    answer: 'unknown',
    reason: `has ${named}, which runs rule group ${group.name}, whose rules Parapet does not read (one may allow)`,
  };
}

/** An IP set match that reads the address from a request header (IPSetForwardedIPConfig). */
type ForwardedIpSetMatch = IpSetMatch & { readonly forwarded: NonNullable<IpSetMatch['forwarded']> };

function readsForwarded(set: IpSetMatch): set is ForwardedIpSetMatch {
  return set.forwarded !== undefined;
}

/**
 * An IP set rule that reads the address from a request header (IPSetForwardedIPConfig): the caller writes that
 * header. "If the specified header isn't present in the request, AWS WAF doesn't apply the rule" and only a header
 * without a valid address at the position takes the FallbackBehavior (AWS WAF Developer Guide, "Using forwarded IP
 * addresses": "Attackers might change the content of the header in an attempt to bypass AWS WAF inspection"). A
 * proxy in front appends to X-Forwarded-For, so only the LAST address may be one it wrote: that rests on what is in
 * front of the API, which the template does not show.
 */
function judgeForwarded(named: string, set: ForwardedIpSetMatch): RuleVerdict {
  const { header, fallback, position } = set.forwarded;
  if (isUnknown(header) || isUnknown(fallback) || isUnknown(position))
    return {
      answer: 'unknown',
      reason: `has ${named}, whose IPSetForwardedIPConfig is not known before deploy`,
    };
  const where = `the ${position} address of header ${header}`;
  const orInvalid =
    fallback === 'MATCH'
      ? `, and with FallbackBehavior MATCH any request whose ${header} holds no valid address there is allowed too`
      : '';
  if (position === 'LAST')
    return {
      answer: 'unknown',
      reason: `has ${named}, which allows requests by ${where} (IPSetForwardedIPConfig), not by the connection's address: whether a proxy in front of the API writes it, or the caller, cannot be seen${orInvalid}`,
    };
  return {
    answer: 'opens',
    reason: `has ${named}, which allows requests by ${where} (IPSetForwardedIPConfig), which the caller writes: anyone can send one of IP set ${set.ipSet}'s addresses in it${orInvalid}`,
  };
}

/**
 * The IP sets a statement matches the request's address against, where it matches only requests from them: an IP set,
 * or an AND of which one part is one. Undefined where it matches requests from other addresses.
 */
function allowedOnlyFrom(match: RuleMatch): Value<readonly IpSetMatch[]> | undefined {
  if (match.kind === 'ip-set') return isUnknown(match.addresses) ? match.addresses : [match];
  if (match.kind === 'and') {
    // One part that holds the request to listed addresses is enough: by the connection's address rather than a header.
    const parts = match.statements.map(allowedOnlyFrom).filter((part) => part !== undefined);
    const known = parts.filter((part): part is readonly IpSetMatch[] => !isUnknown(part));
    return known.find((part) => part.every((set) => set.forwarded === undefined)) ?? known[0] ?? parts[0];
  }
  if (match.kind === 'or') {
    // Every part must: then a request matches only from the IP sets of one part or another.
    const parts = match.statements.map(allowedOnlyFrom);
    if (parts.some((part) => part === undefined)) return undefined;
    const hidden = parts.find(isUnknown);
    if (hidden !== undefined) return hidden;
    return (parts as (readonly IpSetMatch[])[]).flat();
  }
  if (match.kind === 'unknown') return unknown(match.reason);
  return undefined;
}

/** The IP sets of a statement that is one IP set (what a `NOT` wraps), by the connection's address. */
function sourceIpSets(match: RuleMatch): Value<readonly IpSetMatch[]> | undefined {
  if (match.kind !== 'ip-set' || match.forwarded !== undefined) return undefined;
  return isUnknown(match.addresses) ? match.addresses : [match];
}

/**
 * `IP set Ips, whose ranges together hold every IPv4 address`, where the sets' ranges do (256 /8s, none wider than
 * SHORTEST_PREFIX, are all of IPv4): read together as `aws:SourceIp` is, each family apart.
 */
function everyAddressOf(sets: readonly IpSetMatch[]): string | undefined {
  const ranges = sets.flatMap(({ addresses }) =>
    isUnknown(addresses) ? [] : addresses.filter((range): range is string => typeof range === 'string'),
  );
  const family = everyAddressIn(ranges);
  if (family === undefined) return undefined;
  const names = [...new Set(sets.map(({ ipSet }) => ipSet))];
  return `IP set${names.length === 1 ? '' : 's'} ${listedWithAnd(names)}, whose ranges together hold every ${family} address`;
}

/** The first range of the IP sets whose prefix is shorter than SHORTEST_PREFIX, with its set. */
function wideRangeIn(
  sets: readonly IpSetMatch[],
): { readonly ipSet: string; readonly range: string; readonly shortest: number } | undefined {
  for (const set of sets) {
    if (isUnknown(set.addresses)) continue;
    for (const range of set.addresses) {
      if (typeof range !== 'string') continue;
      const prefix = /\/(\d+)$/.exec(range)?.[1];
      const shortest = range.includes(':') ? SHORTEST_PREFIX.ipv6 : SHORTEST_PREFIX.ipv4;
      if (prefix !== undefined && Number(prefix) < shortest) return { ipSet: set.ipSet, range, shortest };
    }
  }
  return undefined;
}

/**
 * An IPv6 range of the IP sets that holds the IPv4-mapped form (`::ffff:0:0/96`) of more IPv4 addresses than
 * SHORTEST_PREFIX, in words. AWS WAF keeps IPv4 and IPv6 addresses in IP sets of their own (`IPAddressVersion`) and
 * does not say whether a request from an IPv4 address matches its mapped form in an IPv6 set: if it does, such a
 * range lets in every IPv4 caller; if not, none. Either way it is no list of fixed addresses a reader can see.
 */
function wideMappedRangeIn(sets: readonly IpSetMatch[]): string | undefined {
  for (const set of sets) {
    if (isUnknown(set.addresses)) continue;
    for (const range of set.addresses) {
      if (typeof range !== 'string') continue;
      const prefix = mappedIpv4Prefix(range);
      if (prefix !== undefined && prefix < SHORTEST_PREFIX.ipv4)
        return (
          `IP set ${set.ipSet}, holding ${range}: the IPv4-mapped form of ${prefix === 0 ? 'every IPv4 address' : `an IPv4 /${prefix}`}, ` +
          'and whether AWS WAF matches IPv4 callers against IPv4-mapped IPv6 addresses is not documented'
        );
    }
  }
  return undefined;
}

/** `that ByteMatchStatement matches`, for a finding. */
function describe(match: RuleMatch): string {
  switch (match.kind) {
    case 'other':
      return `that its ${match.statement} matches`;
    case 'or':
      return 'that any part of its OrStatement matches';
    case 'not':
      return 'that its NotStatement matches';
    default:
      return 'that its statement matches';
  }
}
