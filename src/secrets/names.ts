/**
 * What a variable's name says about its value. `DB_PASSWORD` holds a password; `DB_PASSWORD_SECRET_ARN`,
 * `SECRET_NAME`, `TOKEN_TABLE` and `PASSWORD_PARAM` hold where or what a secret is, not the secret
 * (PEER-LESSONS checkov#7310, #6917, kics#7023).
 */

export type SecretNameCategory =
  | 'password'
  | 'secret'
  | 'token'
  | 'api-key'
  | 'private-key'
  | 'credentials'
  | 'auth'
  | 'webhook';

/** Whole words that name a secret. */
const SECRET_WORDS: ReadonlyMap<string, SecretNameCategory> = new Map([
  ['password', 'password'],
  ['passwd', 'password'],
  ['pwd', 'password'],
  ['pass', 'password'],
  ['passphrase', 'password'],
  ['secret', 'secret'],
  ['secrets', 'secret'],
  ['token', 'token'],
  ['tokens', 'token'],
  ['pat', 'token'],
  ['apikey', 'api-key'],
  ['privatekey', 'private-key'],
  ['credentials', 'credentials'],
  ['credential', 'credentials'],
  ['creds', 'credentials'],
  ['auth', 'auth'],
]);

/** Words that turn a following `key` into a secret: API_KEY, ACCESS_KEY, SIGNING_KEY, ... */
const KEY_QUALIFIERS: ReadonlyMap<string, SecretNameCategory> = new Map([
  ['api', 'api-key'],
  ['access', 'api-key'],
  ['secret', 'secret'],
  ['private', 'private-key'],
  ['signing', 'secret'],
  ['encryption', 'secret'],
  ['master', 'secret'],
  ['session', 'secret'],
  ['app', 'secret'],
  ['hmac', 'secret'],
  ['jwt', 'secret'],
  ['client', 'secret'],
  ['service', 'api-key'],
  ['webhook', 'secret'],
  ['shared', 'secret'],
  ['license', 'api-key'],
  // Keys that let a client send data to a vendor's API, credentials as an API key is: Honeycomb's and Segment's
  // write keys, Honeycomb's and New Relic's ingest keys, New Relic's insert keys (WRITE_KEY_PREFIX: a descriptor).
  // A write or insert key is also a cache's or table's key name (CACHE_WRITE_KEY, DDB_INSERT_KEY): those two count
  // only after a vendor's name (VENDOR_WORDS).
  ['write', 'api-key'],
  ['ingest', 'api-key'],
  ['insert', 'api-key'],
]);

/** Qualifiers of `key` that name a credential only after a vendor's name: HONEYCOMB_WRITE_KEY, not CACHE_WRITE_KEY. */
const VENDOR_ONLY_QUALIFIERS = new Set(['write', 'insert']);

/** A JWS signing algorithm (RFC 7518 §3.1), as named between a qualifier and `key`: `JWT_RS256_KEY`. */
const JWS_ALGORITHM = /^(?:[hrep]s(?:256|384|512)|eddsa)$/;

/** Vendors whose clients send data with a write or insert key (words of the name: `new relic`, `newrelic`, `nr`). */
const VENDOR_WORDS = new Set([
  'honeycomb',
  'segment',
  'relic',
  'newrelic',
  'nr',
  'rudderstack',
  'rudder',
  'mixpanel',
  'amplitude',
  'posthog',
  'hightouch',
  'jitsu',
]);

/** Whether `word` before `key` (at `index`) turns it into a credential's name. */
function qualifiesKey(words: readonly string[], index: number): boolean {
  const word = words[index] ?? '';
  if (!KEY_QUALIFIERS.has(word)) return false;
  // Anywhere before: HONEYCOMB_PROD_WRITE_KEY is Honeycomb's.
  return (
    !VENDOR_ONLY_QUALIFIERS.has(word) || words.slice(0, index).some((before) => VENDOR_WORDS.has(before))
  );
}

