/**
 * Secret detection for a single value, or for a named value such as an environment variable.
 * Pure, synchronous and fast: it is called by checks for every variable, and later for every
 * string literal found in deployment packages. No output of this module contains a secret: hits
 * carry `redact(secret)` only.
 *
 * The value patterns are Parapet's own rather than @secretlint/*: secretlint's API is async-only
 * (see patterns.ts), and checks are synchronous.
 */
import { type BenignReason, benignReason, isSecretNameShaped } from './benign.js';
import { looksRandom } from './entropy.js';
import { structuredFields } from './fields.js';
import {
  categoryPhrase,
  clearlyNamesSecretStore,
  isIdentifierName,
  isSecretReferenceName,
  mayNameSecretStore,
  namesSecretStore,
  type SecretName,
  type SecretNameCategory,
  secretName,
} from './names.js';
import {
  isAwsDocumentationKey,
  isAwsSecretAccessKeyShape,
  isPublishedSampleKey,
  matchValuePattern,
  OPAQUE,
  opaqueTemplate,
  type PatternMatch,
} from './patterns.js';
import { type BesideKeys, besidePublicKeys } from './public-key-text.js';
import { redact } from './redact.js';
import type { SecretHit } from './types.js';

/**
 * Under a vague secret name (CREDENTIALS, AUTH), values shorter than this are not taken for secrets on
 * the strength of the name alone.
 */
const MIN_NAMED_SECRET_LENGTH = 8;
/** A value must be at least this long to be called a secret for looking random alone. */
const MIN_GENERIC_SECRET_LENGTH = 20;
/**
 * Values longer than this are scanned by the patterns only; the whole-value heuristics skip them. What is written
 * beside public key material is measured on its own: a certificate chain makes a value long, not its text.
 */
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

/**
 * A secret written in the literal text of a value whose other parts are not known before deploy: `template`
 * is that value with `${...}` for those parts, as `!Sub` writes it. Only the value patterns are asked (a
 * provider token, a private key, a password in a URL), never the whole-value heuristics: a placeholder reads
 * as an opaque word or host, and a secret that is or holds a placeholder (`app:${DbPassword}@host`) is not
 * written in the template, so not found here. The fields of a JSON object or connection string are judged by
 * their names too (`{"host":"${Db.Endpoint.Address}","password":"Pa55w0rd"}`), those with a placeholder in them
 * skipped.
 */
export function detectSecretInTemplate(template: string): SecretHit | undefined {
  // Most values not known before deploy are a single reference (`${Queue.Arn}`): no literal text to read.
  if (template.startsWith('${') && template.indexOf('}') === template.length - 1) return undefined;
  const text = opaqueTemplate(template);
  if (text.length <= 1) return undefined;
  const match = matchValuePattern(text);
  if (match !== undefined) return hit(match);
  return text.length > MAX_WHOLE_VALUE_LENGTH ? undefined : secretInFields(text.trim());
}

/** A long single token that looks machine-random and is none of the known harmless shapes. */
function genericSecret(value: string): SecretHit | undefined {
  for (const { text } of beside(value)) {
    const found = benignReason(text) === undefined ? randomSecret(text) : undefined;
    if (found !== undefined) return found;
  }
  return undefined;
}

/**
 * The pieces of a value the whole-value heuristics judge, short enough for them: the value, trimmed, or what is
 * written beside its public key material, each on its own (a certificate or public key is public as far as it goes).
 */
function beside(value: string): BesideKeys[] {
  return besidePublicKeys(value.trim()).filter(({ text }) => text.length <= MAX_WHOLE_VALUE_LENGTH);
}

/** genericSecret for a trimmed text already known to be short enough and of no harmless shape. */
function randomSecret(text: string): SecretHit | undefined {
  if (!looksRandom(text, MIN_GENERIC_SECRET_LENGTH) || isPublishedSampleKey(text)) return undefined;
  return {
    kind: 'high-entropy-string',
    description: 'long random-looking string (possibly a key or token)',
    confidence: 'medium',
    redacted: redact(text),
  };
}

/** Categories whose values people choose themselves, so that any value is one: a short or common word too. */
const CHOSEN_SECRETS: ReadonlySet<SecretNameCategory> = new Set(['password', 'secret', 'token', 'api-key']);

/**
 * A secret in a named value such as an environment variable `NAME=value`: everything
 * `detectSecretInValue` finds, plus AWS secret access keys under an AWS or secret name, plus literal
 * values under a name like PASSWORD, TOKEN, API_KEY or CLIENT_SECRET, also as the field of a JSON object or
 * connection string in the value (`{"password":"…"}`: the hit's `field` says which). Names that point at a secret
 * (`DB_PASSWORD_SECRET_ARN`, `SECRET_NAME`, `TOKEN_TABLE`) do not count, and neither do references,
 * paths, ARNs, placeholders and other harmless values.
 *
 * Under a password, secret, token or API key name every value that is a value counts, short and
 * common ones included: `hunter2`, `admin123` and `changeme` are weak passwords, not placeholders,
 * once deployed. Placeholders that cannot be a working secret (`<password>`, `${DB_PASSWORD}`,
 * `your-token-here`, `TODO`) do not count. Under the vaguer names (CREDENTIALS, AUTH, PRIVATE_KEY)
 * a value must be at least 8 characters: short ones there are modes (`AUTH: cognito`).
 *
 * `subject` says what the name belongs to in the description: "a variable named like a password".
 */
export function detectSecretInNamedValue(
  name: string,
  value: string,
  subject: 'variable' | 'parameter' = 'variable',
): SecretHit | undefined {
  return namedValueSecret(name, value, subject, true);
}

