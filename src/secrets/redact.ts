import { createHash } from 'node:crypto';

/** Secrets shorter than this show no prefix at all: a few characters of a short secret help guess it. */
const MIN_LENGTH_FOR_PREFIX = 20;
const PREFIX_LENGTH = 4;

/**
 * The only form in which a detected secret may reach any output: a short prefix (only for long
 * secrets, where it names the kind, like `AKIA` or `ghp_`), the length, and the first 8 hex digits
 * of its SHA-256, enough to tell two findings apart or match a known value, never to use it.
 *
 *   redact(accessKeyId) === 'AKIA…(20 chars, sha256:1a2b3c4d)'
 *
 * The truncated hash can confirm a guess of a low-entropy password; that is why it is truncated
 * to 32 bits (many passwords share each value) and why short secrets get no prefix.
 */
export function redact(secret: string): string {
  const characters = [...secret];
  const prefix =
    characters.length >= MIN_LENGTH_FOR_PREFIX ? characters.slice(0, PREFIX_LENGTH).join('') : '';
  // A prefix with spaces or control characters would garble reports; drop it rather than escape it.
  const printablePrefix = /^[\x21-\x7e]*$/.test(prefix) ? prefix : '';
  const digest = createHash('sha256').update(secret, 'utf8').digest('hex').slice(0, 8);
  return `${printablePrefix}…(${characters.length} chars, sha256:${digest})`;
}