/**
 * An incoming webhook's URL carries the token that lets anyone post to the channel: Slack
 * (`hooks.slack.com/services/T…/B…/<secret>`; its docs: "your webhook URL contains a secret"), Discord
 * (`…/api/webhooks/<id>/<token>`), Microsoft Teams (a signature `sig=` in Power Automate workflow URLs). So a name
 * that is a webhook, or its URL, names a secret: `SLACK_WEBHOOK`, `WEBHOOK_URL`, `WebhookURL`, `TEAMS_WEBHOOK_URI`.
 * Not a name about one (`WEBHOOK_ID`, `WEBHOOK_URL_PARAM`, `WEBHOOK_PATH`) nor a setting of one (`WEBHOOK_CHANNEL`,
 * `WEBHOOK_TIMEOUT`): only `webhook` last, or before `url` / `uri`, and no descriptor after.
 */
const WEBHOOK = /^(?:\w*webhooks?)(?:ur[il])?$/;
const WEBHOOK_URL_WORDS = new Set(['url', 'uri', 'urls']);

/** Where a name is a webhook or its URL, the index of its last word (`url` of `WEBHOOK_URL`); else undefined. */
function webhookEnd(words: readonly string[], index: number): number | undefined {
  const word = words[index] ?? '';
  if (!WEBHOOK.test(word)) return undefined;
  if (!/webhooks?$/.test(word)) return index; // `slackwebhookurl`: one word
  const next = words[index + 1];
  if (next === undefined) return index;
  return WEBHOOK_URL_WORDS.has(next) ? index + 1 : undefined;
}

/** Inside one word: `dbpassword`, `APIKEY`, `clientsecret`, `githubtoken`. */
const EMBEDDED: readonly [RegExp, SecretNameCategory][] = [
  [/pass(?:word|wd|phrase)/, 'password'],
  [/apikey/, 'api-key'],
  [/privatekey/, 'private-key'],
  [/(?:access|secret|signing|encryption)key/, 'secret'],
  [/secret/, 'secret'],
  [/credential/, 'credentials'],
  [/token$/, 'token'],
];

/**
 * Words that, anywhere before the secret word, make the name a number about such things, not one of them: MAX_TOKENS
 * and MAX_OUTPUT_TOKENS (LLM settings), NUM_KEYS, MIN_PASSWORD_LENGTH.
 */
const QUANTITY_WORDS = new Set(['max', 'min', 'num', 'number', 'count', 'total', 'limit']);

/**
 * Words that, after the secret word, make the name about the secret rather than the secret itself:
 * where it lives (ARN, NAME, PARAM, PATH, TABLE), how it is used (HEADER, TTL, LENGTH), and so on.
 */
const DESCRIPTOR_WORDS = new Set([
  'arn',
  'arns',
  'name',
  'names',
  'id',
  'ids',
  'param',
  'params',
  'parameter',
  'parameters',
  'path',
  'paths',
  'file',
  'filename',
  'dir',
  'directory',
  'table',
  'bucket',
  'queue',
  'topic',
  'stream',
  'url',
  'uri',
  'endpoint',
  'host',
  'hostname',
  'port',
  'region',
  'ttl',
  'expiry',
  'expires',
  'expiration',
  'timeout',
  'seconds',
  'minutes',
  'hours',
  'days',
  'ms',
  'length',
  'len',
  'size',
  'count',
  'max',
  'min',
  'header',
  'type',
  'mode',
  'enabled',
  'enable',
  'disabled',
  'required',
  'field',
  'role',
  'policy',
  'location',
  'prefix',
  'suffix',
  'version',
  'provider',
  'alias',
  'format',
  'method',
  'algorithm',
  'alg',
  'strategy',
  'scheme',
  'stage',
  'scope',
  'scopes',
  'issuer',
  'audience',
  'domain',
  'realm',
  'pool',
  'username',
  'user',
  'email',
  'store',
  'manager',
  'ssm',
  'kms',
  'rotation',
  'rotate',
  'lambda',
  'function',
  'cache',
  'source',
  'backend',
  'level',
  'interval',
  'rate',
  'limit',
  'retries',
  'attempts',
  'label',
  'tag',
  'description',
  'desc',
  'title',
  'hint',
  'pattern',
  'regex',
  'charset',
  'encoding',
  'key_id',
  'keyid',
  'reset',
  'validity',
  'lifetime',
  'template',
  'config',
  'configuration',
  'vault',
  'sm',
  'ref',
  'reference',
  'env',
  'var',
  'variable',
  'location',
  'service',
  'server',
  'api',
  'flow',
  'grant',
  'redirect',
  'callback',
  'client',
  'app',
  'key',
  'keys',
  'path',
  'uuid',
  'checksum',
  'hash',
  'digest',
]);

