import type { KeptOut } from '../../model/values.js';
import { asRecord, parameterText } from './intrinsic-values.js';
import { meetsConstraints } from './parameters.js';

/**
 * Whether a parameter's declaration keeps `*` and `?` (IAM's wildcards) out of every value a deploy can
 * give it: a Number, AllowedValues none of which holds one, or an AllowedPattern that cannot match one.
 * False whenever that is not certain: such a value could still be a wildcard. Lists are left out (`Ref`
 * gives a list there, and the constraint applies to each item).
 */
export function keepsWildcardsOut(declaration: unknown): boolean {
  const decl = asRecord(declaration) ?? {};
  const type = typeof decl.Type === 'string' ? decl.Type : 'String';
  if (type === 'Number') return true; // CloudFormation accepts only an integer or a float
  if (type !== 'String') return false;
  const values = decl.AllowedValues;
  if (Array.isArray(values) && values.length > 0 && values.every(isPlainValue)) return true;
  return typeof decl.AllowedPattern === 'string' && patternKeepsOut(decl.AllowedPattern);
}

/**
 * What a String parameter's constraints refuse of the texts Unknown.keepsOut tells: undefined when they refuse
 * neither. The empty text when it breaks a constraint (a MinLength, an AllowedPattern it does not match, AllowedValues
 * without it); every alias of an AWS managed KMS key when no AllowedValue is one, or when the AllowedPattern lets a
 * `/` into a value only right after `key` (`...:key/<id>`): an alias (`alias/aws/lambda`) has one after `alias`.
 * `emptyRuledOutBy`: the condition that keeps the empty text out of the case scanned (see nonEmptyInCase), told
 * when the constraints let it in (`^$|^arn:...:key/...$`): what the pattern lets in besides is then what counts.
 */
