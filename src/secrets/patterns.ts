/**
 * Patterns for secrets that can be recognised from the value alone: provider tokens with a fixed
 * shape, private keys, JWTs, credentials inside URLs and connection strings.
 *
 * Why not @secretlint/*: its only entry point (`lintSource` in @secretlint/core) returns a Promise,
 * and Parapet's checks are synchronous; its rules are also written against its own async rule
 * context. The shapes below follow the same public token formats (AWS, GitHub, GitLab, Slack,
 * Stripe, SendGrid, Twilio, Google, npm, and those of provider-tokens.ts) without that dependency.
 */
import { replacePlaceholders } from '../model/values.js';
import { base64LinesFrom } from './base64-lines.js';
import { looksRandom } from './entropy.js';
import { derKeyMaterial, derSpanDigits, type KeyMaterial, opensshKeyMaterial } from './key-material.js';
import { PROVIDER_TOKENS } from './provider-tokens.js';
import type { SecretConfidence } from './types.js';

export interface PatternMatch {
  readonly kind: string;
  readonly description: string;
  readonly confidence: SecretConfidence;
  /** The part of the value that is the secret; only ever passed to `redact`. */
  readonly secret: string;
}

type Pattern = (value: string) => PatternMatch | undefined;

/** A pattern whose whole match (or first group, when it has one) is the secret. */
function regexPattern(
  kind: string,
  description: string,
  regex: RegExp,
  confidence: SecretConfidence = 'high',
): Pattern {
  return (value) => {
    const match = regex.exec(value);
    if (match === null) return undefined;
    const secret = match[1] ?? match[0];
    if (isDocumentationExample(secret) || isPlaceholderSecret(secret)) return undefined;
    return { kind, description, confidence, secret };
  };
}

/** AWS's documentation keys (AKIAIOSFODNN7EXAMPLE, wJalr...EXAMPLEKEY), similar samples and published sample keys. */
function isDocumentationExample(secret: string): boolean {
  return /EXAMPLE/.test(secret) || isPublishedSampleKey(secret);
}

/**
 * Keys a vendor publishes for a local emulator, the same in every install, so they guard nothing: the well-known key
 * of Azurite's account devstoreaccount1, which the legacy Azure Storage Emulator used too and Microsoft documents
 * ("Connect to Azurite with SDKs and tools", learn.microsoft.com/azure/storage/common/storage-connect-azurite, "Use
 * the well-known storage account and key").
 */
const PUBLISHED_SAMPLE_KEYS: ReadonlySet<string> = new Set([
  'Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==',
]);

/** Whether `secret` is a key its vendor publishes for everyone's use (see PUBLISHED_SAMPLE_KEYS). */
export function isPublishedSampleKey(secret: string): boolean {
  return PUBLISHED_SAMPLE_KEYS.has(secret.trim());
}

/**
 * Stands for a part of a value not known before deploy (a `${...}` placeholder of an Unknown's template, see
 * `opaqueTemplate`): a character of Unicode's private use area, which no pattern's character class takes
 * except the negated ones (`[^@/\s]`), so that it reads as an opaque word or host and never as secret text.
 */
export const OPAQUE = '\uE000';