/** Splits `DB_PASSWORD`, `dbPassword`, `db-password.value` into lower-case words. */
export function nameWords(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1_$2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((word) => word.length > 0);
}

export interface SecretName {
  readonly category: SecretNameCategory;
  /** The words of the name that say so, for the finding's description. */
  readonly words: string;
}

/** Each category in words, with its article, to follow "named like": "an API key", "credentials". */
const CATEGORY_PHRASES: Readonly<Record<SecretNameCategory, string>> = {
  password: 'a password',
  secret: 'a secret',
  token: 'a token',
  'api-key': 'an API key',
  'private-key': 'a private key',
  credentials: 'credentials',
  auth: 'authentication data',
  webhook: 'a webhook URL',
};

/** What a category of secret names is called in a sentence: `an API key`, `a password`. */
export function categoryPhrase(category: SecretNameCategory): string {
  return CATEGORY_PHRASES[category];
}

/**
 * Whether the name says its value is a secret. A descriptor after the secret word (`_ARN`, `_NAME`,
 * `_TABLE`) says it is not; `key` after a secret word is no descriptor (`SECRET_KEY`, `API_KEY`)
 * except as `KEY_ID`.
 */
export function secretName(name: string): SecretName | undefined {
  const words = nameWords(name);
  // KMS keys are named by id, ARN or alias, never by their key material: KMS_MASTER_KEY is no secret.
  if (words.includes('kms')) return undefined;
  for (let index = 0; index < words.length; index++) {
    const word = words[index] ?? '';
    const next = words[index + 1];
    let category = SECRET_WORDS.get(word);
    let end = index;
    // JWT_RS256_KEY: the key a JWT is signed with, its algorithm named between (not JWT_RS256_PUBLIC_KEY).
    const key = JWS_ALGORITHM.test(next ?? '') ? index + 2 : index + 1;
    if (words[key] === 'key' && qualifiesKey(words, index)) {
      category = KEY_QUALIFIERS.get(word);
      end = key;
    }
    category ??= EMBEDDED.find(([pattern]) => pattern.test(word))?.[1];
    const webhook = category === undefined ? webhookEnd(words, index) : undefined;
    if (webhook !== undefined) {
      category = 'webhook';
      end = webhook;
    }
    if (category === undefined) continue;

    const after = words.slice(end + 1);
    if (isDescribedBy(after) || words.slice(0, index).some((word) => QUANTITY_WORDS.has(word))) continue;
    return {
      category,
      words: words
        .slice(index, end + 1)
        .join('_')
        .toUpperCase(),
    };
  }
  return undefined;
}

function isDescribedBy(after: readonly string[]): boolean {
  // SECRET_KEY_ID, API_KEY_NAME → descriptor. TOKEN / SECRET_KEY / AUTH_TOKEN → not.
  return after.some((word, position) => {
    if (word === 'key' || word === 'keys')
      return after[position + 1] !== undefined && isDescribedBy(after.slice(position + 1));
    if (SECRET_WORDS.has(word)) return false;
    return DESCRIPTOR_WORDS.has(word);
  });
}

/** Names that say the value points at a secret or describes one: `DB_PASSWORD_SECRET_ARN`, `SECRET_NAME`. */
export function isSecretReferenceName(name: string): boolean {
  const words = nameWords(name);
  const mentionsSecret = words.some(
    (word) =>
      SECRET_WORDS.has(word) || EMBEDDED.some(([pattern]) => pattern.test(word)) || WEBHOOK.test(word),
  );
  return mentionsSecret && secretName(name) === undefined;
}

/**
 * Last words of a CloudFormation parameter's name that are a naming style, not a pointer: a template may name every
 * parameter so (`GitHubClientSecretParameter` beside `GitHubUrlParameter`), and one given at deploy holds what the
 * words before say. A name that says more (`DbPasswordParameterName`, `DbPasswordSsmParameter`, `ApiKeySecretArnParam`,
 * `DbPasswordPath`) still names where a secret is kept.
 */
const PARAMETER_STYLE_WORDS = new Set(['param', 'parameter']);

