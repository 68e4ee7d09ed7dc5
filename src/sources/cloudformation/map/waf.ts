import { isUnknown, unknown, type Value } from '../../../model/values.js';
import type { RuleMatch, WebAcl, WebAclRule } from '../../../model/waf.js';
import { declaration, type TemplateResources } from './apigateway-shared.js';
import type { MapContext } from './context.js';

// An AWS::WAFv2::WebACL of the template read into the model (model/waf.ts), with the AWS::WAFv2::IPSet its rules
// name. Read as another resource's values (withinJson): a value of theirs that is not valid is theirs to report.

/** The web ACL `id` declares, or why it cannot be read. */
export function readWebAcl(ctx: MapContext, resources: TemplateResources, id: string): Value<WebAcl> {
  const decl = declaration(ctx, resources, id);
  if (decl?.type !== 'AWS::WAFv2::WebACL')
    return unknown(`${id} is not an AWS::WAFv2::WebACL of this template`);
  if (isUnknown(decl.props)) return unknown(`the properties of web ACL ${id} are not known before deploy`);
  const props = decl.props;
  return ctx.withinJson(() => ({
    id,
    defaultAction: actionOf(
      ctx,
      props.DefaultAction,
      ['Allow', 'Block'],
      `the DefaultAction of web ACL ${id}`,
    ) as Value<'Allow' | 'Block'>,
    rules: rulesOf(ctx, resources, `web ACL ${id}`, props.Rules, false),
  }));
}

const RULE_ACTIONS = ['Allow', 'Block', 'Count', 'Captcha', 'Challenge'];
const OVERRIDE_ACTIONS = ['None', 'Count'];

/** The one key of an action mapping (`{ Block: {} }` → `Block`), among `names`. */
function actionOf(ctx: MapContext, raw: unknown, names: readonly string[], what: string): Value<string> {
  const action = ctx.object(raw);
  if (isUnknown(action)) return unknown(`${what} is not known before deploy (${action.reason})`);
  const keys = Object.keys(action ?? {});
  const [key] = keys;
  if (keys.length !== 1 || key === undefined || !names.includes(key))
    return unknown(`${what} is not one of ${names.join(', ')}`);
  return key;
}

/** The `Rules` of `owner` (`web ACL Acl`, `rule group Group`); `inGroup` for a rule group's, which nest none. */
function rulesOf(
  ctx: MapContext,
  resources: TemplateResources,
  owner: string,
  raw: unknown,
  inGroup: boolean,
): Value<readonly WebAclRule[]> {
  const rules = ctx.list(raw, (item, index): Value<WebAclRule> => {
    const rule = ctx.object(item);
    if (rule === undefined || isUnknown(rule))
      return unknown(`rule ${index + 1} of ${owner} is not known before deploy`);
    const name = ctx.string(rule.Name);
    const named = typeof name === 'string' ? name : `${index + 1}`;
    const what = `the action of rule ${named} of ${owner}`;
    const statement = ctx.object(rule.Statement);
    const match = isUnknown(statement)
      ? ({ kind: 'unknown', reason: statement.reason } as const)
      : matchOf(ctx, resources, statement ?? {}, 0, inGroup);
    const action =
      match.kind === 'rule-group'
        ? actionOf(ctx, rule.OverrideAction, OVERRIDE_ACTIONS, what)
        : actionOf(ctx, rule.Action, RULE_ACTIONS, what);
    return { name: named, priority: ctx.number(rule.Priority) ?? unknown('no Priority'), action, match };
  });
  if (isUnknown(rules)) return unknown(`the Rules of ${owner} are not known before deploy (${rules.reason})`);
  const unread = rules.find(isUnknown);
  if (unread !== undefined) return unread;
  return rules as WebAclRule[];
}

/** Deeper than any statement WAF takes (it nests And, Or and Not a few levels): read as unknown. */
const MAX_DEPTH = 20;

