import { parametersNamed } from '../../findings/words.js';
import { detectSecretInNamedValue, parameterValueName, secretName } from '../../secrets/index.js';
import { boundedTest, PATTERN_TIME_LIMIT_MS } from './bounded-pattern.js';
import { asRecord, isNoEcho, parameterText, type TemplateIssue } from './intrinsic-values.js';
import type { Nesting } from './nested-stacks.js';

/**
 * Parameter values checked against their declarations, the way CloudFormation checks them before it
 * deploys (user guide, "Parameters" section): `AllowedValues`; `AllowedPattern`, which must match the
 * whole value (of a String, or each item of a CommaDelimitedList); `MinLength` / `MaxLength` of a
 * String; a Number must be a number, within `MinValue` / `MaxValue`; each item of a `List<Number>`
 * must be a number. AWS-specific and SSM parameter types are values CloudFormation looks up in the
 * account: nothing here can check them.
 *
 * Every constraint a value breaks is reported, in one message. A value is never printed when the
 * parameter is NoEcho, or when its name or the value itself says it may be a secret: the message says
 * "the given value" instead. The AllowedValues and AllowedPattern of a NoEcho parameter, or of one
 * named like a password, are not printed either: they spell out the secret.
 *
 * Where the guide is silent Parapet leans towards accepting, so that it never reports an error
 * CloudFormation would not: a list passes a constraint when each item does or when the whole text
 * does (as cfn-lint reads it), and an AllowedPattern written in Java's regex dialect that JavaScript
 * would read differently is not checked.
 */
/**
 * The parameters a parent stack gives (`by`) that the nested template does not declare: CloudFormation
 * rejects the nested stack ("Parameters: [X] do not exist in the template").
 */
export function undeclaredParentParameters(
  template: Record<string, unknown>,
  given: readonly string[],
  by: string,
): TemplateIssue[] {
  const section = asRecord(template.Parameters);
  const missing = given.filter((name) => !section || !Object.hasOwn(section, name));
  if (missing.length === 0) return [];
  const names = missing.join(', ');
  return [
    {
      message: `${by} gives ${parametersNamed(missing)}, which this template does not declare; CloudFormation rejects the nested stack ("Parameters: [${names}] do not exist in the template")`,
      node: template,
      ...(section ? { key: 'Parameters' } : {}),
    },
  ];
}

/**
 * The parameters without a `Default` that a stack nesting this template does not give, or whose `Fn::If` may
 * leave out (`AWS::NoValue`): CloudFormation rejects the nested stack ("Parameters: [X] must have values").
 * Reported at each such parameter, naming the stack resource; for an Fn::If, naming its conditions, as whether
 * they hold is the parent's deploy's to decide. A nesting whose parameter map is not known gives no error.
 */
export function unsetParentParameters(
  template: Record<string, unknown>,
  nestings: readonly Nesting[],
): TemplateIssue[] {
  const section = asRecord(template.Parameters);
  if (!section) return [];
  const issues: TemplateIssue[] = [];
  for (const [name, raw] of Object.entries(section)) {
    if (asRecord(raw)?.Default !== undefined) continue;
    for (const nesting of nestings) {
      if (nesting.unknownNames || nesting.given.has(name)) continue;
      const conditions = nesting.optional.get(name);
      const what =
        conditions === undefined
          ? `${nesting.by} does not give parameter ${name}, which has no default; CloudFormation rejects`
          : `${nesting.by} gives parameter ${name}, which has no default, through an Fn::If on condition${conditions.length > 1 ? 's' : ''} ${conditions.join(', ')} that may give AWS::NoValue; CloudFormation then rejects`;
      issues.push({
        message: `${what} the nested stack ("Parameters: [${name}] must have values")`,
        node: section,
        key: name,
      });
    }
  }
  return issues;
}

