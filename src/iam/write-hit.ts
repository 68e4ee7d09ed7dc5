// The hit of one statement on one scope in the analysis of grants on every resource: what its actions grant there
// (see write-catalog.ts), less what conditions pin (write-narrowing.ts) and Denies take back (write-denies.ts),
// worded for the finding; and a hit cut down to what a permissions boundary allows too (writesWithin).
import type { Statement } from '../model/iam.js';
import { isUnknown } from '../model/values.js';
import type { AccessLevel, ActionInfo } from './actions.js';
import type { DenyStatement } from './denies.js';
import { type DenyReach, denyReach } from './deny-reach.js';
import { type Factor, factor, partFactor } from './doubts.js';
import { reachOnEveryArn } from './every-arn-reach.js';
import { statementHit, type Visit } from './hits.js';
import { type ResourceConditions, resourceConditions } from './resource-conditions.js';
import { placeWords, typeScopeOf, typeWords } from './resource-scope.js';
import { coversAction } from './statements.js';
import { type TagNarrowing, taggedWords, tagNarrowing } from './tag-conditions.js';
import { describeValue, elementsOf, instantiate } from './templates.js';
import { anyOf } from './tri.js';
import { wildcardMatches } from './wildcards.js';
import {
  inScope,
  patternsGranting,
  type WriteLookup,
  writesOfNotAction,
  writesOfPattern,
} from './write-catalog.js';
import { afterDenies } from './write-denies.js';
import { type NarrowLookup, narrowed } from './write-narrowing.js';
import type { Scope } from './write-scopes.js';
import type { DeniedWrite, WriteContext, WriteOnAllResourcesHit } from './write-types.js';

const SAMPLE = 25;

/**
 * The hit with only the writes `allows` lets through (those a permissions boundary allows too: the role gets what
 * both allow), its sample, count, levels and tagging recounted; as it is when it lists no writes.
 */
export function writesWithin(
  hit: WriteOnAllResourcesHit,
  allows: (action: string) => boolean,
): WriteOnAllResourcesHit {
  if (hit.writes === undefined || hit.writes.length === 0) return hit;
  const kept = hit.writes.filter((action) => allows(action.name));
  if (kept.length === hit.writes.length) return hit;
  const { taggingOnly: _, ...rest } = hit;
  return { ...rest, ...summary(kept, hit.levels), writes: kept };
}

