import { closest, ordinal } from '../../config/names.js';
import { readExpiry } from '../../findings/expiry.js';
import type { ScanError } from '../../findings/finding.js';
import type { InlineSuppression } from '../../model/resource.js';
import { asRecord } from './intrinsic-values.js';
import type { MapContext } from './map/context.js';
import { entryAdvice, ignoreListAdvice, parapetAdvice, suppressionSyntax } from './suppression-advice.js';

const PARAPET_KEYS = ['ignore'];
const ENTRY_KEYS = ['id', 'reason', 'expires'];

/**
 * Reads `Metadata: { parapet: { ignore: [{ id, reason, expires }] } }` on a resource. An entry that is
 * not a mapping with a text `id`, that has no reason, an `expires` that is not a real YYYY-MM-DD date or
 * a key it does not know is a template error at its line, and suppresses nothing: a suppression the
 * user got wrong must leave the finding open, never hide it quietly (or forever).
 */
export function inlineSuppressions(
  ctx: MapContext,
  metadata: Record<string, unknown> | undefined,
  resource: string,
  errors: ScanError[],
  cdkPath: string | undefined,
): InlineSuppression[] {
  if (metadata?.parapet === undefined) return [];
  const syntax = suppressionSyntax(ctx.locator.file, cdkPath);
  const report = (message: string, node: object, key?: string | number) => {
    const position =
      (key === undefined ? undefined : ctx.locator.locate(node, key)) ?? ctx.locator.locate(node);
    errors.push({ kind: 'template', message, file: ctx.locator.file, resource, ...position });
  };

  const parapet = asRecord(metadata.parapet);
  if (!parapet) {
    report(
      `Metadata.parapet of ${resource} is not a mapping; write ${parapetAdvice(syntax)}`,
      metadata,
      'parapet',
    );
    return [];
  }
  for (const key of Object.keys(parapet)) {
    if (!PARAPET_KEYS.includes(key))
      report(`Metadata.parapet of ${resource} ${unknownKey(key, PARAPET_KEYS)}`, parapet, key);
  }
  const ignore = parapet.ignore;
  if (ignore === undefined) return [];
  if (!Array.isArray(ignore)) {
    report(
      `Metadata.parapet.ignore of ${resource} is not a list; write ${ignoreListAdvice(syntax)}`,
      parapet,
      'ignore',
    );
    return [];
  }

  const out: InlineSuppression[] = [];
  ignore.forEach((entry, index) => {
    const where = `Metadata.parapet.ignore[${index}] of ${resource} (the ${ordinal(index + 1)} entry)`;
    const e = asRecord(entry);
    if (!e) {
      const suggestion = entryAdvice(syntax, typeof entry === 'string' ? entry : undefined);
      report(
        `${where} is ${describe(entry)}, not a suppression; write ${suggestion}. It suppresses nothing`,
        ignore,
        index,
      );
      return;
    }
    if (typeof e.id !== 'string' || e.id.trim() === '') {
      report(`${where} has no id (the check id or glob it suppresses); it suppresses nothing`, e, 'id');
      return;
    }
    const id = e.id.trim();
    const subject = `suppression of ${id} on ${resource}`;
    const problems: { message: string; key?: string }[] = [];
    let misspeltReason = false;
    for (const key of Object.keys(e)) {
      if (ENTRY_KEYS.includes(key)) continue;
      problems.push({ message: `${subject} ${unknownKey(key, ENTRY_KEYS)}`, key });
      if (closest(key, ENTRY_KEYS) === 'reason') misspeltReason = true;
    }
    if (misspeltReason && e.reason === undefined) {
      // Already said: the unknown key is the reason, misspelt.
    } else if (
      e.reason === undefined ||
      e.reason === null ||
      (typeof e.reason === 'string' && e.reason.trim() === '')
    ) {
      problems.push({ message: `${subject} has no reason; a reason is required` });
    } else if (typeof e.reason !== 'string') {
      problems.push({
        message: `${subject}: its reason is ${describe(e.reason)}; write it as text`,
        key: 'reason',
      });
    }
    const expiry = e.expires === undefined ? undefined : readExpiry(e.expires);
    if (expiry && 'problem' in expiry) {
      problems.push({ message: `${subject}: expires ${expiry.problem}`, key: 'expires' });
    }
    for (const problem of problems) report(`${problem.message}, so it does not apply`, e, problem.key);
    if (problems.length > 0) return;
    out.push({
      id,
      reason: (e.reason as string).trim(),
      ...(expiry && 'date' in expiry ? { expires: expiry.date } : {}),
      source: ctx.source(e),
    });
  });
  return out;
}

function unknownKey(key: string, known: readonly string[]): string {
  const guess = closest(key, known);
  const hint = guess === undefined ? '' : ` (did you mean "${guess}"?)`;
  return `has an unknown key "${key}"${hint}; the keys are ${known.join(', ')}`;
}

/** What a wrong entry is, in words, with its value when short (an entry is a check id, not a secret). */
function describe(value: unknown): string {
  if (value === null || value === undefined) return 'empty';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'string') return `the text "${value.length > 60 ? `${value.slice(0, 59)}…` : value}"`;
  if (typeof value === 'object') return 'a mapping';
  return `${typeof value === 'number' ? 'the number' : 'the value'} ${String(value)}`;
}