export function checkParameterValues(
  template: Record<string, unknown>,
  given: Readonly<Record<string, string>> = {},
  /** For a nested stack: the text its parent gives parameters, and who gives it ("the parent stack …"). */
  fromParent?: {
    readonly values: Readonly<Record<string, string>>;
    readonly by: string;
    /** Of `values`, those holding a NoEcho value of the parent: as secret as this template's own. */
    readonly noEcho?: ReadonlySet<string>;
  },
  /** Told of each value whose AllowedPattern match was stopped (see boundedTest): it is not checked. */
  warn: (issue: TemplateIssue) => void = () => {},
): TemplateIssue[] {
  const section = asRecord(template.Parameters);
  if (!section) return [];
  const issues: TemplateIssue[] = [];
  for (const [name, raw] of Object.entries(section)) {
    const decl = asRecord(raw);
    if (!decl) continue;
    const unchecked = (value: string, what: string, node: object, key: string) => {
      if (patternUndecided(decl, value)) warn(patternUncheckedIssue(decl, name, what, node, key));
    };
    if (decl.Default !== null && typeof decl.Default === 'object') {
      // CloudFormation: "Template format error: Every Default member must be a string" (a number or boolean is
      // read as the text written; a list or mapping is no text at all).
      const what = Array.isArray(decl.Default) ? 'a list' : 'a mapping';
      issues.push({
        message: `parameter ${name}: its Default is ${what}; CloudFormation requires text (a CommaDelimitedList's Default is one text of comma-separated values) and rejects the template`,
        node: decl,
        key: 'Default',
      });
    } else if (decl.Default !== undefined) {
      const text = parameterText(decl.Default);
      unchecked(text, 'its Default', decl, 'Default');
      const problem = problemWith(decl, name, text);
      if (problem) {
        const value = problem.hidden ? 'its Default' : `Default ${JSON.stringify(text)}`;
        issues.push({
          message: `parameter ${name}: ${value} is ${problem.broken}${advice(decl)}; CloudFormation requires a Default to meet its parameter's constraints`,
          node: decl,
          key: 'Default',
        });
      }
    }
    if (Object.hasOwn(given, name)) {
      const value = given[name] as string;
      unchecked(value, `the value -p ${name} gives`, section, name);
      const problem = problemWith(decl, name, value);
      if (problem) {
        const label = problem.hidden ? `-p ${name}: the given value is` : `-p ${name}=${value}:`;
        issues.push({
          message: `${label} ${problem.broken}${advice(decl)}; CloudFormation rejects this value (scanned with it anyway)`,
          node: section,
          key: name,
        });
      }
    }
    if (fromParent !== undefined && Object.hasOwn(fromParent.values, name)) {
      const value = fromParent.values[name] as string;
      unchecked(value, `the value ${fromParent.by} gives`, section, name);
      const problem = problemWith(decl, name, value, fromParent.noEcho?.has(name));
      if (problem) {
        const what = problem.hidden ? 'the value' : `the value ${JSON.stringify(value)}`;
        issues.push({
          message: `parameter ${name}: ${what} ${fromParent.by} gives is ${problem.broken}${advice(decl)}; CloudFormation rejects the nested stack (scanned with it anyway)`,
          node: section,
          key: name,
        });
      }
    }
  }
  return issues;
}

/**
 * The constraints a value breaks, all of them, said without the value when it is not to be printed,
 * and without the AllowedValues and AllowedPattern of a parameter that holds a secret (NoEcho, or named
 * like a password): they spell out the value, or most of it.
 */
function problemWith(
  decl: Record<string, unknown>,
  name: string,
  value: string,
  /** The value is a NoEcho value of a parent stack. */
  noEchoValue = false,
): { broken: string; hidden: boolean } | undefined {
  const secretParameter = noEchoValue || holdsSecret(name, decl);
  const quiet = { value: true, constraints: secretParameter };
  const broken = violations(decl, value, quiet);
  if (broken.length === 0) return undefined;
  // Only a value that breaks a constraint is looked at as a possible secret.
  if (secretParameter || detectSecretInNamedValue(name, value) !== undefined)
    return { broken: joined(broken), hidden: true };
  return { broken: joined(violations(decl, value, { value: false, constraints: false })), hidden: false };
}

/** `a`, `a and b`, `a, b and c`. */
function joined(items: readonly string[]): string {
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
}

/**
 * Whether a parameter's values are never to be printed: it is NoEcho, or its name says it is a secret
 * (`DbPassword`, even a short value; `GitHubClientSecretParameter`, its last word a naming style).
 */
export function holdsSecret(name: string, decl: Record<string, unknown> | undefined): boolean {
  return isNoEcho(decl) || secretName(parameterValueName(name)) !== undefined;
}

/** Whether a value meets a parameter's constraints (AllowedValues, AllowedPattern, lengths, a number's range). */
export function meetsConstraints(decl: Record<string, unknown> | undefined, value: string): boolean {
  return decl === undefined || violations(decl, value, { value: true, constraints: true }).length === 0;
}