export function keptOut(name: string, declaration: unknown, emptyRuledOutBy?: string): KeptOut | undefined {
  const decl = asRecord(declaration) ?? {};
  const type = typeof decl.Type === 'string' ? decl.Type : 'String';
  if (type !== 'String') return undefined;
  const refused = !meetsConstraints(decl, '');
  const byCase = !refused && emptyRuledOutBy !== undefined ? { emptyRuledOutBy } : {};
  const empty = refused || emptyRuledOutBy !== undefined;
  const values = decl.AllowedValues;
  const awsManagedAliases =
    Array.isArray(values) && values.length > 0
      ? values.every((value) => !/alias\/aws\//i.test(parameterText(value)))
      : typeof decl.AllowedPattern === 'string' &&
        patternKeepsOutChars(decl.AllowedPattern, '/', slashAfterKey);
  return empty || awsManagedAliases ? { parameter: name, empty, awsManagedAliases, ...byCase } : undefined;
}

/** A literal `/` (or `\/`) at `i` that follows the literal text `key` and is not repeated: `:key/` of a key ARN. */
function slashAfterKey(pattern: string, i: number): boolean {
  const end = pattern[i] === '\\' ? i + 2 : i + 1;
  return pattern.slice(i - 3, i) === 'key' && !/^[*+?{]/.test(pattern.slice(end));
}

function isPlainValue(value: unknown): boolean {
  return (
    (typeof value === 'string' && !/[*?]/.test(value)) ||
    typeof value === 'number' ||
    typeof value === 'boolean'
  );
}

/** What a piece of a regex may match of the characters asked about, one flag per character (in their order). */
type Matches = readonly boolean[];

const none = (chars: string): Matches => [...chars].map(() => false);
const all = (chars: string): Matches => [...chars].map(() => true);
const any = (matches: Matches): boolean => matches.some(Boolean);

/**
 * Whether no value an AllowedPattern matches can hold `*` or `?`. CloudFormation reads it as a Java regex
 * that must match the whole value, so every character of a value is matched by some atom of the pattern,
 * whatever its anchors and quantifiers: it is enough that no atom can match either wildcard. Only plain
 * constructs are read (literals, `[...]` classes, `\d \w \s` and escaped punctuation, groups, `|`,
 * quantifiers, anchors; lookarounds, which consume nothing, are passed over); anything else (`.`, `\p{...}`,
 * `\x2A`, flags, nested classes) answers false: Parapet does not guess.
 */
export function patternKeepsOut(pattern: string): boolean {
  return patternKeepsOutChars(pattern, '*?');
}

/**
 * Whether no value an AllowedPattern matches can hold any of `chars` (read as patternKeepsOut reads a pattern),
 * but where `literalAllowed` lets one: a literal character of the pattern at index `i` that it accepts.
 */
function patternKeepsOutChars(
  pattern: string,
  chars: string,
  literalAllowed: (pattern: string, i: number) => boolean = () => false,
): boolean {
  let i = 0;
  while (i < pattern.length) {
    const c = pattern[i] as string;
    if (c === '^' || c === '$' || c === '|' || c === ')') {
      i++;
    } else if (c === '(') {
      // A lookaround matches no character of the value (it only narrows which values match): what it holds is
      // passed over. A capturing or non-capturing group is read; any other `(?` (flags, named group) is not.
      const lookaround = /^\(\?<?[=!]/.exec(pattern.slice(i, i + 4));
      if (lookaround) {
        i = endOfGroup(pattern, i + lookaround[0].length);
        if (i < 0 || skipQuantifier(pattern, i) !== i) return false;
        continue;
      }
      if (pattern[i + 1] === '?') {
        if (pattern[i + 2] !== ':') return false;
        i += 3;
      } else i++;
      if (pattern[i] === '*' || pattern[i] === '+' || pattern[i] === '?') return false;
    } else if (c === '[') {
      const read = readClass(pattern, i, chars);
      if (read === undefined || any(read.matches)) return false;
      i = read.end;
      i = skipQuantifier(pattern, i);
      if (i < 0) return false;
    } else if (c === '\\') {
      const read = readEscape(pattern, i, false, chars);
      if (read === undefined || (any(read.matches) && !literalAllowed(pattern, i))) return false;
      i = skipQuantifier(pattern, read.end);
      if (i < 0) return false;
    } else if (c === '.' || c === '*' || c === '+' || c === '?' || c === '{' || c === '}' || c === ']') {
      // `.` matches either; a quantifier here quantifies nothing (or a group: see `(`); braces and a
      // lone `]` are not worth telling apart from a syntax error.
      if ((c === '*' || c === '+' || c === '?' || c === '{') && pattern[i - 1] === ')') {
        i = skipQuantifier(pattern, i);
        if (i < 0) return false;
        continue;
      }
      return false;
    } else {
      if (chars.includes(c) && !literalAllowed(pattern, i)) return false;
      i = skipQuantifier(pattern, i + 1);
      if (i < 0) return false;
    }
  }
  return true;
}

/** The index after the `)` that closes a group whose content starts at `i` (escapes and classes read); -1 if none. */
function endOfGroup(pattern: string, i: number): number {
  let depth = 1;
  while (i < pattern.length) {
    const c = pattern[i];
    if (c === '\\') i += 2;
    else if (c === '[') {
      // To the `]` that closes the class: one right after `[` (or `[^`) is a literal, as is an escaped one.
      i += pattern[i + 1] === '^' ? 2 : 1;
      if (pattern[i] === ']') i++;
      while (i < pattern.length && pattern[i] !== ']') i += pattern[i] === '\\' ? 2 : 1;
      if (i >= pattern.length) return -1;
      i++;
    } else {
      if (c === '(') depth++;
      else if (c === ')' && --depth === 0) return i + 1;
      i++;
    }
  }
  return -1;
}

/** The index after a quantifier at `i` (`*`, `+`, `?`, `{2}`, `{1,3}`, then `?` or `+`), or `i` if none; -1 when malformed. */
function skipQuantifier(pattern: string, i: number): number {
  const c = pattern[i];
  let end = i;
  if (c === '*' || c === '+' || c === '?') end = i + 1;
  else if (c === '{') {
    const match = /^\{\d+(,\d*)?\}/.exec(pattern.slice(i));
    if (match === null) return -1;
    end = i + match[0].length;
  } else return i;
  if (pattern[end] === '?' || pattern[end] === '+') end++;
  // A second quantifier (`a**`) is a syntax error in Java.
  const next = pattern[end];
  return next === '*' || next === '+' || next === '?' || next === '{' ? -1 : end;
}

/** Predefined classes that match no ASCII punctuation (Java's, without UNICODE_CHARACTER_CLASS); the others may. */
const WORD_OR_SPACE_ESCAPES = new Set(['d', 'w', 's', 'h', 'v']);
const OTHER_CLASS_ESCAPES = new Set(['D', 'W', 'S', 'H', 'V']);
/** Escapes of one control character. */
const CONTROL_ESCAPES = new Set(['t', 'n', 'r', 'f', 'a', 'e']);
/** Zero-width escapes: boundaries and anchors. */
const ANCHOR_ESCAPES = new Set(['b', 'B', 'A', 'z', 'Z', 'G']);

/**
 * The escape at `i` (a backslash): what it matches of `chars` (ASCII punctuation) and where it ends. Escaped
 * punctuation is that character; `\Q`, `\x`, `\u`, `\p`, back references and the like are not read.
 */
function readEscape(
  pattern: string,
  i: number,
  inClass: boolean,
  chars: string,
): { matches: Matches; end: number; char?: number } | undefined {
  const c = pattern[i + 1];
  if (c === undefined) return undefined;
  if (WORD_OR_SPACE_ESCAPES.has(c)) return { matches: none(chars), end: i + 2 };
  if (OTHER_CLASS_ESCAPES.has(c)) return { matches: all(chars), end: i + 2 };
  if (CONTROL_ESCAPES.has(c)) return { matches: none(chars), end: i + 2 };
  if (!inClass && ANCHOR_ESCAPES.has(c)) return { matches: none(chars), end: i + 2 };
  if (/[A-Za-z0-9]/.test(c)) return undefined;
  return { matches: [...chars].map((one) => one === c), end: i + 2, char: c.charCodeAt(0) };
}

/** The class `[...]` at `i`: what it may match of `chars` and the index after its `]`; undefined when not read. */
function readClass(
  pattern: string,
  start: number,
  chars: string,
): { matches: Matches; end: number } | undefined {
  let i = start + 1;
  const negated = pattern[i] === '^';
  if (negated) i++;
  // A `]` first, a nested class and `&&` are read differently by Java and other engines: not read.
  if (pattern[i] === ']') return undefined;
  const codes = [...chars].map((one) => one.charCodeAt(0));
  const matched = codes.map(() => false);
  const add = (from: number, to: number) => {
    codes.forEach((code, k) => {
      if (from <= code && code <= to) matched[k] = true;
    });
  };
  let previous: number | undefined; // the last single character, which a `-` may make a range from
  while (i < pattern.length) {
    const c = pattern[i] as string;
    if (c === ']') return { matches: negated ? matched.map((m) => !m) : matched, end: i + 1 };
    if (c === '[' || (c === '&' && pattern[i + 1] === '&')) return undefined;
    if (c === '-' && previous !== undefined && pattern[i + 1] !== ']' && pattern[i + 1] !== undefined) {
      const to = rangeEnd(pattern, i + 1, chars);
      if (to === undefined || to.char < previous) return undefined;
      add(previous, to.char);
      previous = undefined;
      i = to.end;
      continue;
    }
    if (c === '\\') {
      const read = readEscape(pattern, i, true, chars);
      if (read === undefined) return undefined;
      read.matches.forEach((m, k) => {
        if (m) matched[k] = true;
      });
      previous = read.char;
      i = read.end;
      continue;
    }
    add(c.charCodeAt(0), c.charCodeAt(0));
    previous = c.charCodeAt(0);
    i++;
  }
  return undefined; // no closing `]`
}

/** The character ending a range (`z` of `a-z`, or an escaped one), and the index after it. */
function rangeEnd(pattern: string, i: number, chars: string): { char: number; end: number } | undefined {
  const c = pattern[i] as string;
  if (c === '[' || c === ']') return undefined;
  if (c !== '\\') return { char: c.charCodeAt(0), end: i + 1 };
  const read = readEscape(pattern, i, true, chars);
  return read?.char === undefined ? undefined : { char: read.char, end: read.end };
}

/**
 * The name property of resource types whose names AWS allows only letters, digits and a few of `-_.` (S3 bucket
 * naming rules, SQS queue, SNS topic, DynamoDB table and Lambda function names): never `*` or `?`.
 */
const NAMES_WITHOUT_WILDCARDS: Readonly<Record<string, string>> = {
  'AWS::S3::Bucket': 'BucketName',
  'AWS::SQS::Queue': 'QueueName',
  'AWS::SNS::Topic': 'TopicName',
  'AWS::DynamoDB::Table': 'TableName',
  'AWS::Lambda::Function': 'FunctionName',
  'AWS::Serverless::Function': 'FunctionName',
};

/**
 * Parameters that are wholly the name of a resource the template always creates (no Condition) whose names hold no
 * `*` or `?`: a deploy that gives one a wildcard fails, so in every stack that exists the parameter names that one
 * resource (`S3CrudPolicy: {BucketName: !Ref BucketName}` beside `BucketName: !Ref BucketName`).
 */
export function parametersNamingResources(template: Record<string, unknown>): Set<string> {
  const parameters = asRecord(template.Parameters) ?? {};
  const named = new Set<string>();
  for (const raw of Object.values(asRecord(template.Resources) ?? {})) {
    const resource = asRecord(raw);
    const property =
      resource && typeof resource.Type === 'string' ? NAMES_WITHOUT_WILDCARDS[resource.Type] : undefined;
    if (!resource || property === undefined || resource.Condition !== undefined) continue;
    const ref = asRecord(asRecord(resource.Properties)?.[property])?.Ref;
    if (typeof ref === 'string' && Object.hasOwn(parameters, ref)) named.add(ref);
  }
  return named;
}
