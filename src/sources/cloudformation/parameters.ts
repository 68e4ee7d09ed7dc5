import { detectSecretInNamedValue, secretName } from '../../secrets/index.js';
import { asRecord, parameterText, type TemplateIssue } from './intrinsics.js';

/**
 * Parameter values checked against their declarations, the way CloudFormation checks them before it
 * deploys (user guide, "Parameters" section): `AllowedValues`; `AllowedPattern`, which must match the
 * whole value (of a String, or each item of a CommaDelimitedList); `MinLength` / `MaxLength` of a
 * String; a Number must be a number, within `MinValue` / `MaxValue`; each item of a `List<Number>`
 * must be a number. AWS-specific and SSM parameter types are values CloudFormation looks up in the
 * account: nothing here can check them.
 *
 * A value is never printed when the parameter is NoEcho, or when its name or the value itself says it
 * may be a secret: the message says "the given value" instead.
 *
 * Where the guide is silent Parapet leans towards accepting, so that it never reports an error
 * CloudFormation would not: a list passes a constraint when each item does or when the whole text
 * does (as cfn-lint reads it), and an AllowedPattern written in Java's regex dialect that JavaScript
 * would read differently is not checked.
 */
export function checkParameterValues(
  template: Record<string, unknown>,
  given: Readonly<Record<string, string>> = {},
): TemplateIssue[] {
  const section = asRecord(template.Parameters);
  if (!section) return [];
  const issues: TemplateIssue[] = [];
  for (const [name, raw] of Object.entries(section)) {
    const decl = asRecord(raw);
    if (!decl) continue;
    const noEcho = decl.NoEcho === true || decl.NoEcho === 'true';
    if (decl.Default !== undefined) {
      const text = parameterText(decl.Default);
      const problem = problemWith(decl, name, text, noEcho);
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
      const problem = problemWith(decl, name, value, noEcho);
      if (problem) {
        const label = problem.hidden ? `-p ${name}: the given value is` : `-p ${name}=${value}:`;
        issues.push({
          message: `${label} ${problem.broken}${advice(decl)}; CloudFormation rejects this value (scanned with it anyway)`,
          node: section,
          key: name,
        });
      }
    }
  }
  return issues;
}

/** The constraint a value breaks, said without the value when it is not to be printed. */
function problemWith(
  decl: Record<string, unknown>,
  name: string,
  value: string,
  noEcho: boolean,
): { broken: string; hidden: boolean } | undefined {
  const hiddenly = violation(decl, value, true);
  if (hiddenly === undefined) return undefined;
  // Only a value that breaks a constraint is looked at as a possible secret.
  if (noEcho || mayBeSecret(name, value)) return { broken: hiddenly, hidden: true };
  return { broken: violation(decl, value, false) ?? hiddenly, hidden: false };
}

/**
 * Whether a value is not to be printed though its parameter is not NoEcho: the name says it is a
 * secret (`DbPassword`, even a short value), or the value looks like one (a token, a key).
 */
function mayBeSecret(name: string, value: string): boolean {
  return secretName(name) !== undefined || detectSecretInNamedValue(name, value) !== undefined;
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

/** The first constraint `value` breaks, said so it reads after "is"; undefined when it meets them all. */
function violation(decl: Record<string, unknown>, value: string, hidden: boolean): string | undefined {
  const kind = kindOf(decl.Type);
  if (kind === 'unchecked') return undefined;
  if (kind === 'string' || kind === 'number') return scalarViolation(decl, kind, value);
  const items = value === '' ? [] : value.split(',').map((item) => item.trim());
  for (const item of items) {
    if (kind === 'number-list' && !isNumber(item))
      return `not a list of numbers (${hidden ? 'an item' : `item ${JSON.stringify(item)}`} is not a number)`;
  }
  const allowed = allowedValues(decl);
  if (allowed && !allowed.includes(value)) {
    const outside = items.find((item) => !allowed.includes(item));
    if (outside !== undefined) {
      const which = hidden ? 'an item' : `item ${JSON.stringify(outside)}`;
      return `not made of AllowedValues ${listed(allowed)} (${which} is not one of them)`;
    }
  }
  const pattern = kind === 'list' ? allowedPattern(decl) : undefined;
  if (pattern && !pattern.regex.test(value)) {
    const outside = items.find((item) => !pattern.regex.test(item));
    if (outside !== undefined) {
      const which = hidden ? 'an item' : `item ${JSON.stringify(outside)}`;
      return `not made of items matching AllowedPattern ${pattern.source} (${which} does not match)`;
    }
  }
  return undefined;
}

function scalarViolation(
  decl: Record<string, unknown>,
  kind: 'string' | 'number',
  value: string,
): string | undefined {
  if (kind === 'number' && !isNumber(value)) return 'not a number';
  const allowed = allowedValues(decl);
  if (allowed && !allowed.includes(value)) {
    // A Number matches an allowed value written another way (`1.0` for `1`).
    const equal = kind === 'number' && allowed.some((a) => isNumber(a) && Number(a) === Number(value));
    if (!equal) return `not one of AllowedValues ${listed(allowed)}`;
  }
  if (kind === 'number') {
    const min = numberOf(decl.MinValue);
    if (min !== undefined && Number(value) < min) return `less than MinValue ${min}`;
    const max = numberOf(decl.MaxValue);
    if (max !== undefined && Number(value) > max) return `greater than MaxValue ${max}`;
    return undefined;
  }
  const pattern = allowedPattern(decl);
  if (pattern && !pattern.regex.test(value)) return `not matched by AllowedPattern ${pattern.source}`;
  const minLength = numberOf(decl.MinLength);
  if (minLength !== undefined && value.length < minLength) return `shorter than MinLength ${minLength}`;
  const maxLength = numberOf(decl.MaxLength);
  if (maxLength !== undefined && value.length > maxLength) return `longer than MaxLength ${maxLength}`;
  return undefined;
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
