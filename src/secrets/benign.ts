/**
 * Values that are not secrets even when long or stored under a secret-sounding name
 * (PEER-LESSONS checkov#7310, #6917, kics#7023): references to where a secret lives, file
 * paths, ARNs, placeholders, URLs without credentials, booleans, numbers and other plain words.
 * Each check returns why, so tests and debug output can say which rule let a value through.
 */
import { looksRandom, wordShare } from './entropy.js';
import { isPublicKeyMaterial } from './public-key-text.js';

const BOOLEANS = new Set(['true', 'false', 'yes', 'no', 'on', 'off', 'enabled', 'disabled', 'y', 'n']);
const NOTHING = new Set(['null', 'nil', 'none', 'undefined', 'n/a', 'na', '-', 'empty', 'unset', 'default']);
const ENVIRONMENTS = new Set([
  'dev',
  'development',
  'test',
  'testing',
  'qa',
  'uat',
  'stage',
  'staging',
  'preprod',
  'pre-prod',
  'prod',
  'production',
  'sandbox',
  'local',
  'demo',
  'beta',
  'alpha',
  'int',
  'integration',
  'perf',
  'live',
]);
/**
 * Words people put where a secret will go later and that say so: nobody deploys `TODO` as a
 * password on purpose, and a value like this is not a secret anyone can use.
 */
const MARKER_WORDS = new Set([
  'todo',
  'tbd',
  'fixme',
  'placeholder',
  'replace_me',
  'replaceme',
  'redacted',
  'masked',
  'hidden',
  'notset',
  'not_set',
  'not-set',
]);
/**
 * Words that stand in for a secret but work as one once deployed: `changeme` is the default password
 * of many systems, `example` the password of the official postgres image's docs. Not a secret by their
 * look alone, but the value of a variable named like a password (see detect.ts).
 */
const STAND_IN_WORDS = new Set([
  'changeme',
  'change_me',
  'change-me',
  'dummy',
  'example',
  'sample',
  'secret',
  'password',
  'token',
  'apikey',
  'api_key',
  'fake',
  'test',
  'testing',
]);

const TEMPLATE_PATTERNS: readonly RegExp[] = [
  /\$\{[^}]{0,512}\}/, // CloudFormation !Sub, Serverless ${ssm:...}, shell ${VAR}
  /\{\{\s*resolve:(?:ssm|ssm-secure|secretsmanager):/i, // CloudFormation dynamic references
  /^\{\{.*\}\}$/s, // Handlebars / Jinja / Helm
  /^\$\([^)]*\)$/, // $(command)
  /^\$[A-Za-z_][A-Za-z0-9_]*$/, // $VAR
  /^%[A-Za-z_][A-Za-z0-9_]*%$/, // %VAR%
  /#\{[^}]{0,512}\}/, // Ruby / Serverless-style interpolation
  /^<[^<>]+>$/, // <your-password>
  /^\[[A-Z0-9_ -]+\]$/, // [PASSWORD]
];

export type BenignReason =
  | 'empty'
  | 'boolean'
  | 'number'
  | 'nothing'
  | 'environment-name'
  | 'placeholder'
  | 'stand-in-word'
  | 'public-key-material'
  | 'template-or-reference'
  | 'store-pointer'
  | 'arn'
  | 'path'
  | 'url-without-credentials'
  | 'email'
  | 'hostname'
  | 'ip-address'
  | 'region'
  | 'masked'
  | 'encoded-file'
  | 'public-by-design';

