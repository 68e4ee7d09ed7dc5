/**
 * Whether one IAM wildcard pattern matches everything another does (`arn:aws:s3:::*` covers `arn:aws:s3:::b/*`): how a
 * Deny's Resource is weighed against a grant's. IAM reads `*` in an ARN as any run of characters and `?` as exactly
 * one (IAM User Guide, "IAM JSON policy elements: Resource", Using wildcards in resource ARNs).
 */
import { MARK_END, MARK_START, OPAQUE } from './templates.js';
import { wildcardMatches } from './wildcards.js';

/**
 * What the inner pattern is read as: a character, or a piece standing for any text (its `*`, a `${...}` of
 * sameDeployText, an OPAQUE name: any length, so only a `*` of the outer, or the same name written there, covers it),
 * or for one character (its `?`: a `?` or `*` of the outer covers it).
 */
type Piece = { readonly char: string } | { readonly run: string } | { readonly one: true };

/** A pattern as pieces: `*` a run, `?` one, a `${...}` mark (as sameDeployText writes it) or OPAQUE a named run. */
function piecesOf(pattern: string): Piece[] {
  const pieces: Piece[] = [];
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i] as string;
    if (c === MARK_START) {
      const end = pattern.indexOf(MARK_END, i);
      const close = end < 0 ? pattern.length : end + 1;
      pieces.push({ run: pattern.slice(i, close) });
      i = close - 1;
    } else if (c === OPAQUE) pieces.push({ run: OPAQUE });
    else if (c === '*') pieces.push({ run: '*' });
    else if (c === '?') pieces.push({ one: true });
    else pieces.push({ char: c });
  }
  return wildcardsInOrder(pieces);
}

/**
 * The pieces with each run of `*` and `?` written as its `?` then one `*` (`*?` as `?*`): the same text, one of at
 * least as many characters as it has `?`, so that `?*` and `*?` cover each other.
 */
function wildcardsInOrder(pieces: readonly Piece[]): Piece[] {
  const ordered: Piece[] = [];
  let ones = 0;
  let star = false;
  const flush = () => {
    for (; ones > 0; ones--) ordered.push({ one: true });
    if (star) ordered.push({ run: '*' });
    star = false;
  };
  for (const piece of pieces) {
    if ('one' in piece) ones++;
    else if ('run' in piece && piece.run === '*') star = true;
    else {
      flush();
      ordered.push(piece);
    }
  }
  flush();
  return ordered;
}

/** Whether an outer piece reads one inner piece: a `?` one character, a character or a name the same. */
function readsOne(outer: Piece, inner: Piece, ignoreCase: boolean): boolean {
  if ('one' in outer) return !('run' in inner);
  if ('run' in outer) return 'run' in inner && inner.run === outer.run && outer.run !== '*';
  if (!('char' in inner)) return false;
  return ignoreCase ? outer.char.toLowerCase() === inner.char.toLowerCase() : outer.char === inner.char;
}

/**
 * Whether the pattern `outer` matches everything the pattern `inner` does. An inner `*` (or a name not known before
 * deploy, which may be any length) is covered by an outer `*` alone; an inner `?` by an outer `?` or `*`; so an outer
 * `?` is weighed too (`arn:aws-??:s3:::b/*` covers `arn:aws-cn:s3:::b/*`, not `arn:aws-*:s3:::b/*`); a run of `*` and `?`
 * is any text of at least as many characters as it has `?`, wherever its `*` stands (`*?` covers `?*`). Sound, not
 * complete: `a?*` does not cover `a*b` (an outer `?` never reads an inner `*`, though the `b` after it is a character).
 */
export function patternCovers(outer: string, inner: string, ignoreCase = false): boolean {
  // Without a `?`, the outer's `*` runs absorb whatever the inner's wildcards and names stand for.
  const special =
    inner.includes('*') || inner.includes('?') || inner.includes(OPAQUE) || inner.includes(MARK_START);
  if (!outer.includes('?') || !special) return wildcardMatches(outer, inner, ignoreCase);
  const out = piecesOf(outer);
  const inn = piecesOf(inner);
  // reach[j]: the outer's pieces read so far match the inner's first j.
  let reach = new Uint8Array(inn.length + 1);
  reach[0] = 1;
  for (const piece of out) {
    const next = new Uint8Array(inn.length + 1);
    const star = 'run' in piece && piece.run === '*';
    for (let j = 0; j <= inn.length; j++) {
      if (star && (reach[j] === 1 || (j > 0 && next[j - 1] === 1))) next[j] = 1;
      else if (j > 0 && reach[j - 1] === 1 && readsOne(piece, inn[j - 1] as Piece, ignoreCase)) next[j] = 1;
    }
    reach = next;
  }
  return reach[inn.length] === 1;
}
