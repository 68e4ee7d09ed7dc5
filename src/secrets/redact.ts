/** Secrets shorter than this show no prefix at all: a few characters of a short secret help guess it. */
const MIN_LENGTH_FOR_PREFIX = 20;
const PREFIX_LENGTH = 4;

/**
 * The only form in which a detected secret may reach any output: a short prefix (only for long
 * secrets, where it names the kind, like `AKIA` or `ghp_`) and the length.
 *
 *   redact(accessKeyId) === 'AKIA…(20 chars)'
 *
 * No hash, not even a truncated one: reports end up in code scanning and SIEMs, and an unsalted
 * hash there lets anyone confirm a guessed password offline. Findings are told apart by the
 * variable or location they name instead.
 */
export function redact(secret: string): string {
  const characters = [...secret];
  const prefix =
    characters.length >= MIN_LENGTH_FOR_PREFIX ? characters.slice(0, PREFIX_LENGTH).join('') : '';
  // A prefix with spaces or control characters would garble reports; drop it rather than escape it.
  const printablePrefix = /^[\x21-\x7e]*$/.test(prefix) ? prefix : '';
  return `${printablePrefix}…(${characters.length} chars)`;
}
