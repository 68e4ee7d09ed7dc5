import { isUnknown, placeholderOf, replacePlaceholders, type Unknown, unknown } from '../../model/values.js';
import { intrinsicName, type Resolved, subNames, toText } from './intrinsic-values.js';

// The intrinsics that build text (`Fn::Sub`, `Fn::Join`) once their parts are resolved, and the
// pseudo parameters, whose reasons such text gives way to.

/** The pseudo parameters, each with what it is: not known before deploy. */
export const PSEUDO_PARAMETERS: Record<string, string> = {
  'AWS::AccountId': 'the account the stack is deployed to',
  'AWS::Region': 'the region the stack is deployed to',
  'AWS::Partition': 'the partition the stack is deployed to',
  'AWS::StackName': 'the stack name',
  'AWS::StackId': 'the stack id',
  'AWS::URLSuffix': 'the URL suffix of the region',
  'AWS::NotificationARNs': 'the stack notification ARNs',
};

/**
 * Whether a value is text the template fixes, the same whatever the parameters and conditions: plain text,
 * or a `Fn::Sub` / `Fn::Join` of such text and pseudo parameters (`arn:${AWS::Partition}:iam::aws:policy/X`).
 * A finding's identity may rest on such text, never on text resolved from parameters (see PolicyPlace).
 */
export function fixedText(raw: unknown): boolean {
  if (typeof raw === 'string') return true;
  const fn = intrinsicName(raw);
  const arg = fn === undefined ? undefined : (raw as Record<string, unknown>)[fn];
  if (fn === 'Ref') return typeof arg === 'string' && arg in PSEUDO_PARAMETERS;
  if (fn === 'Fn::Sub')
    return typeof arg === 'string' && subNames(arg).every((name) => name in PSEUDO_PARAMETERS);
  if (fn === 'Fn::Join')
    return (
      Array.isArray(arg) && typeof arg[0] === 'string' && Array.isArray(arg[1]) && arg[1].every(fixedText)
    );
  return false;
}

const PSEUDO_REASONS = new Set(Object.values(PSEUDO_PARAMETERS));

/**
 * What a `Ref` to each pseudo parameter resolves to: one value per parameter, shared (an Unknown is never
 * changed), since nearly every ARN a template builds names the partition, region and account.
 */
export const PSEUDO_UNKNOWNS: ReadonlyMap<string, Unknown> = new Map(
  Object.entries(PSEUDO_PARAMETERS).map(([name, reason]) => [name, unknown(reason, `\${${name}}`)]),
);

/**
 * The reason a string with several unknown parts gives: the first that is not a pseudo parameter.
 * `arn:${AWS::Partition}:s3:::${BucketParam}` is unknown because of the parameter, which may be
 * anything; the partition is one of three known values, and checks read it as such.
 */
function telling(pieces: readonly Unknown[]): string | undefined {
  return (pieces.find((piece) => !PSEUDO_REASONS.has(piece.reason)) ?? pieces[0])?.reason;
}

/**
 * The text of a `Fn::Sub` string with each `${Name}` replaced by `lookUp(Name)` (a variable, a parameter,
 * a resource); `${!Literal}` is written `${Literal}`. Unknown, carrying the text's shape (each unknown part as placeholderOf
 * shows it), when a part is.
 */
export function substitute(text: string, lookUp: (name: string) => Resolved): Resolved {
  let known = true;
  let length = text.length;
  const unknowns: Unknown[] = [];
  // A regex replace with a callback, not a hand-written indexOf loop: one (shared with iam/templates.ts's
  // readTemplate) measured ~1% more instructions on the 2,000-function template, bundled and not.
  const result = replacePlaceholders(text, (whole, inner) => {
    if (inner.startsWith('!')) return `\${${inner.slice(1)}}`;
    const piece = toText(lookUp(inner.trim()));
    length += typeof piece === 'string' ? piece.length : 0;
    if (length > MAX_BUILT_TEXT) return '';
    if (typeof piece === 'string') return piece;
    known = false;
    if (!isUnknown(piece)) return whole;
    unknowns.push(piece);
    // As Fn::Join shows it (placeholderOf): an import by its export name, not by a variable of this Sub, which
    // the reader cannot look up and which would read as a resource of the template named alike.
    return placeholderOf(piece);
  });
  if (length > MAX_BUILT_TEXT) return tooLongToBuild('Fn::Sub');
  return known ? result : unknownText(unknowns, result, 'part of the string is not known before deploy');
}

/**
 * The longest text the resolver builds (Fn::Sub, Fn::Join, Fn::Base64, Fn::ToJsonString); longer is not known. Text built of text grows
 * with each level, past what memory holds well within the levels a template may nest: an Fn::Sub naming its variable
 * ten times, itself an Fn::Sub, is ten times longer each level; an Fn::Base64 of an Fn::Base64 a third longer (66 of
 * them made a string longer than Node allows). A template body is 1 MB at most ("CloudFormation quotas").
 */
export const MAX_BUILT_TEXT = 4 * 1048576;

/** What text longer than MAX_BUILT_TEXT is read as. */
export function tooLongToBuild(fn: string): Unknown {
  return unknown(
    `${fn} makes text longer than ${MAX_BUILT_TEXT.toLocaleString('en-US')} characters, which Parapet does not build`,
  );
}

/**
 * Text built of pieces, some unknown: the reason of the most telling one, and the resources the pieces'
 * `${...}` stand for, so that `arn:aws:s3:::${Uploads}/*` is still read as one bucket's objects.
 */
function unknownText(pieces: readonly Unknown[], text: string, fallback: string): Unknown {
  return unknown(telling(pieces) ?? fallback, text, {
    resources: mergedNames(pieces, (piece) => piece.resources),
    noWildcard: mergedNames(pieces, (piece) => piece.noWildcard),
    otherStacks: mergedNames(pieces, (piece) => piece.otherStacks),
  });
}

/**
 * The names the pieces list, each once. Most text has one piece that lists any (or none): its own list is
 * used as it is, not copied (a list grown by push keeps room for 16 names, in every value of the model).
 */
function mergedNames(
  pieces: readonly Unknown[],
  namesOf: (piece: Unknown) => readonly string[] | undefined,
): readonly string[] | undefined {
  let merged: readonly string[] | undefined;
  let copied: string[] | undefined;
  for (const piece of pieces) {
    const names = namesOf(piece);
    if (names === undefined) continue;
    if (merged === undefined) {
      merged = names;
      continue;
    }
    for (const name of names) {
      if (merged.includes(name)) continue;
      copied ??= merged.slice();
      copied.push(name);
      merged = copied;
    }
  }
  return merged;
}

/** `Fn::Join` of a resolved list: the text, or Unknown carrying its shape when a piece is unknown. */
export function joinText(list: readonly unknown[], delimiter: string): Resolved {
  const pieces = list.map(toText);
  let length = 0;
  for (const piece of pieces) length += (typeof piece === 'string' ? piece.length : 0) + delimiter.length;
  if (length > MAX_BUILT_TEXT) return tooLongToBuild('Fn::Join');
  const unknowns = pieces.filter(isUnknown);
  const joined = pieces.map((p) => (isUnknown(p) ? placeholderOf(p) : (p ?? ''))).join(delimiter);
  return unknowns.length > 0
    ? unknownText(unknowns, joined, 'part of the text is not known before deploy')
    : joined;
}