/**
 * The name of what a CloudFormation parameter holds, as the variable `variable` (if any) reads it: its name without a
 * last `Parameter` or `Param`, unless the variable's name says it holds where a secret is kept
 * (`WEBHOOK_URL_PARAM: !Ref WebhookUrlParameter`): then that last word says so too, and the name stays whole.
 */
export function parameterValueName(parameter: string, variable?: string): string {
  const words = nameWords(parameter);
  if (
    (variable !== undefined && isSecretReferenceName(variable)) ||
    words.length < 2 ||
    !PARAMETER_STYLE_WORDS.has(words.at(-1) ?? '')
  )
    return parameter;
  return words.slice(0, -1).join('_');
}

/**
 * A word that, just before a singular SECRET, makes it the secret paired with that credential rather than a store:
 * OAuth 1.0a gives each token a token secret (RFC 5849 §2.3, `oauth_token_secret`: Twitter's "Access Token
 * Secret"), OAuth 2.0 a client secret, and apps call the key their JWTs are signed with ACCESS_TOKEN_SECRET.
 */
const PAIRED_SECRET = /(?:token|client|consumer)$/;

/**
 * Whether the name says its value names where a secret is kept, as `<secret>_SECRET`:
 * `NEW_RELIC_LICENSE_KEY_SECRET` names the Secrets Manager secret New Relic's extension reads the license
 * key from, `DB_PASSWORD_SECRET` the one holding the password (PEER-LESSONS checkov#7310). Not
 * `CLIENT_SECRET` or `JWT_SECRET`: nothing before SECRET is a secret, so SECRET is the secret itself; nor
 * `ACCESS_TOKEN_SECRET`, `OAUTH_CLIENT_SECRET`: the secret paired with a token or client (PAIRED_SECRET), which
 * only may name a store (see mayNameSecretStore).
 */
export function namesSecretStore(name: string): boolean {
  const words = nameWords(name);
  return wordsMayNameStore(words) && !(words.at(-1) === 'secret' && PAIRED_SECRET.test(words.at(-2) ?? ''));
}

/**
 * Whether the name is shaped `<secret>_SECRET`, so that its value may name where a secret is kept: those
 * namesSecretStore reads so, and `GITHUB_TOKEN_SECRET`, which may be a token's secret or the store of a token. A
 * literal there shaped like a secret's name (`github-token`) is taken for a store's name; a credential's text is not.
 */
export function mayNameSecretStore(name: string): boolean {
  return wordsMayNameStore(nameWords(name));
}

/** mayNameSecretStore for a name already split into its words. */
function wordsMayNameStore(words: readonly string[]): boolean {
  const last = words.at(-1);
  if (last !== 'secret' && last !== 'secrets') return false;
  const before = secretName(words.slice(0, -1).join('_'));
  // `WEBHOOK_SECRET` is the secret a webhook's requests are signed with; `WEBHOOK_URL_SECRET` names where its URL is.
  if (before?.category === 'webhook' && /webhooks?$/.test(words.at(-2) ?? '')) return false;
  return before !== undefined;
}

/**
 * Whether a literal under a name that only may name a store (`ACCESS_TOKEN_SECRET`: mayNameSecretStore but not
 * namesSecretStore) clearly names one: a path (`prod/jwt/signing`), or a name ending in the kind of secret the store
 * holds (`github-token`, `twitter-access-token`, `prod-api-key`). A word-like secret (`my-super-secret-jwt-key-2024`,
 * `Summer2024`) ends otherwise, and is judged as a secret, as it would be under JWT_SECRET.
 */
export function clearlyNamesSecretStore(text: string): boolean {
  if (text.includes('/')) return true;
  const words = nameWords(text);
  return [1, 2].some((count) => {
    const tail = words.slice(-count).join('_');
    return words.length >= count && secretName(tail)?.words === tail.toUpperCase();
  });
}

/**
 * Whether the name says its value is an identifier (`COGNITO_CLIENT_ID`, `APP_ID`, `tenantId`): public
 * ids, random-looking ones included (a Cognito app client id); the secret beside one is named otherwise
 * (`CLIENT_SECRET`).
 */
export function isIdentifierName(name: string): boolean {
  const last = nameWords(name).at(-1);
  return last === 'id' || last === 'ids';
}
