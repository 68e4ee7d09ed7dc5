import { deployedEach, type ResourceBase } from '../model/resource.js';
import { isUnknown } from '../model/values.js';

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