/** What a rule's `Statement` (a mapping of one statement type) matches, as far as the caller's address goes. */
function matchOf(
  ctx: MapContext,
  resources: TemplateResources,
  statement: Record<string, unknown>,
  depth: number,
  inGroup: boolean,
): RuleMatch {
  const keys = Object.keys(statement);
  const [type] = keys;
  if (keys.length !== 1 || type === undefined || depth > MAX_DEPTH)
    return { kind: 'unknown', reason: 'a statement that is not one statement type' };
  const body = ctx.object(statement[type]);
  if (isUnknown(body))
    return { kind: 'unknown', reason: `its ${type} is not known before deploy (${body.reason})` };
  const inner = body ?? {};
  switch (type) {
    case 'IPSetReferenceStatement':
      return ipSetMatch(ctx, resources, inner);
    case 'AndStatement':
    case 'OrStatement': {
      const list = ctx.list(inner.Statements, (item) => {
        const one = ctx.object(item);
        return one === undefined || isUnknown(one)
          ? ({ kind: 'unknown', reason: `a statement of its ${type} is not known before deploy` } as const)
          : matchOf(ctx, resources, one, depth + 1, inGroup);
      });
      if (isUnknown(list)) return { kind: 'unknown', reason: `its ${type} is not known before deploy` };
      return { kind: type === 'AndStatement' ? 'and' : 'or', statements: list };
    }
    case 'NotStatement': {
      const one = ctx.object(inner.Statement);
      if (one === undefined || isUnknown(one))
        return { kind: 'unknown', reason: 'the statement of its NotStatement is not known before deploy' };
      return { kind: 'not', statement: matchOf(ctx, resources, one, depth + 1, inGroup) };
    }
    case 'RuleGroupReferenceStatement':
      return ruleGroupMatch(ctx, resources, inner, inGroup);
    case 'ByteMatchStatement':
      return headerValueMatch(ctx, inner) ?? { kind: 'other', statement: type };
    case 'ManagedRuleGroupStatement': {
      const vendor = ctx.string(inner.VendorName) ?? unknown('no VendorName');
      const name = ctx.string(inner.Name);
      return {
        kind: 'rule-group',
        name: `${typeof vendor === 'string' ? vendor : '?'}/${typeof name === 'string' ? name : '?'}`,
        vendor,
        overridesToAllow: overridesToAllowOf(ctx, inner.RuleActionOverrides),
      };
    }
    default:
      return { kind: 'other', statement: type };
  }
}

/** Whether a rule group's `RuleActionOverrides` (`[{ Name, ActionToUse: { Allow: {} } }]`) make one of its rules Allow. */
function overridesToAllowOf(ctx: MapContext, raw: unknown): boolean | 'unknown' {
  const actions = ctx.list(raw, (item) => {
    const action = ctx.object(ctx.dig(item, 'ActionToUse'));
    return action === undefined || isUnknown(action) ? 'unknown' : Object.hasOwn(action, 'Allow');
  });
  if (isUnknown(actions)) return 'unknown';
  return actions.includes(true) ? true : actions.includes('unknown') ? 'unknown' : false;
}

/**
 * `RuleGroupReferenceStatement`: an `AWS::WAFv2::RuleGroup` of the template is read, its rules' actions replaced by
 * the statement's `RuleActionOverrides` ("matching requests are handled exactly as if the configured rule action
 * were the override setting", AWS WAF Developer Guide, "Overriding rule group actions"). A rule group cannot hold
 * one (rule group statements are not nestable): one met inside is left unread.
 */
function ruleGroupMatch(
  ctx: MapContext,
  resources: TemplateResources,
  body: Record<string, unknown>,
  inGroup: boolean,
): RuleMatch {
  const name = nameOf(ctx, body.Arn, 'a rule group');
  const overridesToAllow = overridesToAllowOf(ctx, body.RuleActionOverrides);
  const decl = inGroup ? undefined : declaration(ctx, resources, name);
  if (decl?.type !== 'AWS::WAFv2::RuleGroup') return { kind: 'rule-group', name, overridesToAllow };
  const owner = `rule group ${name}`;
  const read = isUnknown(decl.props)
    ? unknown(`the properties of ${owner} are not known before deploy`)
    : rulesOf(ctx, resources, owner, decl.props.Rules, true);
  return {
    kind: 'rule-group',
    name,
    overridesToAllow,
    rules: withOverrides(ctx, owner, read, body.RuleActionOverrides, body.ExcludedRules),
  };
}

/**
 * A rule group's rules with the actions its `RuleActionOverrides` (`[{ Name, ActionToUse }]`) give them, and Count
 * for those its older `ExcludedRules` (`[{ Name }]`) list ("sets the action of the listed rules to Count",
 * AWS::WAFv2::WebACL RuleGroupReferenceStatement and ManagedRuleGroupStatement, ExcludedRules).
 */
function withOverrides(
  ctx: MapContext,
  owner: string,
  rules: Value<readonly WebAclRule[]>,
  raw: unknown,
  excludedRaw: unknown,
): Value<readonly WebAclRule[]> {
  if (isUnknown(rules) || (raw === undefined && excludedRaw === undefined)) return rules;
  const overrides = ctx.list(raw, (item) => {
    const name = ctx.string(ctx.dig(item, 'Name'));
    const what = `the ActionToUse of the override of rule ${typeof name === 'string' ? name : '?'} of ${owner}`;
    return { name, action: actionOf(ctx, ctx.dig(item, 'ActionToUse'), RULE_ACTIONS, what) };
  });
  if (isUnknown(overrides))
    return unknown(`the RuleActionOverrides of ${owner} are not known before deploy (${overrides.reason})`);
  const excluded = ctx.list(excludedRaw, (item) => ({
    name: ctx.string(ctx.dig(item, 'Name')),
    action: 'Count',
  }));
  if (isUnknown(excluded))
    return unknown(`the ExcludedRules of ${owner} are not known before deploy (${excluded.reason})`);
  overrides.push(...excluded);
  const unnamed = overrides.find((o) => typeof o.name !== 'string');
  if (unnamed !== undefined) return unknown(`an override of ${owner} names a rule not known before deploy`);
  return rules.map((rule) => {
    const override = overrides.find((o) => o.name === rule.name);
    return override === undefined ? rule : { ...rule, action: override.action };
  });
}

