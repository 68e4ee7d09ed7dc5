/**
 * Measures of how random a string looks. Secrets made by machines (keys, tokens) are random;
 * the long values that are not secrets (handler names, generated resource names, paths,
 * hashes of ordinary things) are made of words or of hex digits.
 */

/** Shannon entropy in bits per character. */
export function shannonEntropy(text: string): number {
  if (text.length === 0) return 0;
  const counts = new Map<string, number>();
  for (const char of text) counts.set(char, (counts.get(char) ?? 0) + 1);
  let entropy = 0;
  for (const count of counts.values()) {
    const p = count / text.length;
    entropy -= p * Math.log2(p);
  }
  return entropy;
}

type CharClass = 'lower' | 'upper' | 'digit' | 'other';

function classOf(char: string): CharClass {
  if (char >= 'a' && char <= 'z') return 'lower';
  if (char >= 'A' && char <= 'Z') return 'upper';
  if (char >= '0' && char <= '9') return 'digit';
  return 'other';
}

/**
 * Share of neighbouring characters whose class (lower, upper, digit, other) differs. Random
 * base62/base64 text switches class about every other character; words and camelCase rarely do.
 */
export function classSwitchRate(text: string): number {
  if (text.length < 2) return 0;
  let switches = 0;
  for (let index = 1; index < text.length; index++) {
    if (classOf(text[index - 1] ?? '') !== classOf(text[index] ?? '')) switches++;
  }
  return switches / (text.length - 1);
}

/** Share of the characters that sit in word-like parts (`orders`, `Table`, `processOrder`). */
export function wordShare(text: string): number {
  if (text.length === 0) return 0;
  let wordChars = 0;
  for (const part of text.split(/[^A-Za-z0-9]+/)) {
    // Split camelCase and digit runs: `OrdersTable1ABC` → Orders, Table, 1, ABC.
    for (const piece of part.match(/[A-Z]?[a-z]+|[A-Z]+(?![a-z])|\d+/g) ?? []) {
      if (isWordLike(piece)) wordChars += piece.length;
    }
  }
  return wordChars / text.length;
}

/**
 * A piece reads like a word: letters only (`Api`, `orders`), a vowel, vowels in the share words
 * have, and no run of 4 consonants. Random lowercase runs (`xkqz`, `mlshxyyms`) mostly fail this.
 */
function isWordLike(piece: string): boolean {
  if (!/^[A-Z]?[a-z]{2,}$/.test(piece)) return false;
  const lower = piece.toLowerCase();
  const vowels = lower.replace(/[^aeiouy]/g, '').length;
  return /[aeiou]/.test(lower) && vowels / lower.length >= 0.2 && !/[^aeiouy]{4,}/.test(lower);
}

/**
 * A separated value with a segment made of words, like CloudFormation's generated names
 * (`MyStack-MyFunction-ABC123DEF456`): a name with a random suffix, not a secret.
 */
function hasWordySegment(token: string): boolean {
  // Not `/` or `+`: they are base64 digits, and splitting on them finds "words" in random text.
  const segments = token.split(/[-_.:]+/);
  return segments.length > 1 && segments.some((segment) => segment.length >= 5 && wordShare(segment) >= 0.6);
}

const HEX = /^[0-9a-fA-F]+$/;

/** Only hex digits: digests (sha1/sha256 of a file, a commit) and ids far more often than secrets. */
export function isHexOnly(text: string): boolean {
  return HEX.test(text);
}

/**
 * Whether a single token looks machine-random: long enough, not hex, several character classes,
 * frequent class switches, high entropy, and not mostly words.
 */
export function looksRandom(token: string, minLength = 20): boolean {
  if (token.length < minLength || !/^[A-Za-z0-9+/=_\-.~]+$/.test(token)) return false;
  // Hex, also with separators (UUIDs, MAC-style ids): digests and identifiers far more often than keys.
  if (isHexOnly(token.replace(/[-_.:]/g, ''))) return false;
  const classes = new Set([...token].map(classOf).filter((charClass) => charClass !== 'other'));
  if (classes.size < 2 || !classes.has('digit')) return false;
  if (wordShare(token) >= 0.5 || hasWordySegment(token)) return false;
  if (classSwitchRate(token) < 0.25) return false;
  // Random text of length n over an alphabet of 36-64 characters has entropy close to
  // log2(min(n, alphabet)); ask for most of it.
  return shannonEntropy(token) >= Math.min(3.9, Math.log2(token.length) * 0.8);
}