/** Why `value` is certainly not a secret, or undefined when it might be one. */
export function benignReason(value: string): BenignReason | undefined {
  const text = value.trim();
  const lower = text.toLowerCase();
  if (text.length === 0) return 'empty';
  if (BOOLEANS.has(lower)) return 'boolean';
  if (/^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i.test(text)) return 'number';
  if (NOTHING.has(lower)) return 'nothing';
  if (ENVIRONMENTS.has(lower)) return 'environment-name';
  if (TEMPLATE_PATTERNS.some((pattern) => pattern.test(text))) return 'template-or-reference';
  if (isPlaceholder(lower)) return 'placeholder';
  if (STAND_IN_WORDS.has(lower)) return 'stand-in-word';
  // A PEM header with no body is a placeholder; certificates and public keys are public.
  if (/^-----BEGIN [A-Z0-9 ]+-----$/.test(text)) return 'placeholder';
  if (isPublicKeyMaterial(text)) return 'public-key-material';
  if (/^[*•x#.]{3,}$/i.test(text)) return 'masked';
  if (ENCODED_FILE.test(text)) return 'encoded-file';
  if (PUBLIC_BY_DESIGN.some((pattern) => pattern.test(text))) return 'public-by-design';
  if (isStorePointer(text)) return 'store-pointer';
  if (/^arn:aws[a-z-]*:[a-z0-9-]+:/i.test(text)) return 'arn';
  if (isPath(text)) return 'path';
  if (isUrlWithoutCredentials(text)) return 'url-without-credentials';
  if (/^[^@\s:/]+@[^@\s:/]+\.[a-z]{2,}$/i.test(text)) return 'email';
  if (/^(?:\d{1,3}\.){3}\d{1,3}(?::\d+)?(?:\/\d{1,2})?$/.test(text)) return 'ip-address';
  if (/^(?:us-gov|us|eu|eusc|ap|sa|ca|me|af|il|mx|cn)-[a-z]+-\d{1,2}$/.test(text)) return 'region';
  // Lower case only: a mixed-case `Word.Word` is as likely a password as a host.
  if (/^(?=.{4,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,24}(?::\d{1,5})?$/.test(text)) {
    return 'hostname';
  }
  return undefined;
}

/**
 * Base64 of a file, told by the encoding of the file's magic bytes at its start: PNG (`iVBORw0KGgo`), JPEG
 * (`/9j/`), GIF (`R0lGOD`), PDF (`JVBERi0`), ZIP (`UEsDB`), gzip (`H4sI`). Data (a logo, a document), random
 * to the eye but no key. A file can hold a secret (a zipped keystore), so a variable named like a secret
 * still fails on its name (see detect.ts); only the random look of the text no longer counts.
 */
const ENCODED_FILE = /^(?:iVBORw0KGgo|\/9j\/|R0lGOD|JVBERi0|UEsDB|H4sI)[A-Za-z0-9+/]*={0,2}$/;

/**
 * Tokens their providers issue to be published in client code: they identify an account and grant nothing
 * secret. A name that says the value is secret still decides (see detect.ts). Stripe's secret kinds (`sk_live_`,
 * `rk_live_`) are matched by patterns.ts; a Mapbox secret token (`sk.`) has no pattern of its own and is caught
 * by its variable's name or by the entropy of its text.
 */
const PUBLIC_BY_DESIGN: readonly RegExp[] = [
  // Stripe publishable keys: "Publicly accessible in a web or mobile app client-side code" (Stripe's API keys
  // docs); gitleaks#1320 stopped reporting them for that reason.
  /^pk_(?:live|test)_[A-Za-z0-9]{16,}$/,
  // Mapbox public tokens (`pk.` then base64url JSON and a signature): "designed to be used in client-side
  // applications" (docs.mapbox.com/help/dive-deeper/access-tokens); its secret tokens start with `sk.`.
  /^pk\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}$/,
];

/** A name shorter than this is not judged random-looking: too short to tell a token from a name. */
const MIN_RANDOM_NAME = 16;

/**
 * Whether `text` reads like the name of a Secrets Manager secret or an SSM parameter (`nr-license-key`,
 * `prod/datadog/api_key`, `NewRelicLicenseKey`): the characters those names take, mostly words, nothing
 * random-looking. Asked of the values of variables whose names say they name a secret's store
 * (`LICENSE_KEY_SECRET`, see names.ts); a word-like password (`Summer2024`) reads like one too, which is
 * why it is asked nowhere else.
 */
export function isSecretNameShaped(text: string): boolean {
  return (
    /^[A-Za-z0-9/_+=.@-]{1,512}$/.test(text) && wordShare(text) >= 0.5 && !looksRandom(text, MIN_RANDOM_NAME)
  );
}

/**
 * A service word and the name of an SSM parameter or a Secrets Manager secret, as the libraries that read the
 * parameter or secret at run time and put its value in the variable in its place take it: `ssm:/path/to/value`
 * (sunaoka/aws-ssm-parameters-loader-php, its documented prefix), `bref-ssm:/my-app/my-parameter`
 * (bref/secrets-loader, Bref's PHP runtime for Lambda), `bref-secretsmanager:` and `bref-secretsmanager-json:`
 * (its fork f-lombardo/secrets-loader), and `secretsmanager:` as CloudFormation's dynamic references name the
 * service (`{{resolve:secretsmanager:MySecret}}`). The value names where the secret is kept, not the secret; a
 * name that looks random (`ssm:Xk9…`) is not taken for one, so a password that starts so still fails.
 */
const STORE_POINTER = /^(?:ssm|bref-ssm|secretsmanager|bref-secretsmanager|bref-secretsmanager-json):(.+)$/i;

function isStorePointer(text: string): boolean {
  const name = STORE_POINTER.exec(text)?.[1];
  return name !== undefined && isSecretNameShaped(name);
}

function isPlaceholder(lower: string): boolean {
  if (MARKER_WORDS.has(lower) || /^x{3,}$/.test(lower)) return true;
  // your-api-key-here, <<SECRET>>, replace-with-your-token, insert_password_here
  return /^(?:your|insert|replace|enter)[-_ ]/.test(lower) || /[-_ ](?:here|goes[-_ ]here)$/.test(lower);
}

/**
 * An absolute or relative file path, or an SSM parameter name (`/prod/db/password`). A secret can
 * start with `/` too (base64), so a value that looks random is not taken for a path.
 */
function isPath(text: string): boolean {
  if (/^[A-Za-z]:\\[^\s]*$/.test(text)) return true;
  const pathLike =
    /^(?:~|\.{1,2})?\/[A-Za-z0-9_.@~+\-/]*$/.test(text) ||
    /^[A-Za-z0-9_.@-]+(?:\/[A-Za-z0-9_.@-]+)+\/?$/.test(text) ||
    /^[A-Za-z0-9_.@-]+\.(?:pem|crt|cer|der|key|p12|pfx|jks|json|ya?ml|txt|env|ini|conf|cfg|properties|xml|csv|js|mjs|cjs|ts|py|rb|jar|zip|so|sh)$/i.test(
      text,
    );
  return pathLike && !looksRandom(text.replace(/^[~.]*\//, ''), 16);
}

/**
 * A URL with no password in it. Tokens carried in URLs (Slack webhooks, `?token=`, `user:pass@`)
 * are matched by the value patterns before this is asked.
 */
function isUrlWithoutCredentials(text: string): boolean {
  const match = /^[a-z][a-z0-9+.-]*:\/\/([^/?#\s]*)[^\s]*$/i.exec(text);
  if (match === null) return false;
  const authority = match[1] ?? '';
  const at = authority.lastIndexOf('@');
  return at === -1 || !authority.slice(0, at).includes(':');
}