/** The hit of one statement on one scope, or undefined when it grants no write there. */
export function writeHit(
  visit: Visit,
  effect: Factor,
  scope: Scope,
  context: WriteContext,
): WriteOnAllResourcesHit | undefined {
  const { statement } = visit;
  const noun = context.options.noun ?? 'write actions';
  const resource =
    scope.doubt === undefined
      ? partFactor(scope.answer, statement, 'Resource')
      : factor(scope.answer, scope.doubt);
  const conditions = resourceConditions(statement, context.options);
  const listed = scope.resources?.map((r) => `"${r}"`).join(', ');
  // The Resource elements meant, after the scope's words: `on every S3 bucket and object ("arn:aws:s3:::*")`.
  const named = listed === undefined ? '' : ` (${listed})`;
  const make = (
    writes: Factor,
    fields: { reason: string; maybe: string; value?: string },
    grantedActions: readonly ActionInfo[],
  ): WriteOnAllResourcesHit | undefined => {
    const found = statementHit(visit, [effect, writes, resource], fields);
    if (found === undefined) return undefined;
    const granted = scope.kind === 'all' ? 'all' : (scope.covered ?? scope.resources ?? []);
    // Resource-tag conditions weighed on the certain writes alone: those left of a tagged grant are the ones listed.
    const tags =
      found.answer === 'yes' && grantedActions.length > 0 && context.options.taggingPolicies !== undefined
        ? tagNarrowing(statement, grantedActions, granted, context.allows, context.options, context.denies)
        : undefined;
    const hit =
      tags?.open.length === 0 ? { ...found, reason: `${found.reason} ${taggedWords(tags)}` } : found;
    const actions = tags !== undefined && tags.open.length > 0 ? tags.open : grantedActions;
    return {
      ...hit,
      ...summary(actions, context.wanted),
      ...(actions.length > 0 ? { writes: actions } : {}),
      scope: scope.kind,
      ...(scope.resources ? { resources: scope.resources } : {}),
      ...conditionFields(conditions, { narrowedBy, onCreate }, unlisted, tags),
      ...(denied.length > 0 || conditional.size > 0
        ? { denied: { actions: denied, conditional: [...conditional] } }
        : {}),
      // What the Denies leave, every action of it (`actions` above is a sample): what a boundary is weighed against.
      ...(denied.length > 0
        ? {
            left: {
              patterns: actions.map((action) => action.name),
              by: [...new Set(denied.map((write) => write.by))],
            },
          }
        : {}),
    };
  };
  const narrowedBy = new Set<string>();
  const createOnly = new Map(
    conditions.pinning.flatMap((c) =>
      c.createOnly === undefined ? [] : [[c.condition, c.createOnly] as const],
    ),
  );
  const onCreate = new Map<string, string>();
  let unlisted: readonly string[] | undefined;
  const narrow = (lookup: WriteLookup): NarrowLookup => {
    const result = narrowed(lookup, conditions);
    if (result.pinned.length > 0) {
      // (a CreateAction condition names no resources: it is worded apart, see resourceConditionNote)
      for (const { condition } of result.pinned) {
        const service = createOnly.get(condition);
        if (service === undefined) narrowedBy.add(condition);
        else onCreate.set(condition, service);
      }
      context.options.onNarrowed?.(result.pinned);
    }
    return result;
  };
  const denied: DeniedWrite[] = [];
  const conditional = new Set<DenyStatement>();
  const reaches = new Map<Statement, DenyReach>();
  const reachOf = (deny: Statement) => {
    let reach = reaches.get(deny);
    if (reach === undefined) {
      const granted = scope.kind === 'all' ? 'all' : (scope.covered ?? scope.resources ?? []);
      reach = denyReach(deny, granted, context.options);
      reaches.set(deny, reach);
    }
    return reach;
  };
  // On every resource, a Deny covering every ARN of the services an action acts on takes that action back.
  const reachOfAction = (statement: Statement, action: string) =>
    scope.kind === 'all'
      ? reachOnEveryArn(reachOf(statement), statement, action, context.options)
      : reachOf(statement);
  const deny = (lookup: NarrowLookup): NarrowLookup => {
    const result = afterDenies(lookup, context, reachOfAction);
    if (result.denied.length > 0) {
      denied.push(...result.denied);
      context.options.onDenied?.(result.denied);
    }
    for (const statement of result.conditional) conditional.add(statement);
    return result.lookup;
  };
  // `Allow with NotResource grants ...`, `Allow with NotAction and NotResource grants ...`.
  const withNot = (element?: string) => {
    const elements = [element, scope.notResource ? 'NotResource' : undefined].filter((e) => e !== undefined);
    return elements.length === 0 ? 'Allow' : `Allow with ${elements.join(' and ')}`;
  };
  const actions = elementsOf(statement.actions);
  if (actions !== undefined) {
    if (isUnknown(actions)) {
      // Which actions it grants is not known: the words of the whole scope.
      const words = scope.wordsFor([]);
      return make(
        partFactor('unknown', statement, 'Action'),
        {
          reason: `${withNot()} grants ${noun} on ${words}${named}`,
          maybe: `may grant ${noun} on ${words}${named}`,
        },
        [],
      );
    }
    // One hit: the patterns that grant writes, certain ones first. Those the catalog says grant none are no part of
    // it (ReadOnlyAccess: 2,914 patterns, a dozen of which grant sensitive reads).
    const found = patternsGranting(actions, context).map((pattern) => ({
      text: describeValue(pattern),
      ...deny(narrow(inScope(writesOfPattern(pattern, context), scope))),
    }));
    const leftOut = found.flatMap((f) => f.leftOut ?? []);
    if (leftOut.length > 0) context.options.onLeftOut?.([...new Set(leftOut)]);
    const answer = anyOf(found.map((f) => f.answer));
    if (answer === 'no') return undefined;
    const granting = found.filter((f) => f.answer === answer);
    if (granting.every((f) => f.unlisted !== undefined)) {
      unlisted = [...new Set(granting.flatMap((f) => f.unlisted ?? []))];
    }
    const quoted = granting.map((f) => `"${f.text}"`).join(', ');
    const why = [...new Set(granting.map((f) => f.why).filter((w) => w !== undefined))].join('; ');
    const granted = [...new Set(granting.flatMap((f) => f.actions))];
    const words = scope.wordsFor(granted);
    const where = answer === 'yes' ? (keptWords(granted, context, reachOf) ?? words) : words;
    return make(
      factor(answer, why === '' ? undefined : why),
      {
        // The actions beside "write actions", the resources beside the scope: `("*")` after "every resource"
        // read as the Resource.
        reason: `${withNot()} grants ${noun} (${quoted}) on ${where}${named}`,
        maybe: `may grant ${noun} (${quoted}) on ${words}${named}`,
        value: granting.map((f) => f.text).join(', '),
      },
      granted,
    );
  }
  if (statement.notActions === undefined) return undefined;
  const found = deny(narrow(inScope(writesOfNotAction(statement, context), scope)));
  unlisted = found.unlisted;
  if (found.leftOut && found.leftOut.length > 0) context.options.onLeftOut?.(found.leftOut);
  if (found.answer === 'no') return undefined;
  const words = scope.wordsFor(found.actions);
  const where = found.answer === 'yes' ? (keptWords(found.actions, context, reachOf) ?? words) : words;
  return make(
    partFactor(found.answer, statement, 'Action'),
    {
      reason: `${withNot('NotAction')} grants ${noun} on ${where}${named}`,
      maybe: `may grant ${noun} on ${words}${named} through its NotAction`,
    },
    found.actions,
  );
}

