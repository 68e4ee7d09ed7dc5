import { allRuntimes } from './table.js';

/**
 * Suggests the runtime a misspelled or placeholder value most likely meant: `nodejs-20` →
 * `nodejs20.x`, `Python3.12` → `python3.12`, `provided.al2023023` → `provided.al2023`.
 * Returns undefined when nothing is close, or when several runtimes are equally close
 * (`python3.1`), since a wrong suggestion is worse than none.
 */
export function suggestRuntime(value: string): string | undefined {
  const wanted = normalize(value);
  if (wanted.length === 0) return undefined;

  const identifiers = allRuntimes().map((runtime) => runtime.identifier);
  // Same letters, other case or punctuation: `Python3.12`, `NODEJS20.X`, `nodejs-20.x`.
  const sameShape = identifiers.filter((identifier) => normalize(identifier) === wanted);
  if (sameShape.length === 1) return sameShape[0];

  const limit = Math.max(1, Math.floor(wanted.length / 5));
  let best: string | undefined;
  let bestDistance = Number.POSITIVE_INFINITY;
  let tied = false;
  for (const identifier of identifiers) {
    const distance = editDistance(wanted, normalize(identifier), limit);
    if (distance < bestDistance) {
      best = identifier;
      bestDistance = distance;
      tied = false;
    } else if (distance === bestDistance) {
      tied = true;
    }
  }
  if (bestDistance <= limit && !tied) return best;

  // A versioned identifier with junk after it (a doubled suffix); the longest such identifier wins.
  // Bare family names (`nodejs`, `provided`) do not count: `nodejs-26` is not Node.js 0.10.
  const prefixes = identifiers.filter((identifier) => /\d/.test(identifier) && value.startsWith(identifier));
  return prefixes.sort((a, b) => b.length - a.length)[0];
}

/** Lower case, letters and digits only: the part of a runtime name people get right. */
function normalize(text: string): string {
  return text.toLowerCase().replace(/[^a-z0-9]/g, '');
}

/** Levenshtein distance, giving up (returning limit + 1) once it must exceed `limit`. */
function editDistance(a: string, b: string, limit: number): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  let previous = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    let rowMinimum = i;
    for (let j = 1; j <= b.length; j++) {
      const substitution = (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1);
      const value = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, substitution);
      current.push(value);
      rowMinimum = Math.min(rowMinimum, value);
    }
    if (rowMinimum > limit) return limit + 1;
    previous = current;
  }
  return previous[b.length] ?? limit + 1;
}