/** `${DB_PASSWORD}`, `{{resolve:...}}`, `<password>`, `****`: a slot for a secret, not a secret. */
function isPlaceholderSecret(secret: string): boolean {
  // A secret with a part not known before deploy in it is not written in the template.
  if (secret.includes(OPAQUE)) return true;
  return /^\s*$|\$\{|\{\{|^<.*>$|^\$[A-Za-z_(]|^%[A-Za-z_]|^[*x•]{3,}$/i.test(secret);
}

const AWS_ACCESS_KEY_ID = /(?<![A-Z0-9])(?:AKIA|ASIA)[A-Z2-7]{16}(?![A-Z0-9])/;

/**
 * Whether `text` is, whole, one of AWS's documentation keys: an access key ID or a secret access key in its shape
 * that isDocumentationExample takes (AKIAIOSFODNN7EXAMPLE, wJalr...EXAMPLEKEY). Asked by the name rule too, which
 * judges a value by the name it is stored under: those keys guard nothing under any name. Only key shapes, so that
 * a chosen password (`POSTGRES_PASSWORD: example`) is still judged by its name.
 */
export function isAwsDocumentationKey(text: string): boolean {
  const key = text.trim();
  // AWS's documentation keys end so (AKIAIOSFODNN7EXAMPLE, AKIAI44QH8DHBEXAMPLE, ...EXAMPLEKEY): a chosen value
  // that merely holds the word somewhere is still judged.
  const keyShaped =
    /^(?:AKIA|ASIA)[A-Z0-9]{9}EXAMPLE$/.test(key) || /^[A-Za-z0-9/+]{30}EXAMPLEKEY$/.test(key);
  return keyShaped && isDocumentationExample(key);
}
const FORTY_BASE64 = /(?<![A-Za-z0-9/+=])[A-Za-z0-9/+]{40}(?![A-Za-z0-9/+=])/g;

/** True when `token` has the shape of an AWS secret access key. */
export function isAwsSecretAccessKeyShape(token: string): boolean {
  return /^[A-Za-z0-9/+]{40}$/.test(token) && looksRandom(token, 40) && !isDocumentationExample(token);
}

/** An access key id, and a secret access key when one sits in the same value. */
const awsKeys: Pattern = (value) => {
  const keyId = AWS_ACCESS_KEY_ID.exec(value);
  if (keyId === null || isDocumentationExample(keyId[0])) return undefined;
  for (const candidate of value.matchAll(FORTY_BASE64)) {
    if (isAwsSecretAccessKeyShape(candidate[0])) {
      return {
        kind: 'aws-secret-access-key',
        description: 'AWS secret access key next to an access key ID',
        confidence: 'high',
        secret: candidate[0],
      };
    }
  }
  const temporary = keyId[0].startsWith('ASIA');
  return {
    kind: 'aws-access-key-id',
    description: temporary ? 'AWS temporary access key ID (ASIA...)' : 'AWS access key ID (AKIA...)',
    confidence: 'high',
    secret: keyId[0],
  };
};

/**
 * A PEM private key: its BEGIN line and a body. A body read as DER that ends before its outer SEQUENCE says (the
 * first lines of a key, encrypted or not, pasted without the rest) is named the start of one, cut short (medium), as
 * derPrivateKey names such a body without the armour; a body not read so (OpenSSH, a legacy encrypted PEM with its
 * Proc-Type lines, text after it) is named by its BEGIN line.
 */
const privateKey: Pattern = (value) => {
  const header = /-----BEGIN ((?:[A-Z0-9]+ )*)PRIVATE KEY(?: BLOCK)?-----/.exec(value);
  if (header === null) return undefined;
  const rest = value.slice(header.index);
  const footer = /-----END [A-Z0-9 ]*PRIVATE KEY(?: BLOCK)?-----/.exec(rest);
  // A body that is DER ending before its outer SEQUENCE (PKCS#8, encrypted or not, PKCS#1, SEC 1) is its start.
  const body = rest.slice(header[0].length, footer?.index).replace(/\\n|\s+/g, '');
  const material = derKeyMaterial(body);
  // A header alone is a placeholder or documentation; a key has a body: a line of base64, or less that reads as the
  // start of a key (which derPrivateKey would otherwise name as if it had no PEM header).
  const hasBody =
    (material !== undefined && DER_PRIVATE_KEYS[material] !== undefined) ||
    /^[\s\S]{0,200}?[A-Za-z0-9+/]{32}/.test(rest.slice(header[0].length));
  if (!hasBody) return undefined;
  const secret = footer === null ? rest : rest.slice(0, footer.index + footer[0].length);
  const type = header[1]?.trim();
  const named = type ? `PEM private key (${type})` : 'PEM private key';
  if (material === 'private-key-start' || material === 'encrypted-private-key-start') {
    return {
      kind: 'private-key',
      description: `the start of a ${named}, cut short`,
      confidence: 'medium',
      secret,
    };
  }
  return { kind: 'private-key', description: named, confidence: 'high', secret };
};

/**
 * A private key in base64 DER without the PEM armour (PKCS#8 `MIIEvQIBADANBgkqhkiG9w0BAQEFAASC…`, PKCS#1 RSA,
 * SEC 1 EC, an encrypted PKCS#8 `MIIFLTBXBgkqhkiG9w0BBQ0w…`, or a PKCS#12 key store `MIIJ3wIBAzCC…` that holds
 * one), told by its ASN.1 structure (see key-material.ts). Public keys and certificates have headers of their own
 * and are not matched. A body wrapped in lines is read by its first line, and whole where that does not tell (a
 * key store's bags lie past its first line; a key, encrypted or not, ends past it, its first line only its start).
 */
const derPrivateKey: Pattern = (value) => {
  // Past the lines of a key store read whole: each line is read once.
  let readTo = 0;
  for (const match of value.matchAll(
    /(?<![A-Za-z0-9+/_-])M[A-Za-z0-9+/_-]{15,}={0,2}(?![A-Za-z0-9+/=_-])/g,
  )) {
    if (match.index < readTo) continue;
    let secret = match[0];
    let kind = derKeyMaterial(secret);
    // A key or key store wrapped in lines: its first line is only the start of it.
    const wrapped =
      kind === 'private-key-start' || kind === 'encrypted-private-key-start' || kind === 'unread-store';
    const lines = wrapped ? base64LinesFrom(value, match.index) : undefined;
    if (lines !== undefined) {
      readTo = lines.end;
      // Base64 after the key's last line (a certificate's first line, another value) makes the run longer than the
      // key, which is then judged by the digits its outer SEQUENCE spans; and at worst stays the start of a key.
      const span = derSpanDigits(lines.joined);
      for (const text of span === undefined ? [lines.joined] : [lines.joined, lines.joined.slice(0, span)]) {
        const whole = derKeyMaterial(text);
        if (whole === undefined) continue;
        secret = text;
        kind = whole;
        break;
      }
    }
    const named = kind === undefined ? undefined : DER_PRIVATE_KEYS[kind];
    if (named !== undefined) return { kind: 'private-key', ...named, secret };
  }
  return undefined;
};

/**
 * What derPrivateKey says of each kind of key material it names. The start of a key cut short is no usable key
 * alone (medium), but a key split over several values starts so.
 */
const DER_PRIVATE_KEYS: Readonly<
  Partial<Record<KeyMaterial, Pick<PatternMatch, 'description' | 'confidence'>>>
> = {
  'private-key': { description: 'private key (base64 DER, no PEM header)', confidence: 'high' },
  'private-key-start': {
    description: 'the start of a private key, cut short (base64 DER, no PEM header)',
    confidence: 'medium',
  },
  'encrypted-private-key': {
    description: 'encrypted private key (base64 DER, no PEM header)',
    confidence: 'high',
  },
  'encrypted-private-key-start': {
    description: 'the start of an encrypted private key, cut short (base64 DER, no PEM header)',
    confidence: 'medium',
  },
  'key-store': { description: 'PKCS#12 key store holding a private key (base64)', confidence: 'high' },
};

/**
 * The base64 body of an OpenSSH private key without its `-----BEGIN OPENSSH PRIVATE KEY-----` line, told by its
 * first bytes (see opensshKeyMaterial); at least a line of it (64 digits), as a PEM key needs a body.
 */
const opensshPrivateKey: Pattern = (value) => {
  for (const match of value.matchAll(/(?<![A-Za-z0-9+/])b3BlbnNzaC1rZXktdjE[A-Za-z0-9+/]{45,}={0,2}/g)) {
    const kind = opensshKeyMaterial(match[0]);
    if (kind !== undefined) {
      const encrypted = kind === 'encrypted-private-key' ? 'encrypted ' : '';
      return {
        kind: 'private-key',
        description: `${encrypted}OpenSSH private key (base64, no PEM header)`,
        confidence: 'high',
        secret: match[0],
      };
    }
  }
  return undefined;
};

/** A JWT: three base64url parts whose first part decodes to a JSON header with `alg`. */
const jwt: Pattern = (value) => {
  const match = /(?<![A-Za-z0-9_-])(eyJ[A-Za-z0-9_-]{8,})\.(eyJ[A-Za-z0-9_-]{4,})\.([A-Za-z0-9_-]{16,})/.exec(
    value,
  );
  if (match === null) return undefined;
  const header = decodeJsonPart(match[1] ?? '');
  const payload = decodeJsonPart(match[2] ?? '');
  if (header === undefined || typeof header.alg !== 'string' || payload === undefined) return undefined;
  return { kind: 'jwt', description: 'JSON Web Token', confidence: 'high', secret: match[0] };
};

function decodeJsonPart(part: string): Record<string, unknown> | undefined {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
    return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)
      ? (parsed as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

/** `scheme://user:password@host`: postgres, mysql, mongodb(+srv), redis(s), amqp(s), http(s), ... */
const urlPassword: Pattern = (value) => {
  const match = /\b([a-z][a-z0-9+.-]{0,30}):\/\/([^:@/\s]*):([^@/\s]+)@[^\s/?#]+/i.exec(value);
  if (match === null) return undefined;
  const password = match[3] ?? '';
  if (isPlaceholderSecret(password) || isPlaceholderSecret(decodeSafely(password))) return undefined;
  return {
    kind: 'connection-string-password',
    // The scheme in brackets: "a amqp:// URL" / "an mysql:// URL" would need an article per scheme.
    description: `password in a URL (${(match[1] ?? '').toLowerCase()}://)`,
    confidence: 'high',
    secret: password,
  };
};

function decodeSafely(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** ADO.NET / JDBC / ODBC style: `Server=db;User Id=app;Password=...;` */
const keyValuePassword: Pattern = (value) => {
  const match = /(?:^|[;\s])(?:password|pwd)\s*=\s*("[^"]*"|'[^']*'|[^;\s]+)/i.exec(value);
  if (match === null) return undefined;
  const password = (match[1] ?? '').replace(/^["']|["']$/g, '');
  if (password.length < 6 || isPlaceholderSecret(password)) return undefined;
  return {
    kind: 'connection-string-password',
    description: 'password in a connection string (Password=...)',
    confidence: 'high',
    secret: password,
  };
};

/** Secrets passed as URL query parameters: `?token=...`, `&api_key=...`, `X-Amz-Signature=...`. */
const urlQuerySecret: Pattern = (value) => {
  const match =
    /^[a-z][a-z0-9+.-]*:\/\/[^\s?#]*\?(?:[^\s#]*&)?((?:access_?)?token|api_?key|apikey|key|secret|password|passwd|sig|signature|x-amz-signature|client_secret|auth)=([^&#\s]{8,})/i.exec(
      value,
    );
  if (match === null || isPlaceholderSecret(decodeSafely(match[2] ?? ''))) return undefined;
  return {
    kind: 'url-query-secret',
    description: `secret in the "${match[1]}" parameter of a URL`,
    confidence: 'medium',
    secret: match[2] ?? '',
  };
};

/** A literal HTTP Authorization value: `Bearer <token>`, `Basic <base64>`. */
const authorizationHeader: Pattern = (value) => {
  const match = /^(?:Bearer|Basic|Token)\s+([A-Za-z0-9+/=._~-]{16,})$/.exec(value.trim());
  if (match === null || isPlaceholderSecret(match[1] ?? '')) return undefined;
  return {
    kind: 'authorization-header',
    description: 'literal HTTP Authorization credentials',
    confidence: 'high',
    secret: match[1] ?? '',
  };
};

/**
 * A token of a generic prefix that says credential and hex: `token-<hex>`, `secret-<hex>`, `sk-<hex>`, 32 hex digits
 * or more (128 bits or more), as many services issue API keys. Hex alone reads as a digest or an id (entropy.ts's
 * looksRandom), but after such a prefix it is the credential, as `ghp_` or `xoxb-` say of theirs. A word of its own:
 * not the end of a longer name (`app-secret-<hex>`), nor in an ARN or a path (`secret:token-<hex>`, `/sk-<hex>`).
 */
const prefixedHexToken: Pattern = (value) => {
  const match = /(?<![^\s"'=,;(])(token|secret|sk)-([0-9a-f]{32,}|[0-9A-F]{32,})(?![^\s"',;&)])/.exec(value);
  if (match === null) return undefined;
  return {
    kind: 'prefixed-hex-token',
    description: `token-like value (${match[1]}- and ${match[2]?.length} hex digits)`,
    confidence: 'medium',
    secret: match[0],
  };
};

/** In order: the most specific and most severe first. The first match wins. */
export const VALUE_PATTERNS: readonly Pattern[] = [
  privateKey,
  derPrivateKey,
  opensshPrivateKey,
  awsKeys,
  regexPattern(
    'github-token',
    'GitHub token',
    /(?<![A-Za-z0-9_])((?:ghp|gho|ghu|ghs|ghr)_[A-Za-z0-9]{36}|github_pat_[A-Za-z0-9]{22}_[A-Za-z0-9]{59})(?![A-Za-z0-9_])/,
  ),
  regexPattern(
    'gitlab-token',
    'GitLab token',
    /(?<![A-Za-z0-9_-])(gl(?:pat|dt|rt|ptt|ft|soat|cbt|imt|oas)-[A-Za-z0-9_-]{20,})/,
  ),
  regexPattern(
    'slack-webhook',
    'Slack incoming webhook URL',
    /(https:\/\/hooks\.slack\.com\/(?:services|workflows|triggers)\/T[A-Z0-9]+\/[A-Z0-9]+\/[A-Za-z0-9]{16,})/,
  ),
  regexPattern(
    'slack-token',
    'Slack token',
    /(?<![A-Za-z0-9])(xox[abposre]-[A-Za-z0-9-]{10,}|xapp-\d-[A-Za-z0-9-]{20,})/,
  ),
  regexPattern(
    'stripe-secret-key',
    'Stripe live secret key',
    /(?<![A-Za-z0-9])((?:sk|rk)_live_[A-Za-z0-9]{16,})/,
  ),
  regexPattern(
    'stripe-secret-key',
    'Stripe test-mode secret key',
    /(?<![A-Za-z0-9])((?:sk|rk)_test_[A-Za-z0-9]{16,})/,
    'medium',
  ),
  regexPattern(
    'sendgrid-api-key',
    'SendGrid API key',
    /(?<![A-Za-z0-9])(SG\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{43})/,
  ),
  regexPattern(
    'twilio-api-key',
    'Twilio API key SID (its secret is usually stored next to it)',
    /(?<![A-Za-z0-9])(SK[0-9a-fA-F]{32})(?![A-Za-z0-9])/,
    'medium',
  ),
  regexPattern(
    'google-api-key',
    'Google API key',
    /(?<![A-Za-z0-9_-])(AIza[0-9A-Za-z_-]{35})(?![A-Za-z0-9_-])/,
  ),
  regexPattern('npm-token', 'npm access token', /(?<![A-Za-z0-9_])(npm_[A-Za-z0-9]{36})(?![A-Za-z0-9])/),
  regexPattern('npm-token', 'npm auth token in an .npmrc line', /_authToken\s*=\s*([^\s$][^\s]{7,})/),
  ...PROVIDER_TOKENS.map((token) =>
    regexPattern(token.kind, token.description, token.regex, token.confidence),
  ),
  jwt,
  urlPassword,
  urlQuerySecret,
  keyValuePassword,
  authorizationHeader,
  // Last: a generic prefix says less than the place a token sits in (a password, a URL's key, a Bearer header).
  prefixedHexToken,
];

/**
 * The text of a value whose `${...}` placeholders (the parts not known before deploy, as `!Sub` writes them)
 * are each one OPAQUE character: `postgresql://app:pw@${Db.Endpoint.Address}:5432` reads as a URL whose host
 * is not known, and `postgresql://app:${DbPassword}@host` as one whose password is not known (no secret).
 * A placeholder's own punctuation (`${AWS::Region}`, `${Db.Endpoint.Address}`) can then not pass for a
 * user, password or host separator.
 */
export function opaqueTemplate(template: string): string {
  return replacePlaceholders(template, OPAQUE);
}

export function matchValuePattern(value: string): PatternMatch | undefined {
  for (const pattern of VALUE_PATTERNS) {
    const match = pattern(value);
    if (match !== undefined) return match;
  }
  return undefined;
}
