import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { detectSecretInNamedValue, detectSecretInValue, type SecretHit } from '../../src/secrets/index.js';
import { BASE32, BASE64, BASE64URL, fake, fakeJwt, fakePem, HEX, join } from './fixtures.js';

interface Positive {
  readonly name: string;
  readonly value: string;
  readonly kind: string;
  readonly confidence: 'high' | 'medium';
  /** The secret inside the value (the whole value when omitted): what must never reach output. */
  readonly secret?: string;
}

const awsSecret = fake(7, 40, BASE64);
const keyId = join('AK', 'IA', fake(3, 16, BASE32));
const pgPassword = fake(11, 18);

const POSITIVES: readonly Positive[] = [
  { name: 'ACCESS_KEY', value: keyId, kind: 'aws-access-key-id', confidence: 'high' },
  { name: 'X', value: join('AS', 'IA', fake(4, 16, BASE32)), kind: 'aws-access-key-id', confidence: 'high' },
  { name: 'AWS_SECRET_ACCESS_KEY', value: awsSecret, kind: 'aws-secret-access-key', confidence: 'high' },
  { name: 'MY_AWS_SECRET', value: fake(8, 40, BASE64), kind: 'aws-secret-access-key', confidence: 'high' },
  {
    name: 'CREDS_PAIR',
    value: `${keyId}:${awsSecret}`,
    kind: 'aws-secret-access-key',
    confidence: 'high',
    secret: awsSecret,
  },
  { name: 'SIGNING_PEM', value: fakePem(20), kind: 'private-key', confidence: 'high' },
  {
    name: 'SSH_KEY_MATERIAL',
    value: fakePem(30, 'OPENSSH ').replaceAll('\n', '\\n'),
    kind: 'private-key',
    confidence: 'high',
  },
  { name: 'SESSION', value: fakeJwt(40), kind: 'jwt', confidence: 'high' },
  {
    name: 'DATABASE_URL',
    value: `postgres://app:${pgPassword}@db.internal:5432/orders`,
    kind: 'connection-string-password',
    confidence: 'high',
    secret: pgPassword,
  },
  {
    name: 'DB',
    value: 'postgres://user:pass@host/db',
    kind: 'connection-string-password',
    confidence: 'high',
    secret: 'pass',
  },
  {
    name: 'MONGO_URI',
    value: `mongodb+srv://admin:${fake(12, 16)}@cluster0.abcde.mongodb.net/app?retryWrites=true`,
    kind: 'connection-string-password',
    confidence: 'high',
    secret: fake(12, 16),
  },
  {
    name: 'REDIS_URL',
    value: 'redis://:cachePass42@cache.internal:6379/0',
    kind: 'connection-string-password',
    confidence: 'high',
    secret: 'cachePass42',
  },
  {
    name: 'BROKER',
    value: 'amqp://orders:Rabb1tPass@mq.internal:5672/vhost',
    kind: 'connection-string-password',
    confidence: 'high',
    secret: 'Rabb1tPass',
  },
  {
    name: 'MYSQL_DSN',
    value: 'mysql://root:r00tpw99@10.0.0.5:3306/app',
    kind: 'connection-string-password',
    confidence: 'high',
    secret: 'r00tpw99',
  },
  {
    name: 'SQLSERVER',
    value: 'Server=db.internal;Database=app;User Id=sa;Password=Str0ngP4ss!;',
    kind: 'connection-string-password',
    confidence: 'high',
    secret: 'Str0ngP4ss!',
  },
  { name: 'GH', value: join('gh', 'p_', fake(50, 36)), kind: 'github-token', confidence: 'high' },
  {
    name: 'GH_FINE',
    value: join('github', '_pat_', fake(51, 22), '_', fake(52, 59)),
    kind: 'github-token',
    confidence: 'high',
  },
  {
    name: 'GL',
    value: join('gl', 'pat-', fake(53, 20, BASE64URL)),
    kind: 'gitlab-token',
    confidence: 'high',
  },
  {
    name: 'SLACK',
    value: join('xo', 'xb-', '123456789012-1234567890123-', fake(54, 24)),
    kind: 'slack-token',
    confidence: 'high',
  },
  {
    name: 'ALERTS_HOOK',
    value: join('https://hooks.', 'slack.com/services/', 'T0ABCDEFG/B0HIJKLMN/', fake(55, 24)),
    kind: 'slack-webhook',
    confidence: 'high',
  },
  {
    name: 'PAYMENTS',
    value: join('sk', '_live_', fake(56, 24)),
    kind: 'stripe-secret-key',
    confidence: 'high',
  },
  {
    name: 'PAYMENTS_SANDBOX',
    value: join('sk', '_test_', fake(57, 24)),
    kind: 'stripe-secret-key',
    confidence: 'medium',
  },
  {
    name: 'MAIL',
    value: join('SG', '.', fake(58, 22, BASE64URL), '.', fake(59, 43, BASE64URL)),
    kind: 'sendgrid-api-key',
    confidence: 'high',
  },
  { name: 'SMS', value: join('S', 'K', fake(60, 32, HEX)), kind: 'twilio-api-key', confidence: 'medium' },
  {
    name: 'MAPS',
    value: join('AI', 'za', fake(61, 35, BASE64URL)),
    kind: 'google-api-key',
    confidence: 'high',
  },
  { name: 'REGISTRY', value: join('np', 'm_', fake(62, 36)), kind: 'npm-token', confidence: 'high' },
  {
    name: 'NPMRC',
    value: `//registry.npmjs.org/:_authToken=${fake(63, 36)}`,
    kind: 'npm-token',
    confidence: 'high',
    secret: fake(63, 36),
  },
  { name: 'OPAQUE', value: fake(64, 32), kind: 'high-entropy-string', confidence: 'medium' },
  {
    name: 'UPSTREAM_AUTHORIZATION',
    value: `Bearer ${fake(65, 40, BASE64URL)}`,
    kind: 'authorization-header',
    confidence: 'high',
    secret: fake(65, 40, BASE64URL),
  },
  {
    name: 'GEOCODER',
    value: `https://geo.example.com/v1/lookup?format=json&api_key=${fake(66, 24)}`,
    kind: 'url-query-secret',
    confidence: 'medium',
    secret: fake(66, 24),
  },
  { name: 'DB_PASSWORD', value: 'hunter2hunter2', kind: 'named-secret', confidence: 'medium' },
  { name: 'dbPassword', value: 'correct horse battery', kind: 'named-secret', confidence: 'medium' },
  {
    name: 'APIKEY',
    value: '0b7f6d3c-2a51-4c9e-8f1d-6e2b9a4c7d10',
    kind: 'named-secret',
    confidence: 'medium',
  },
  { name: 'OAUTH_CLIENT_SECRET', value: fake(67, 24, BASE64URL), kind: 'named-secret', confidence: 'high' },
  { name: 'JWT_SECRET', value: 'my-super-secret-signing-phrase', kind: 'named-secret', confidence: 'medium' },
  { name: 'TWILIO_AUTH_TOKEN', value: fake(68, 32, HEX), kind: 'named-secret', confidence: 'medium' },
  { name: 'BASIC_AUTH', value: 'admin:Passw0rd!', kind: 'named-secret', confidence: 'medium' },
  // Weak, short and default passwords are passwords once deployed.
  { name: 'ADMIN_PASSWORD', value: 'hunter2', kind: 'named-secret', confidence: 'medium' },
  { name: 'PASSWORD', value: 'changeme', kind: 'named-secret', confidence: 'medium' },
  { name: 'DB_PASSWORD', value: 'CHANGE_ME', kind: 'named-secret', confidence: 'medium' },
  { name: 'DB_PASS', value: 'admin123', kind: 'named-secret', confidence: 'medium' },
  { name: 'POSTGRES_PASSWORD', value: 'example', kind: 'named-secret', confidence: 'medium' },
  { name: 'ROOT_PWD', value: 'root', kind: 'named-secret', confidence: 'medium' },
  { name: 'DB_PASSWORD', value: '123456', kind: 'named-secret', confidence: 'medium' },
  { name: 'SESSION_SECRET', value: 'dummy', kind: 'named-secret', confidence: 'medium' },
  { name: 'WEBHOOK_VERIFY_TOKEN', value: 'letmein', kind: 'named-secret', confidence: 'medium' },
  { name: 'X_API_KEY', value: 'abc123', kind: 'named-secret', confidence: 'medium' },
];