/**
 * detectSecretInNamedValue, for a field of a structured value too (`subject` 'field'). `random`: whether a
 * random-looking value under a name that says nothing counts; not for fields, where only names and patterns do
 * (a JSON config holds ids, hashes and generated names in fields nobody has called secret). `knownName`: what the
 * name says where its format reads it its own way (a connection string's `AccountKey`), in place of secretName.
 */
function namedValueSecret(
  name: string,
  value: string,
  subject: NameSubject,
  random: boolean,
  knownName?: SecretName,
): SecretHit | undefined {
  const match = matchValuePattern(value);
  if (match !== undefined) return hit(match);
  for (const piece of beside(value)) {
    const found = namedTextSecret(name, piece, subject, random, knownName);
    if (found !== undefined) return found;
  }
  return undefined;
}

/**
 * namedValueSecret for a value, or a piece of it beside public key material, that no value pattern matched. An
 * OpenSSH key's comment is judged by its own look, and by the name only where the name is a password's: a name
 * about the key (SIGNING_KEY, PRIVATE_KEY) speaks of the key, which is public, not of its label.
 */
function namedTextSecret(
  name: string,
  { text, comment }: BesideKeys,
  subject: NameSubject,
  random: boolean,
  knownName?: SecretName,
): SecretHit | undefined {
  // A key its vendor publishes for a local emulator (Azurite's), or for its documentation (AWS's AKIAIOSFODNN7EXAMPLE),
  // guards nothing, whatever it is stored under.
  if (isPublishedSampleKey(text) || isAwsDocumentationKey(text)) return undefined;
  const said = knownName ?? secretName(name);
  const named = comment && said?.category !== 'password' ? undefined : said;
  if (isAwsSecretAccessKeyShape(text) && (named !== undefined || /aws|secret/i.test(name))) {
    return {
      kind: 'aws-secret-access-key',
      description: `AWS secret access key in ${name}`,
      confidence: 'high',
      redacted: redact(text),
    };
  }

  const inField = secretInFields(text);
  if (inField !== undefined) return inField;
  // Worked out once: every environment variable of every function comes through here.
  const benign = benignReason(text);
  // `LICENSE_KEY_SECRET: nr-license-key` names the secret that holds the key; a token there still fails.
  if (named !== undefined && mayNameStore(name, text) && isSecretNameShaped(text)) return undefined;
  if (named !== undefined && isValueOfNamedSecret(named.category, text, benign)) {
    return {
      kind: 'named-secret',
      description: `value of a ${subject} named like ${categoryPhrase(named.category)} (${named.words})`,
      confidence: looksRandom(text, 16) ? 'high' : 'medium',
      redacted: redact(text),
    };
  }
  if (benign !== undefined) return undefined;
  // A name about a secret (TOKEN_TABLE, SECRET_NAME) holds an identifier, even a random-looking one, and so
  // does one named as an id (COGNITO_CLIENT_ID): the value patterns above still apply to both.
  if (!random || isSecretReferenceName(name) || isIdentifierName(name)) return undefined;
  return randomSecret(text);
}

/**
 * Whether the literal `text` under `name` may be the name of a store: under any `<secret>_SECRET` that namesSecretStore
 * reads so; under a token's or client's secret (`ACCESS_TOKEN_SECRET`, a credential of its own) only when the
 * literal clearly names one.
 */
function mayNameStore(name: string, text: string): boolean {
  return mayNameSecretStore(name) && (namesSecretStore(name) || clearlyNamesSecretStore(text));
}

/** What a name belongs to, for the description: "a variable named like a password". */
type NameSubject = 'variable' | 'parameter' | 'field';

/**
 * A secret in a field of a JSON object or connection string, judged by the field's name as a variable is by its
 * own (`"password": "Tr0ub4dor&3"`); `field` says where. A field with a part not known before deploy in it (an
 * OPAQUE character, see detectSecretInTemplate) holds no secret written in the template.
 */
function secretInFields(text: string): SecretHit | undefined {
  for (const field of structuredFields(text)) {
    if (field.value.includes(OPAQUE)) continue;
    const found = namedValueSecret(field.key, field.value, 'field', false, field.named);
    if (found === undefined) continue;
    // A JSON object in a field's string: its own path follows the field's.
    return { ...found, field: found.field === undefined ? field.path : `${field.path}.${found.field}` };
  }
  return undefined;
}

/**
 * Categories of names that say their value is secret. A token issued to be public (a Stripe publishable key)
 * under one of them is judged as any value there; under the others (`STRIPE_API_KEY`, `MAPBOX_TOKEN`, the
 * names such tokens are stored under too) it is not a secret.
 */
const SAYS_SECRET: ReadonlySet<SecretNameCategory> = new Set(['password', 'secret', 'private-key']);

/** Whether `text`, stored under a name of this category, is the secret itself; `reason`: its benignReason. */
function isValueOfNamedSecret(
  category: SecretNameCategory,
  text: string,
  reason: BenignReason | undefined,
): boolean {
  if (reason === 'public-by-design' && !SAYS_SECRET.has(category)) return false;
  // A file under a secret's name (a keystore, a key file) is that secret: only its random look is no evidence;
  // so is a public token under a name that says secret.
  const looked = reason === 'encoded-file' || reason === 'public-by-design' ? undefined : reason;
  if (!CHOSEN_SECRETS.has(category)) return looked === undefined && text.length >= MIN_NAMED_SECRET_LENGTH;
  if (looked === undefined || looked === 'stand-in-word') return true;
  // A PIN-like password (`123456`); numbers under other names are limits and counts (MAX_TOKENS: 4096).
  return looked === 'number' && category === 'password' && /^\d{4,}$/.test(text);
}