/**
 * `ByteMatchStatement` comparing one header (`FieldToMatch.SingleHeader`) to a whole value (`EXACTLY`), with the
 * template's CloudFront distributions whose origins add that header; undefined for any other byte match. The value
 * itself is never kept: it is a secret.
 */
function headerValueMatch(ctx: MapContext, body: Record<string, unknown>): RuleMatch | undefined {
  const header = ctx.string(ctx.dig(body.FieldToMatch, 'SingleHeader', 'Name'));
  if (typeof header !== 'string' || ctx.string(body.PositionalConstraint) !== 'EXACTLY') return undefined;
  if (body.SearchString === undefined && body.SearchStringBase64 === undefined) return undefined;
  return { kind: 'header-value', header, sentBy: distributionsSending(ctx, header) };
}

/** The template's CloudFront distributions with an origin whose `OriginCustomHeaders` name `header` (any case). */
function distributionsSending(ctx: MapContext, header: string): string[] {
  const wanted = header.toLowerCase();
  const sends = (origin: unknown) => {
    const headers = ctx.list(ctx.dig(origin, 'OriginCustomHeaders'), (h) =>
      ctx.string(ctx.dig(h, 'HeaderName')),
    );
    return !isUnknown(headers) && headers.some((h) => typeof h === 'string' && h.toLowerCase() === wanted);
  };
  return ctx.withinJson(() =>
    ctx
      .declarationsOfType('AWS::CloudFront::Distribution')
      .filter(([, decl]) => {
        const origins = ctx.list(ctx.dig(decl.Properties, 'DistributionConfig', 'Origins'), sends);
        return !isUnknown(origins) && origins.includes(true);
      })
      .map(([id]) => id),
  );
}

function nameOf(ctx: MapContext, raw: unknown, fallback: string): string {
  const ref = ctx.reference(raw);
  if (typeof ref === 'string') return ref;
  return isUnknown(ref) ? (ref.template ?? fallback) : fallback;
}

/** `IPSetReferenceStatement`: the IP set its `Arn` names (`!GetAtt Set.Arn`), its addresses, and where it reads them. */
function ipSetMatch(ctx: MapContext, resources: TemplateResources, body: Record<string, unknown>): RuleMatch {
  const ref = ctx.reference(body.Arn);
  const config = ctx.object(body.IPSetForwardedIPConfig);
  if (isUnknown(config))
    return {
      kind: 'unknown',
      reason: `its IPSetForwardedIPConfig is not known before deploy (${config.reason})`,
    };
  const forwarded =
    config === undefined
      ? {}
      : {
          forwarded: {
            header: ctx.string(config.HeaderName) ?? unknown('no HeaderName'),
            fallback: ctx.string(config.FallbackBehavior) ?? unknown('no FallbackBehavior'),
            position: ctx.string(config.Position) ?? unknown('no Position'),
          },
        };
  if (typeof ref !== 'string')
    return {
      kind: 'ip-set',
      ipSet: (isUnknown(ref) ? ref.template : undefined) ?? 'an IP set',
      addresses: unknown(`its IP set is not known before deploy${isUnknown(ref) ? ` (${ref.reason})` : ''}`),
      ...forwarded,
    };
  const decl = declaration(ctx, resources, ref);
  const addresses: Value<readonly Value<string>[]> =
    decl === undefined || decl.type !== 'AWS::WAFv2::IPSet'
      ? unknown(`IP set ${ref} is not an AWS::WAFv2::IPSet of this template`)
      : isUnknown(decl.props)
        ? unknown(`the properties of IP set ${ref} are not known before deploy`)
        : addressesOf(ctx, ref, decl.props.Addresses);
  return { kind: 'ip-set', ipSet: ref, addresses, ...forwarded };
}

function addressesOf(ctx: MapContext, id: string, raw: unknown): Value<readonly Value<string>[]> {
  const addresses = ctx.strings(raw);
  if (isUnknown(addresses))
    return unknown(`the Addresses of IP set ${id} are not known before deploy (${addresses.reason})`);
  const hidden = addresses.find(isUnknown);
  if (hidden !== undefined)
    return unknown(`an address of IP set ${id} is not known before deploy (${hidden.reason})`);
  return addresses;
}