/** The template's own words for what its constraints mean, when it has them. */
function advice(decl: Record<string, unknown>): string {
  const description = decl.ConstraintDescription;
  return typeof description === 'string' && description.trim() !== '' ? ` (${description.trim()})` : '';
}

type Kind = 'string' | 'number' | 'number-list' | 'list' | 'unchecked';

function kindOf(type: unknown): Kind {
  if (type === undefined || type === 'String') return 'string';
  if (type === 'Number') return 'number';
  if (type === 'List<Number>') return 'number-list';
  if (type === 'CommaDelimitedList') return 'list';
  // AWS-specific (AWS::EC2::VPC::Id, List<AWS::EC2::Subnet::Id>), SSM, and types CloudFormation does not know.
  return 'unchecked';
}

/** What not to print: the value itself, and the values the constraints allow. */
interface Quiet {
  readonly value: boolean;
  readonly constraints: boolean;
}

/** Every constraint `value` breaks, each said so it reads after "is"; empty when it meets them all. */
function violations(decl: Record<string, unknown>, value: string, quiet: Quiet): string[] {
  const kind = kindOf(decl.Type);
  if (kind === 'unchecked') return [];
  if (kind === 'string' || kind === 'number') return scalarViolations(decl, kind, value, quiet);
  const broken: string[] = [];
  const items = value === '' ? [] : value.split(',').map((item) => item.trim());
  const item = (text: string) => (quiet.value ? 'an item' : `item ${JSON.stringify(text)}`);
  if (kind === 'number-list') {
    const notNumber = items.find((entry) => !isNumber(entry));
    if (notNumber !== undefined) broken.push(`not a list of numbers (${item(notNumber)} is not a number)`);
  }
  const allowed = allowedValues(decl);
  if (allowed && !allowed.includes(value)) {
    const outside = items.find((entry) => !allowed.includes(entry));
    if (outside !== undefined)
      broken.push(`not made of ${allowedValuesNamed(allowed, quiet)} (${item(outside)} is not one of them)`);
  }
  const pattern = kind === 'list' ? allowedPattern(decl) : undefined;
  if (pattern && !matches(pattern, value)) {
    const outside = items.find((entry) => !matches(pattern, entry));
    if (outside !== undefined)
      broken.push(
        `not made of items matching ${patternNamed(pattern, quiet)} (${item(outside)} does not match)`,
      );
  }
  return broken;
}

function scalarViolations(
  decl: Record<string, unknown>,
  kind: 'string' | 'number',
  value: string,
  quiet: Quiet,
): string[] {
  const broken: string[] = [];
  const number = kind === 'number' && isNumber(value);
  if (kind === 'number' && !number) broken.push('not a number');
  const allowed = allowedValues(decl);
  if (allowed && !allowed.includes(value)) {
    // A Number matches an allowed value written another way (`1.0` for `1`).
    const equal = number && allowed.some((a) => isNumber(a) && Number(a) === Number(value));
    if (!equal) broken.push(`not one of ${allowedValuesNamed(allowed, quiet)}`);
  }
  if (kind === 'number') {
    if (!number) return broken;
    const min = numberOf(decl.MinValue);
    if (min !== undefined && Number(value) < min) broken.push(`less than MinValue ${min}`);
    const max = numberOf(decl.MaxValue);
    if (max !== undefined && Number(value) > max) broken.push(`greater than MaxValue ${max}`);
    return broken;
  }
  const pattern = allowedPattern(decl);
  if (pattern && !matches(pattern, value)) broken.push(`not matched by ${patternNamed(pattern, quiet)}`);
  const minLength = numberOf(decl.MinLength);
  if (minLength !== undefined && value.length < minLength) broken.push(`shorter than MinLength ${minLength}`);
  const maxLength = numberOf(decl.MaxLength);
  if (maxLength !== undefined && value.length > maxLength) broken.push(`longer than MaxLength ${maxLength}`);
  return broken;
}

/** `AllowedValues [dev, prod]`, or only `its AllowedValues` when they are not to be printed. */
function allowedValuesNamed(allowed: readonly string[], quiet: Quiet): string {
  return quiet.constraints ? 'its AllowedValues' : `AllowedValues ${listed(allowed)}`;
}

