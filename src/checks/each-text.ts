import { deployedEach, type ResourceBase } from '../model/resource.js';
import { isUnknown, type Unknown } from '../model/values.js';
import type { CheckContext, Outcome } from './define.js';

/** What a check says of one text a value may be: it fails, it passes, or the check cannot tell. */
export type TextVerdict = 'fail' | 'pass' | 'unknown';

/** The texts a value is one of, and whether each of them is deployed rather than one of them. */
export interface PossibleTexts {
  readonly texts: readonly string[];
  /**
   * Each text is deployed by a copy of its own (a template nested more than once, each nesting giving another
   * text: Unknown.everyOne, on a resource without a condition; see deployedEach), not one of them.
   */
  readonly each: boolean;
}

/**
 * The texts a value is one of (Unknown.oneOf: a mapping's values by region, the branches of an `!If`, the texts the
 * nestings of a template give), with whether each is deployed on `resource`; undefined for any other value.
 */
export function possibleTexts(
  value: unknown,
  resource: Pick<ResourceBase, 'condition' | 'absentByDefault'>,
): PossibleTexts | undefined {
  if (!isUnknown(value) || value.oneOf === undefined || value.oneOf.length === 0) return undefined;
  return { texts: value.oneOf, each: deployedEach(value, resource) };
}

export interface JudgedTexts<J> {
  readonly status: TextVerdict;
  /** Each text with what the judge said of it, in the value's order. */
  readonly judged: readonly { readonly text: string; readonly judged: J }[];
  /** The texts that fail, with what the judge said of each. */
  readonly failing: readonly { readonly text: string; readonly judged: J }[];
  /** Some texts fail and others do not, and each is deployed: the failing ones are (a copy of the template). */
  readonly byCopy: boolean;
}

/**
 * Judges each text a value may be. Where only one of them is deployed, it fails when every one fails; where each is
 * deployed (`each`), when any one does, since that copy is deployed so. It passes when every one passes, and is
 * unknown otherwise. A check judges one such value at a time, the rest known: two values each taken from its own
 * nestings' texts are not judged together, as which text of one goes with which of the other is not kept.
 */
export function judgeTexts<J>(
  { texts, each }: PossibleTexts,
  judge: (text: string) => J,
  verdictOf: (judged: J) => TextVerdict,
): JudgedTexts<J> {
  const judged = texts.map((text) => ({ text, judged: judge(text) }));
  const failing = judged.filter((one) => verdictOf(one.judged) === 'fail');
  const all = failing.length === judged.length;
  const status: TextVerdict =
    all || (each && failing.length > 0)
      ? 'fail'
      : judged.every((one) => verdictOf(one.judged) === 'pass')
        ? 'pass'
        : 'unknown';
  return { status, judged, failing, byCopy: status === 'fail' && !all };
}

/** `, each deployed by its own copy` for texts each deployed (see PossibleTexts.each), '' otherwise. */
export function copiesWords({ each }: PossibleTexts): string {
  return each ? ', each deployed by its own copy' : '';
}

/**
 * A resource whose own text properties (`fields`) take one parameter that the nestings of its template give
 * differently, each deployed by its own copy (see possibleTexts): evaluated once per copy, that text in place of the
 * parameter. Fails with the failing copy's outcome, naming its text, when one fails; passes when every copy passes;
 * undefined otherwise (and for any other resource), so the check judges the value as one of its texts. Only one
 * parameter at a time: where two differ, which text of one goes with which of the other is not kept.
 */
export function judgeCopies<R extends ResourceBase>(
  resource: R,
  fields: readonly (keyof R & string)[],
  ctx: CheckContext,
  evaluate: (copy: R) => Outcome,
): Outcome | undefined {
  if (!ctx.inventory.holdsCopies) return undefined;
  const taken = fields.filter((field) => possibleTexts(resource[field], resource)?.each === true);
  const first = resource[taken[0] as keyof R] as Unknown | undefined;
  if (first === undefined) return undefined;
  const same = (field: keyof R) => {
    const value = resource[field] as Unknown;
    return value.template === first.template && value.reason === first.reason;
  };
  if (!taken.every(same)) return undefined;
  const possible = possibleTexts(first, resource) as PossibleTexts;
  const { status, judged, failing } = judgeTexts(
    possible,
    (text) => evaluate({ ...resource, ...Object.fromEntries(taken.map((field) => [field, text])) }),
    (outcome) => (outcome.status === 'not-applicable' ? 'pass' : outcome.status),
  );
  const name = first.template ?? first.reason;
  const shown = (text: string) => (text === '' ? '""' : text);
  const copies = `${name} is one of ${possible.texts.map(shown).join(', ')} (${first.reason})${copiesWords(possible)}`;
  if (status === 'fail') {
    const outcome = (failing[0] as { judged: Outcome }).judged;
    const given = failing.map(({ text }) => shown(text)).join(', ');
    return { ...outcome, message: `${copies}; where it is ${given}: ${outcome.message}` };
  }
  if (status !== 'pass') return undefined;
  if (judged.every(({ judged: outcome }) => outcome.status === 'not-applicable')) return judged[0]?.judged;
  const passes = [
    ...new Set(judged.map(({ text, judged: outcome }) => `${shown(text)}: ${outcome.message}`)),
  ];
  return ctx.pass(`${copies}; each copy passes (${passes.join('; ')})`);
}

/** A check's judgement of a resource, copy by copy where its template is nested more than once (see judgeCopies). */
export function judgedPerCopy<R extends ResourceBase>(
  resource: R,
  fields: readonly (keyof R & string)[],
  ctx: CheckContext,
  judge: (resource: R, ctx: CheckContext) => Outcome,
): Outcome {
  return judgeCopies(resource, fields, ctx, (copy) => judge(copy, ctx)) ?? judge(resource, ctx);
}
