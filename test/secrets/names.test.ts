import { describe, expect, it } from 'vitest';
import { categoryPhrase, isSecretReferenceName, secretName } from '../../src/secrets/index.js';
import {
  clearlyNamesSecretStore,
  isIdentifierName,
  mayNameSecretStore,
  namesSecretStore,
  nameWords,
  parameterValueName,
} from '../../src/secrets/names.js';

describe('nameWords', () => {
  it('splits SNAKE_CASE, camelCase, kebab-case and acronyms', () => {
    expect(nameWords('DB_PASSWORD_SECRET_ARN')).toEqual(['db', 'password', 'secret', 'arn']);
    expect(nameWords('dbPassword')).toEqual(['db', 'password']);
    expect(nameWords('stripe-api-key')).toEqual(['stripe', 'api', 'key']);
    expect(nameWords('JWTSecret')).toEqual(['jwt', 'secret']);
  });
});

describe('secretName', () => {
  it.each([
    ['DB_PASSWORD', 'password'],
    ['DB_PASS', 'password'],
    ['dbPassword', 'password'],
    ['DBPASSWORD', 'password'],
    ['PASSWD', 'password'],
    ['JWT_SECRET', 'secret'],
    ['CLIENT_SECRET', 'secret'],
    ['AWS_SECRET_ACCESS_KEY', 'secret'],
    ['STRIPE_SECRET_KEY', 'secret'],
    ['API_KEY', 'api-key'],
    ['APIKEY', 'api-key'],
    ['X_API_KEY', 'api-key'],
    ['PRIVATE_KEY', 'private-key'],
    ['GITHUB_TOKEN', 'token'],
    ['githubToken', 'token'],
    ['REFRESH_TOKEN', 'token'],
    ['GOOGLE_CREDENTIALS', 'credentials'],
    ['BASIC_AUTH', 'auth'],
    ['ENCRYPTION_KEY', 'secret'],
    ['JWT_RS256_KEY', 'secret'],
    ['JWT_HS512_KEY', 'secret'],
  ])('%s names a %s', (name, category) => {
    expect(secretName(name)?.category).toBe(category);
  });

  it.each([
    'DB_PASSWORD_SECRET_ARN',
    'SECRET_NAME',
    'SECRET_ID',
    'TOKEN_TABLE',
    'PASSWORD_PARAM',
    'PASSWORD_MIN_LENGTH',
    'API_KEY_HEADER',
    'AWS_ACCESS_KEY_ID',
    'TOKEN_EXPIRY_SECONDS',
    'AUTH_URL',
    'AUTH_DOMAIN',
    'PRIVATE_KEY_PATH',
    'JWT_RS256_PUBLIC_KEY',
    'RS256_KEY',
    'KMS_KEY_ID',
    'KMS_MASTER_KEY',
    'S3_KEY',
    'PARTITION_KEY',
    'PASSTHROUGH_MODE',
    'BYPASS_CACHE',
    'AUTHOR_NAME',
    'SECRETS_MANAGER_ENDPOINT',
    'CREDENTIALS_FILE',
    'TABLE_NAME',
    'MAX_TOKENS',
    'MAX_OUTPUT_TOKENS',
    'MAX_NEW_TOKENS',
    'NUM_KEYS',
    'MIN_PASSWORD_LENGTH',
  ])('%s does not name a secret', (name) => {
    expect(secretName(name)).toBeUndefined();
  });
  // An incoming webhook's URL (Slack, Discord, Teams) carries the token that posts to the channel.
  it.each([
    ['WebhookURL', 'WEBHOOK_URL'],
    ['WEBHOOK_URL', 'WEBHOOK_URL'],
    ['SLACK_WEBHOOK_URL', 'WEBHOOK_URL'],
    ['SLACK_WEBHOOK', 'WEBHOOK'],
    ['teamsWebhookUri', 'WEBHOOK_URI'],
    ['SLACKWEBHOOKURL', 'SLACKWEBHOOKURL'],
    ['DISCORD_WEBHOOKS', 'WEBHOOKS'],
  ])('%s names a webhook URL (%s)', (name, words) => {
    expect(secretName(name)).toEqual({ category: 'webhook', words });
  });

  // A write, ingest or insert key sends data to a vendor's API (Honeycomb, Segment, New Relic): an API credential.
  it.each([
    ['HONEYCOMB_WRITE_KEY', 'WRITE_KEY'],
    ['HoneycombWriteKey', 'WRITE_KEY'],
    ['segmentWriteKey', 'WRITE_KEY'],
    ['HONEYCOMB_INGEST_KEY', 'INGEST_KEY'],
    ['NEW_RELIC_INSERT_KEY', 'INSERT_KEY'],
    ['HONEYCOMB_PROD_WRITE_KEY', 'WRITE_KEY'],
    ['SegmentProdWriteKey', 'WRITE_KEY'],
    ['NEW_RELIC_LICENSE_KEY', 'LICENSE_KEY'],
  ])('%s names an API key (%s)', (name, words) => {
    expect(secretName(name)).toEqual({ category: 'api-key', words });
  });

  // Named as about such a key (a descriptor after it), or a key of no credential (`PRIMARY_KEY`, a table's).
  it.each([
    'WRITE_KEY_PREFIX',
    'WRITE_KEY_NAME',
    'INGEST_KEY_ID',
    'INGEST_KEY_SECRET_ARN',
    'PRIMARY_KEY_NAME',
    'PRIMARY_KEY',
    'WRITE_CAPACITY',
    'INGEST_BUCKET',
    'WRITE_KEYS_COUNT',
    // Write and insert keys only after a vendor's name: elsewhere a cache's or a table's key.
    'CACHE_WRITE_KEY',
    'DDB_INSERT_KEY',
    'WRITE_KEY',
  ])('%s names no API key', (name) => {
    expect(secretName(name)).toBeUndefined();
  });

  it.each([
    'WEBHOOK_ID',
    'WEBHOOK_URL_PARAM',
    'WebhookUrlParameterName',
    'WEBHOOK_PATH',
    'WEBHOOK_ENDPOINT',
    'WEBHOOK_CHANNEL',
    'WEBHOOK_TIMEOUT',
    'WEBHOOK_ENABLED',
    'WEBHOOKS_TABLE',
  ])('%s names no webhook URL', (name) => {
    expect(secretName(name)).toBeUndefined();
  });
});

