/**
 * Secret detection for a single value, or for a named value such as an environment variable.
 * Pure, synchronous and fast: it is called by checks for every variable, and later for every
 * string literal found in deployment packages. No output of this module contains a secret: hits
 * carry `redact(secret)` only.
 *
 * The value patterns are Parapet's own rather than @secretlint/*: secretlint's API is async-only
 * (see patterns.ts), and checks are synchronous.
 */
import { benignReason } from './benign.js';
import { looksRandom } from './entropy.js';
import { isSecretReferenceName, secretName } from './names.js';
import { isAwsSecretAccessKeyShape, matchValuePattern, type PatternMatch } from './patterns.js';
import { redact } from './redact.js';
import type { SecretHit } from './types.js';

/** Values shorter than this are not taken for secrets on the strength of their name alone. */
const MIN_NAMED_SECRET_LENGTH = 8;
/** A value must be at least this long to be called a secret for looking random alone. */
const MIN_GENERIC_SECRET_LENGTH = 20;
/** Values longer than this are scanned by the patterns only; the whole-value heuristics skip them. */
const MAX_WHOLE_VALUE_LENGTH = 4096;

function hit(match: PatternMatch): SecretHit {
  return {
    kind: match.kind,
    description: match.description,
    confidence: match.confidence,
    redacted: redact(match.secret),
  };
}

/**
 * A secret recognisable from the value alone: a provider token, a private key, a JWT, a password
 * inside a URL or connection string, or (medium confidence) a long random-looking token.
 */
export function detectSecretInValue(value: string): SecretHit | undefined {
  const match = matchValuePattern(value);
  if (match !== undefined) return hit(match);
  return genericSecret(value);
}

/** A long single token that looks machine-random and is none of the known harmless shapes. */
function genericSecret(value: string): SecretHit | undefined {
  const text = value.trim();
  if (text.length > MAX_WHOLE_VALUE_LENGTH || benignReason(text) !== undefined) return undefined;
  if (!looksRandom(text, MIN_GENERIC_SECRET_LENGTH)) return undefined;
  return {
    kind: 'high-entropy-string',
    description: 'long random-looking string (possibly a key or token)',
    confidence: 'medium',
    redacted: redact(text),
  };
}

/**
 * A secret in a named value such as an environment variable `NAME=value`: everything
 * `detectSecretInValue` finds, plus AWS secret access keys under an AWS or secret name, plus any
 * non-trivial literal under a name like PASSWORD, TOKEN, API_KEY or CLIENT_SECRET. Names that
 * point at a secret (`DB_PASSWORD_SECRET_ARN`, `SECRET_NAME`, `TOKEN_TABLE`) do not count, and
 * neither do references, paths, ARNs, placeholders and other harmless values.
 */
export function detectSecretInNamedValue(name: string, value: string): SecretHit | undefined {
  const match = matchValuePattern(value);
  if (match !== undefined) return hit(match);

  const text = value.trim();
  const named = secretName(name);
  if (isAwsSecretAccessKeyShape(text) && (named !== undefined || /aws|secret/i.test(name))) {
    return {
      kind: 'aws-secret-access-key',
      description: `AWS secret access key in ${name}`,
      confidence: 'high',
      redacted: redact(text),
    };
  }

  if (text.length > MAX_WHOLE_VALUE_LENGTH || benignReason(text) !== undefined) return undefined;

  if (named !== undefined && text.length >= MIN_NAMED_SECRET_LENGTH) {
    return {
      kind: 'named-secret',
      description: `literal value of a variable named as a ${named.category.replace('-', ' ')} (${named.words})`,
      confidence: looksRandom(text, 16) ? 'high' : 'medium',
      redacted: redact(text),
    };
  }
  // A name about a secret (TOKEN_TABLE, SECRET_NAME) holds an identifier, even a random-looking one.
  if (isSecretReferenceName(name)) return undefined;
  return genericSecret(text);
}