/**
 * `every IAM role in every account ("arn:aws:iam::*:role/*")`: where writes granted on every resource are left by a
 * Deny whose NotResource keeps every resource of some types (the Deny, without conditions and known before deploy,
 * covers each of those writes; reachForAction took back those acting on none of the types). Undefined when no such
 * Deny leaves them: a NotResource naming some resources limits them (see denyReach), one not known may keep anything.
 */
function keptWords(
  left: readonly ActionInfo[],
  context: WriteContext,
  reachOf: (deny: Statement) => DenyReach,
): string | undefined {
  if (left.length === 0) return undefined;
  for (const deny of context.denies) {
    if (deny.conditions.length > 0 || deny.factors.some((f) => f.answer !== 'yes')) continue;
    const { kept, covers, limits } = reachOf(deny.statement);
    if (kept === undefined || covers.answer !== 'no' || limits.answer !== 'no') continue;
    if (left.some((action) => coversAction(deny.statement, action.name, context.options) !== 'yes')) continue;
    const texts = kept.map((pattern) => instantiate(pattern, 'narrow', context.options));
    const words = kept.map((pattern, i) => {
      const text = texts[i];
      const scope = text === undefined ? undefined : typeScopeOf(text);
      const written = describeValue(pattern);
      return scope === undefined
        ? undefined
        : `${typeWords(scope)}${placeWords(written, context.options.selfAccount)}`;
    });
    if (words.some((w) => w === undefined)) continue;
    // Words of a pattern another kept covers say nothing more (every object, beside every bucket and object).
    const said = words.filter(
      (_w, i) =>
        !texts.some((other, j) => {
          const text = texts[i] as string;
          return j !== i && other !== undefined && other !== text && wildcardMatches(other, text);
        }),
    );
    const quoted = kept.map((pattern) => `"${describeValue(pattern)}"`).join(', ');
    return `${[...new Set(said)].join(' or ')} (${quoted})`;
  }
  return undefined;
}

/**
 * The hit's resourceConditions, when the statement has conditions on keys naming the resource, or on resource tags
 * (see tagNarrowing).
 */
function conditionFields(
  conditions: ResourceConditions,
  pinned: { readonly narrowedBy: ReadonlySet<string>; readonly onCreate: ReadonlyMap<string, string> },
  unlisted: readonly string[] | undefined,
  tags: TagNarrowing | undefined,
): Pick<WriteOnAllResourcesHit, 'resourceConditions'> {
  const ignored = [...conditions.ignored, ...(tags?.ignored ?? [])];
  const limits = tags !== undefined && tags.tagged.length > 0;
  if (conditions.pinning.length === 0 && ignored.length === 0 && !limits) return {};
  return {
    resourceConditions: {
      narrowing: [...pinned.narrowedBy],
      ignored,
      ...(unlisted === undefined ? {} : { unlisted }),
      ...(pinned.onCreate.size === 0
        ? {}
        : { onCreate: [...pinned.onCreate].map(([condition, service]) => ({ condition, service })) }),
      ...(limits
        ? {
            tagged: {
              conditions: tags.conditions,
              words: tags.words,
              all: tags.open.length === 0,
              actions: tags.tagged.map((action) => action.name),
            },
          }
        : {}),
    },
  };
}

function summary(actions: readonly ActionInfo[], wanted: readonly AccessLevel[]) {
  const levels = wanted.filter((level) => actions.some((action) => action.levels.has(level)));
  const names = actions.slice(0, SAMPLE).map((action) => action.name);
  const tagging = actions.length > 0 && actions.every((action) => action.levels.has('Tagging'));
  return {
    actions: names,
    actionCount: actions.length,
    levels,
    ...(tagging ? { taggingOnly: true as const } : {}),
  };
}