describe('categoryPhrase', () => {
  it('puts the right article before each category', () => {
    expect(categoryPhrase('webhook')).toBe('a webhook URL');
    expect(categoryPhrase('api-key')).toBe('an API key');
    expect(categoryPhrase('password')).toBe('a password');
    expect(categoryPhrase('private-key')).toBe('a private key');
    expect(categoryPhrase('credentials')).toBe('credentials');
  });
});

describe('namesSecretStore', () => {
  it.each([
    'NEW_RELIC_LICENSE_KEY_SECRET',
    'DB_PASSWORD_SECRET',
    'apiKeySecret',
    'DD_API_KEY_SECRET',
    'GITHUB_TOKEN_SECRETS',
    'SLACK_WEBHOOK_URL_SECRET',
  ])('%s names where a secret is kept', (name) => expect(namesSecretStore(name)).toBe(true));

  it.each([
    'CLIENT_SECRET',
    'JWT_SECRET',
    'SECRET',
    'WEBHOOK_SECRET',
    'DB_PASSWORD',
    'LICENSE_KEY_SECRET_ARN',
  ])('%s does not: it is the secret, or names it by another word', (name) =>
    expect(namesSecretStore(name)).toBe(false),
  );

  // OAuth 1.0a pairs each token with a token secret (RFC 5849 §2.3, `oauth_token_secret`), a credential of its own;
  // ACCESS_TOKEN_SECRET and REFRESH_TOKEN_SECRET are also what apps call the key their JWTs are signed with.
  it.each([
    'ACCESS_TOKEN_SECRET',
    'TWITTER_ACCESS_TOKEN_SECRET',
    'accessTokenSecret',
    'REFRESH_TOKEN_SECRET',
    'OAUTH_TOKEN_SECRET',
    'ACCESSTOKEN_SECRET',
    'OAUTH_CLIENT_SECRET',
    'AUTH_CLIENT_SECRET',
    'CONSUMER_SECRET',
    'TWITTER_CONSUMER_SECRET',
  ])('%s does not: a token or client secret is itself a credential', (name) =>
    expect(namesSecretStore(name)).toBe(false),
  );

  it('still lets a literal shaped like a name under a token secret name be a store (mayNameSecretStore)', () => {
    expect(
      ['GITHUB_TOKEN_SECRET', 'ACCESS_TOKEN_SECRET', 'DB_PASSWORD_SECRET'].map(mayNameSecretStore),
    ).toEqual([true, true, true]);
    expect(['CLIENT_SECRET', 'CONSUMER_SECRET', 'WEBHOOK_SECRET'].map(mayNameSecretStore)).toEqual([
      false,
      false,
      false,
    ]);
  });
});

describe('clearlyNamesSecretStore', () => {
  it.each(['prod/jwt/signing', 'github-token', 'twitter-access-token', 'prod-api-key', 'jwt-token-secret'])(
    '%s clearly names a store: a path, or a name ending in what it holds',
    (text) => expect(clearlyNamesSecretStore(text)).toBe(true),
  );
  it.each(['my-super-secret-jwt-key-2024', 'Summer2024', 'our-jwt-signing-phrase'])(
    '%s does not: a word-like secret',
    (text) => expect(clearlyNamesSecretStore(text)).toBe(false),
  );
});

describe('isIdentifierName', () => {
  it.each(['COGNITO_CLIENT_ID', 'APP_ID', 'ID', 'tenantId', 'SUBNET_IDS'])('%s names an identifier', (name) =>
    expect(isIdentifierName(name)).toBe(true),
  );

  it.each(['CLIENT_SECRET', 'IDP_TOKEN', 'PAID_PLAN', 'ID_TOKEN'])('%s does not', (name) =>
    expect(isIdentifierName(name)).toBe(false),
  );
});

describe('parameterValueName', () => {
  it.each([
    ['GitHubClientSecretParameter', 'GITHUB_CLIENT_SECRET', 'git_hub_client_secret'],
    ['DbPassParam', 'DB_URL', 'db_pass'],
    ['JwtRs256KeyParameter', 'JWT_RS256_KEY', 'jwt_rs256_key'],
  ])('reads a last Parameter or Param of %s as a naming style', (parameter, variable, held) =>
    expect(parameterValueName(parameter, variable)).toBe(held),
  );

  it.each([
    ['WebhookUrlParameter', 'WEBHOOK_URL_PARAM'],
    ['Parameter', 'DB_PASSWORD'],
    ['DbPasswordParameterName', 'DB_PASSWORD'],
  ])('keeps %s whole beside %s', (parameter, variable) =>
    expect(parameterValueName(parameter, variable)).toBe(parameter),
  );

  it.each(['DbPasswordParameterName', 'DbPasswordSsmParameter', 'ApiKeySecretArnParam'])(
    'still reads %s as where a secret is kept',
    (parameter) => expect(isSecretReferenceName(parameterValueName(parameter, 'DB_PASSWORD'))).toBe(true),
  );
});