/**
 * Whether the AllowedPattern matches `text`. A match stopped for its time (a pattern that backtracks without end on
 * this text: see boundedTest) counts as one, leaning towards accepting, and checkParameterValues warns of it.
 */
function matches(pattern: { regex: RegExp }, text: string): boolean {
  return boundedTest(pattern.regex, text) !== false;
}

/** Whether matching the AllowedPattern against `value` (or, for a list, an item of it) was stopped for its time. */
function patternUndecided(decl: Record<string, unknown>, value: string): boolean {
  const kind = kindOf(decl.Type);
  const pattern = kind === 'string' || kind === 'list' ? allowedPattern(decl) : undefined;
  if (pattern === undefined) return false;
  const whole = boundedTest(pattern.regex, value);
  if (whole !== false || kind === 'string') return whole === 'undecided';
  return value.split(',').some((item) => boundedTest(pattern.regex, item.trim()) === 'undecided');
}

/** The warning for a value whose AllowedPattern match was stopped; the pattern unprinted where it would tell a secret. */
function patternUncheckedIssue(
  decl: Record<string, unknown>,
  name: string,
  what: string,
  node: object,
  key: string,
): TemplateIssue {
  const pattern = holdsSecret(name, decl)
    ? 'its AllowedPattern'
    : `its AllowedPattern ${String(decl.AllowedPattern)}`;
  return {
    message: `parameter ${name}: ${what} is not checked against ${pattern}: matching it was stopped after ${PATTERN_TIME_LIMIT_MS} ms (a pattern that repeats a repeated part, such as (a+)+, backtracks for longer than a scan can wait on text it almost matches)`,
    node,
    key,
  };
}

function patternNamed(pattern: { source: string }, quiet: Quiet): string {
  return quiet.constraints ? 'its AllowedPattern' : `AllowedPattern ${pattern.source}`;
}

/** An integer or a decimal, optionally signed, with an exponent: what CloudFormation takes as a Number. */
const NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;

function isNumber(text: string): boolean {
  return NUMBER.test(text.trim());
}

/** A numeric constraint, written as a number or as text (`MinLength: '3'` is common in JSON templates). */
function numberOf(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  return typeof value === 'string' && isNumber(value) ? Number(value) : undefined;
}

function allowedValues(decl: Record<string, unknown>): string[] | undefined {
  const allowed = decl.AllowedValues;
  return Array.isArray(allowed) && allowed.length > 0 ? allowed.map(parameterText) : undefined;
}

/** Up to ten values, then how many there are in all. */
function listed(values: readonly string[]): string {
  const shown = values.slice(0, 10).join(', ');
  return values.length > 10 ? `[${shown}, … ${values.length} in all]` : `[${shown}]`;
}

/**
 * Escapes, classes and flags of Java's regex dialect (CloudFormation's) that JavaScript reads
 * differently or not at all: `\p{Alpha}`, `\A`, `\Z`, `\Q…\E`, `[a-z&&[^q]]`, `(?i)`, possessive `++`.
 */
const JAVA_ONLY = /\\[pPAZzGQEhHRX]|&&|\(\?[a-zA-Z-]+[:)]|[*+?}]\+/;

const patternCache = new Map<string, { regex: RegExp; source: string } | null>();

/** The AllowedPattern as a whole-value JavaScript regex; undefined when there is none or it cannot be read alike. */
function allowedPattern(decl: Record<string, unknown>): { regex: RegExp; source: string } | undefined {
  const source = decl.AllowedPattern;
  if (typeof source !== 'string' || source === '') return undefined;
  let compiled = patternCache.get(source);
  if (compiled === undefined) {
    compiled = JAVA_ONLY.test(source) ? null : compile(source);
    patternCache.set(source, compiled);
  }
  return compiled ?? undefined;
}

function compile(source: string): { regex: RegExp; source: string } | null {
  // A regex the template's author wrote, run as written: CloudFormation runs it too on every deploy, so one that
  // backtracks is the author's to see there (unlike the regexes once made from template text, now matched by
  // src/model/wildcard-match.ts). One too large or invalid to compile is caught below.
  // Unicode mode first (closest to Java for \p{L} and the like); Java also accepts escapes such as
  // `\_` that only JavaScript's legacy mode takes.
  for (const flags of ['u', '']) {
    try {
      return { regex: new RegExp(`^(?:${source})$`, flags), source };
    } catch {
      // try the next mode
    }
  }
  return null;
}