const NEGATIVES: readonly (readonly [string, string])[] = [
  ['AWS_CA_BUNDLE', '/etc/pki/tls/certs/ca-bundle.crt'],
  ['NODE_EXTRA_CA_CERTS', '/opt/certs/internal-root-ca.pem'],
  ['DB_PASSWORD_SECRET_ARN', 'arn:aws:secretsmanager:us-east-1:123456789012:secret:prod/db-password-AbCdEf'],
  ['DB_PASSWORD', 'arn:aws:secretsmanager:us-east-1:123456789012:secret:prod/db-password-AbCdEf'],
  ['API_KEY_PARAMETER_ARN', 'arn:aws:ssm:eu-west-1:123456789012:parameter/prod/api-key'],
  ['DB_PASSWORD_PARAM', '/prod/db/password'],
  ['DB_PASSWORD', '/prod/db/password'],
  ['DB_PASSWORD', '{{resolve:secretsmanager:prod/db:SecretString:password}}'],
  ['API_KEY', '{{resolve:ssm-secure:/prod/api-key:1}}'],
  ['SECRET_NAME', 'prod/app/stripe'],
  ['TOKEN_TABLE', 'orders-prod-TokensTable-1QW2ER3TY4UI'],
  ['PASSWORD_PARAM', '/app/password'],
  ['API_URL', 'https://api.example.com/v1/orders'],
  ['DATABASE_URL', 'postgres://db.internal:5432/app'],
  ['DATABASE_URL', 'postgres://app:${DB_PASSWORD}@db.internal:5432/app'],
  ['DATABASE_URL', 'mysql://app:{{resolve:secretsmanager:prod/db:SecretString:password}}@db.internal/app'],
  ['DEBUG', 'true'],
  ['PASSWORD_MIN_LENGTH', '12'],
  ['TOKEN_EXPIRY_SECONDS', '3600'],
  ['EMPTY_TOKEN', ''],
  ['AUTH_MODE', 'jwt'],
  ['HANDLER', 'src/handlers/processOrderEventsFromQueue.handler'],
  ['JAVA_HANDLER', 'com.example.orders.ProcessOrderEventsHandler::handleRequest'],
  ['FUNCTION_NAME', 'my-service-prod-processOrderEventsFromQueue'],
  ['TABLE_NAME', 'MyStack-OrdersTable-ABC123DEF456'],
  ['STAGE', 'production'],
  ['AWS_REGION', 'eu-west-1'],
  ['API_KEY', '${ApiKeyParameter}'],
  ['STRIPE_SECRET', '${ssm:/payments/stripe/secret}'],
  ['ADMIN_PASSWORD', '<your-password-here>'],
  ['ADMIN_PASSWORD', '<password>'],
  ['DB_PASSWORD', 'your-db-password-here'],
  ['DB_PASSWORD', 'TODO'],
  ['API_KEY', 'REPLACE_ME'],
  ['DB_PASSWORD', 'xxxx'],
  ['DB_PASSWORD', 'none'],
  ['DB_PASSWORD', '[PASSWORD]'],
  ['SECRET_KEY', '$SECRET_KEY'],
  ['MAX_TOKENS', '4096'],
  ['MAX_OUTPUT_TOKENS', '1024'],
  ['AUTH', 'cognito'],
  ['GOOGLE_CREDENTIALS', 'default'],
  ['CREDENTIALS', 'profile'],
  ['PASSWORD_AUTH', 'enabled'],
  ['DB_PASSWORD', '0'],
  ['COMMIT_SHA', '3f786850e387550fdab836ed7e6dc881de23001b'],
  ['CONTENT_SHA256', 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855'],
  ['REQUEST_ID', '550e8400-e29b-41d4-a716-446655440000'],
  ['AWS_ACCESS_KEY_ID', 'AKIAIOSFODNN7EXAMPLE'],
  ['KMS_MASTER_KEY', '1234abcd-12ab-34cd-56ef-1234567890ab'],
  ['USER_POOL_ID', 'us-east-1_AbCdEf123'],
  ['LOG_LEVEL', 'debug'],
  ['SECRETS_MANAGER_ENDPOINT', 'https://secretsmanager.us-east-1.amazonaws.com'],
  ['QUEUE_URL', 'https://sqs.us-east-1.amazonaws.com/123456789012/orders-queue'],
  ['PWD', '/var/task'],
  ['JAVA_TOOL_OPTIONS', '-XX:+TieredCompilation -XX:TieredStopAtLevel=1'],
  ['SIGNING_KEY_PLACEHOLDER', join('-----BEGIN ', 'PRIVATE', ' KEY-----')],
  ['ADMIN_EMAIL', 'ops@example.com'],
  ['S3_KEY', 'uploads/2026/report.pdf'],
  ['AUTH_DOMAIN', 'myapp.auth.eu-west-1.amazoncognito.com'],
  ['POWERTOOLS_SERVICE_NAME', 'payment-service'],
  ['SECRET_ROTATION_DAYS', '30'],
  ['TOKEN_ISSUER', 'https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_AbCdEf123'],
  ['CREDENTIALS_FILE', '/home/app/.aws/credentials'],
];

function serialized(found: SecretHit | undefined): string {
  return JSON.stringify(found) ?? '';
}

describe('true positives', () => {
  it(`has at least 25 (${POSITIVES.length})`, () => expect(POSITIVES.length).toBeGreaterThanOrEqual(25));

  it.each(POSITIVES.map((positive) => [positive.name, positive.kind, positive]))(
    '%s is a %s',
    (_name, _kind, { name, value, kind, confidence }) => {
      const found = detectSecretInNamedValue(name, value);
      expect(found).toMatchObject({ kind, confidence });
    },
  );

  it.each(POSITIVES.map((positive) => [positive.name, positive]))(
    '%s never shows the secret',
    (_name, positive) => {
      const secret = positive.secret ?? positive.value;
      const output = serialized(detectSecretInNamedValue(positive.name, positive.value));
      expect(output).toContain('"redacted"');
      // (A 4-letter password like "pass" can be part of the description's words; longer ones cannot.)
      if (secret.length >= 6) expect(output).not.toContain(secret);
      expect(output).not.toContain(positive.value);
      // Not even a long piece of it: at most the 4-character prefix that names the kind.
      for (let start = 0; start + 8 <= secret.length; start++) {
        expect(output).not.toContain(secret.slice(start, start + 8));
      }
    },
  );

  it('finds the value-only patterns without a name too', () => {
    const valueOnly = POSITIVES.filter(
      (positive) => positive.kind !== 'named-secret' && positive.name !== 'MY_AWS_SECRET',
    );
    for (const { value, kind, name } of valueOnly) {
      if (name === 'AWS_SECRET_ACCESS_KEY') continue; // needs its name: 40 base64 characters alone are ambiguous
      expect(detectSecretInValue(value)?.kind, name).toBe(kind);
    }
  });

  it('needs context for a bare AWS secret access key', () => {
    expect(detectSecretInValue(awsSecret)?.kind).not.toBe('aws-secret-access-key');
    expect(detectSecretInNamedValue('UNRELATED', awsSecret)?.kind).not.toBe('aws-secret-access-key');
    expect(detectSecretInNamedValue('AWS_SECRET_ACCESS_KEY', awsSecret)?.kind).toBe('aws-secret-access-key');
  });
});

describe('true negatives', () => {
  it(`has at least 25 (${NEGATIVES.length})`, () => expect(NEGATIVES.length).toBeGreaterThanOrEqual(25));

  it.each(NEGATIVES)('%s=%s is not a secret', (name, value) => {
    expect(detectSecretInNamedValue(name, value)).toBeUndefined();
    expect(detectSecretInValue(value)).toBeUndefined();
  });

  it('does not take a random-looking identifier under a name that points at a secret for a secret', () => {
    expect(detectSecretInNamedValue('SECRET_ID', fake(90, 32))).toBeUndefined();
    expect(detectSecretInValue(fake(90, 32))?.kind).toBe('high-entropy-string');
  });
});

describe('tokens issued to be public (Stripe publishable keys, Mapbox public tokens)', () => {
  const stripe = [join('pk', '_live_', fake(91, 99)), join('pk', '_test_', fake(92, 24))];
  const mapboxClaims = Buffer.from(JSON.stringify({ u: 'someone', a: fake(93, 25) })).toString('base64url');
  const mapbox = join('pk', '.', mapboxClaims, '.', fake(94, 22, BASE64URL));

  it('are not secrets alone, nor under the names they are stored under', () => {
    for (const value of [...stripe, mapbox]) {
      expect(detectSecretInValue(value), value).toBeUndefined();
      for (const name of ['STRIPE_PUBLISHABLE_KEY', 'STRIPE_API_KEY', 'MAPBOX_ACCESS_TOKEN', 'AUTH'])
        expect(detectSecretInNamedValue(name, value), `${name}=${value}`).toBeUndefined();
    }
  });

  it('are judged by the name when it says the value is secret', () => {
    for (const name of ['STRIPE_SECRET_KEY', 'PAYMENT_PASSWORD', 'SIGNING_PRIVATE_KEY']) {
      expect(detectSecretInNamedValue(name, stripe[0] ?? '')?.kind, name).toBe('named-secret');
      expect(detectSecretInNamedValue(name, mapbox)?.kind, name).toBe('named-secret');
    }
  });

  it("leave the same providers' secret keys secret", () => {
    expect(detectSecretInValue(join('sk', '_live_', fake(95, 24)))?.kind).toBe('stripe-secret-key');
    expect(detectSecretInValue(join('rk', '_live_', fake(96, 24)))?.kind).toBe('stripe-secret-key');
    // A Mapbox secret token is a long random-looking string.
    const secret = join('sk', '.', mapboxClaims, '.', fake(97, 22, BASE64URL));
    expect(detectSecretInValue(secret)?.kind).toBe('high-entropy-string');
  });
});

describe('descriptions', () => {
  it('name the category with the right article', () => {
    expect(detectSecretInNamedValue('STRIPE_API_KEY', 'sandbox-key-1')?.description).toBe(
      'value of a variable named like an API key (API_KEY)',
    );
    expect(detectSecretInNamedValue('DB_PASSWORD', 'hunter2')?.description).toBe(
      'value of a variable named like a password (PASSWORD)',
    );
    expect(detectSecretInNamedValue('GOOGLE_CREDENTIALS', 'service-account-blob')?.description).toBe(
      'value of a variable named like credentials (CREDENTIALS)',
    );
  });

  it('name the scheme of a URL with a password without an article to get wrong', () => {
    expect(detectSecretInValue('amqp://orders:Rabb1tPass@mq.internal:5672/vhost')?.description).toBe(
      'password in a URL (amqp://)',
    );
  });

  it("say a parameter when the name is a parameter's", () => {
    expect(detectSecretInNamedValue('DbPassword', 'hunter2', 'parameter')?.description).toBe(
      'value of a parameter named like a password (PASSWORD)',
    );
  });

  it('never hold the value, short ones included', () => {
    for (const [name, value] of [
      ['ADMIN_PASSWORD', 'hunter2'],
      ['PASSWORD', 'changeme'],
      ['DB_PASS', 'admin123'],
    ] as const) {
      const found = detectSecretInNamedValue(name, value);
      expect(found?.redacted).toBe(`…(${value.length} chars)`);
      expect(`${found?.kind} ${found?.description}`).not.toContain(value);
    }
  });
});

describe('robustness', () => {
  it('never throws and never echoes a long value', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), fc.string({ maxLength: 40 }), (value, name) => {
        for (const found of [detectSecretInValue(value), detectSecretInNamedValue(name, value)]) {
          if (found !== undefined && value.trim().length >= 12) {
            expect(`${found.kind} ${found.description} ${found.redacted}`).not.toContain(value.trim());
          }
        }
      }),
    );
  });

  it.each([
    ['a long user:password', `${'a'.repeat(50_000)}:${'b'.repeat(50_000)}@`],
    ['dotted words', 'a.'.repeat(25_000)],
    ['JWT-like starts', 'eyJ.'.repeat(12_000)],
    ['unclosed placeholders', '${'.repeat(25_000)],
    ['unclosed interpolations', '#{'.repeat(25_000)],
    ['PEM headers', '-----BEGIN '.repeat(5_000)],
    ['a base64 run that ends badly', `${'M'.repeat(100_000)}=x`],
    ['base64 runs', 'MIIB '.repeat(20_000)],
    ['connection-string entries', 'a=b;'.repeat(25_000)],
    ['nested JSON', `${'{"password":'.repeat(300)}"x"${'}'.repeat(300)}`],
  ])('stays linear on pathological input: %s', (_what, value) => {
    const started = performance.now();
    detectSecretInValue(value);
    detectSecretInNamedValue('DB_PASSWORD', value);
    expect(performance.now() - started).toBeLessThan(300);
  });
});
