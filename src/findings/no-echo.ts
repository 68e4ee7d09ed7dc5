/**
 * The last line of defence for NoEcho parameters: whatever a check or the template reader wrote, no
 * finding or error of a template shows the value of one of its NoEcho parameters (its Default, or the
 * value given with -p). Checks that know a value is NoEcho already say so in their own words (the
 * environment secret check); this catches every other place a resolved value is quoted: a layer ARN,
 * an account id, a runtime taken from a NoEcho parameter.
 */
import type { Finding, ScanError } from './finding.js';

export interface HiddenValue {
  readonly name: string;
  readonly value: string;
}

/**
 * The known values of the template's NoEcho parameters: `-p` values first, else their Default. (A parent stack's
 * NoEcho values never reach a nested one as text: see ParentGift.noEcho.)
 */
export function noEchoValues(
  parameters: Readonly<Record<string, unknown>> | undefined,
  given: Readonly<Record<string, string>> | undefined,
): HiddenValue[] {
  const hidden: HiddenValue[] = [];
  for (const [name, declaration] of Object.entries(parameters ?? {})) {
    const decl = declaration as { NoEcho?: unknown; Default?: unknown } | null;
    if (decl === null || typeof decl !== 'object') continue;
    if (decl.NoEcho !== true && decl.NoEcho !== 'true') continue;
    // hasOwn: a parameter named `constructor` or `toString` must not read the object's prototype.
    const value =
      given !== undefined && Object.hasOwn(given, name)
        ? given[name]
        : decl.Default === undefined
          ? undefined
          : String(decl.Default);
    if (value !== undefined && value !== '') hidden.push({ name, value });
  }
  // Longest first, so a value that contains another is replaced whole.
  return hidden.sort((a, b) => b.value.length - a.value.length);
}

/** A finding with every NoEcho value in its text replaced by the parameter's name. */
export function hideInFinding(finding: Finding, hidden: readonly HiddenValue[]): Finding {
  if (hidden.length === 0) return finding;
  const hide = (text: string) => hideValues(text, hidden);
  // The resource's id too: a role outside the template is known by its ARN, which a NoEcho default may give.
  const id = hide(finding.resource.id);
  return {
    ...finding,
    ...(id === finding.resource.id ? {} : { resource: { ...finding.resource, id } }),
    message: hide(finding.message),
    ...(finding.evidence
      ? { evidence: Object.fromEntries(Object.entries(finding.evidence).map(([k, v]) => [k, hide(v)])) }
      : {}),
    ...(finding.assumptions ? { assumptions: finding.assumptions.map(hide) } : {}),
  };
}

export function hideInError(error: ScanError, hidden: readonly HiddenValue[]): ScanError {
  return hidden.length === 0 ? error : { ...error, message: hideValues(error.message, hidden) };
}

/**
 * Replaces each value in `text` with `(NoEcho parameter Name)`. A value of six characters or more is
 * replaced wherever it appears; a shorter one only as a whole word, so that a NoEcho `dev` does not
 * garble every word that contains it. Parts a check may quote on their own (the account id inside a
 * NoEcho ARN) go too: every run of eight or more letters and digits, with a digit in it, as a word.
 */
export function hideValues(text: string, hidden: readonly HiddenValue[]): string {
  let out = text;
  for (const h of hidden) {
    // A function, so that a `$` in what is shown is never read as a replacement pattern.
    for (const [pattern, shown] of replacementsOf(h)) out = out.replaceAll(pattern, () => shown);
  }
  return out;
}

/**
 * The replacements for one value, built once: every finding of a template goes through hideValues, and a
 * regular expression per finding would be compiled thousands of times in a large template.
 */
const replacements = new WeakMap<HiddenValue, readonly (readonly [string | RegExp, string])[]>();
function replacementsOf(hidden: HiddenValue): readonly (readonly [string | RegExp, string])[] {
  const known = replacements.get(hidden);
  if (known) return known;
  const { name, value } = hidden;
  const shown = `(NoEcho parameter ${name})`;
  const list: (readonly [string | RegExp, string])[] = [
    [value.length >= 6 ? value : wholeWord(value), shown],
  ];
  for (const part of value.match(/[A-Za-z0-9]{8,}/g) ?? []) {
    if (/\d/.test(part) && part !== value) list.push([wholeWord(part), `(part of NoEcho parameter ${name})`]);
  }
  replacements.set(hidden, list);
  return list;
}

function wholeWord(value: string): RegExp {
  return new RegExp(`(?<![A-Za-z0-9])${escapeRegExp(value)}(?![A-Za-z0-9])`, 'g');
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
