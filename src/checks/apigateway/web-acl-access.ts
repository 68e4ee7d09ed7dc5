import { listedWithAnd } from '../../findings/words.js';
import type { ApiRoute } from '../../model/apigateway.js';
import type { Derivation, Inventory } from '../../model/inventory.js';
import { isUnknown, unknown, type Value } from '../../model/values.js';
import type { IpSetMatch, RuleMatch, StageWebAcl, WebAcl, WebAclRule } from '../../model/waf.js';

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
  const open = judged.find((j) => j.answer === 'public');
  if (open) return open;
  const unsure = judged.find((j) => j.answer === 'unknown');
  if (unsure) return unsure;
  return { answer: 'restricted', reason: listedWithAnd(judged.map((j) => j.reason)) };
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
    return first.answer === 'restricted' ? { answer: 'restricted', reason: reasons } : first;
  return {
    answer: 'unknown',
    reason: `which of the web ACLs associated with its ${name} stays is not known (a stage takes one, and the association deployed last replaces the others): ${reasons}`,
  };
}

function judgeStageAcl(name: string, acl: Value<WebAcl>): WebAclAccess {
  if (isUnknown(acl))
    return { answer: 'unknown', reason: `the web ACL of its ${name} is not known (${acl.reason})` };
  const judged = judgeAcl(acl);
  return { answer: judged.answer, reason: `web ACL ${acl.id} on its ${name} ${judged.reason}` };
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
  const priorities = acl.rules.map((rule) => rule.priority);
  const unordered = priorities.find(isUnknown);
  if (unordered !== undefined)
    return { answer: 'unknown', reason: `has a rule whose Priority is not known (${unordered.reason})` };
  const rules = [...acl.rules].sort((a, b) => (a.priority as number) - (b.priority as number));
  const allowedFrom: string[] = [];
  for (const rule of rules) {
    const judged = judgeRule(rule);
    if (judged.answer === 'shuts') {
      const sets = listedWithAnd(judged.ipSets.map((set) => `IP set ${set}`));
      return { answer: 'restricted', reason: `blocks every request not from ${sets} (rule ${rule.name})` };
    }
    if (judged.answer === 'opens' || judged.answer === 'unknown')
      return { answer: judged.answer === 'opens' ? 'public' : 'unknown', reason: judged.reason };
    if (judged.answer === 'allows') allowedFrom.push(...judged.ipSets);
  }
  if (acl.defaultAction === 'Allow')
    return { answer: 'public', reason: 'allows every request its rules do not block (DefaultAction Allow)' };
  if (allowedFrom.length === 0)
    return { answer: 'restricted', reason: 'blocks every request (DefaultAction Block, and no rule allows)' };
  const sets = listedWithAnd([...new Set(allowedFrom)].map((set) => `IP set ${set}`));
  return {
    answer: 'restricted',
    reason: `allows only requests from ${sets} and blocks the rest (DefaultAction Block)`,
  };
}

/**
 * What one rule does to a request from an address outside its IP sets:
 * - `shuts`: it blocks every request not from its IP sets (`Block` of `NOT` an IP set): nothing after it opens;
 * - `allows`: it allows only requests from its IP sets;
 * - `passes`: it allows nothing (Block, Count, CAPTCHA, challenge; a rule group whose rules are counted);
 * - `opens`: it allows requests from other addresses; `unknown`: that cannot be told.
 */
type RuleVerdict =
  | { readonly answer: 'shuts' | 'allows'; readonly ipSets: readonly string[] }
  | { readonly answer: 'passes' }
  | { readonly answer: 'opens' | 'unknown'; readonly reason: string };

function judgeRule(rule: WebAclRule): RuleVerdict {
  const named = `rule ${rule.name}`;
  const action = rule.action;
  const match = rule.match;
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
    return wideRangeIn(inner) !== undefined
      ? { answer: 'passes' }
      : { answer: 'shuts', ipSets: inner.map((m) => m.ipSet) };
  }
  if (action !== 'Allow') return { answer: 'passes' };
  const sets = allowedOnlyFrom(match);
  if (sets === undefined)
    return {
      answer: 'opens',
      reason: `has ${named}, which allows requests ${describe(match)}, from any address`,
    };
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
  return { answer: 'allows', ipSets: sets.map((set) => set.ipSet) };
}

/**
 * A rule group's own rules decide (OverrideAction None) unless it counts them all (Count). AWS managed rule groups are
 * taken to block, count or challenge what they match, unless `RuleActionOverrides` make a rule of theirs Allow; one
 * of another vendor, or the account's own, may allow.
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
  if (group.overridesToAllow === true)
    return {
      answer: 'opens',
      reason: `has ${named}, whose RuleActionOverrides make a rule of rule group ${group.name} allow what it matches`,
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
