import { describe, expect, it } from 'vitest';
import { ALL_CHECKS } from '../../../src/checks/index.js';
import check from '../../../src/checks/lambda/env-plaintext-secret.js';
import type { LambdaFunction } from '../../../src/model/lambda.js';
import { reports } from '../../helpers/reports.js';
import { scanTemplate, template } from '../../helpers/scan-template.js';
import { lambdaFunction, samFunction, samTemplate } from '../../helpers/templates.js';

const DEFAULT_SECRET = 'Sup3rS3cretDbPassw0rd!';
const GIVEN_SECRET = 'MyRealProdPassw0rd99';
const SUB_SECRET = 'Qz7kWvUt';

/** A function whose Environment.Variables are `variables` (lines at 10 spaces), with template sections `extra`. */
const fn = (variables: string, extra = '') =>
  template(lambdaFunction('Fn', `      Environment:\n        Variables:\n${variables}`), extra);

const NO_ECHO_TEMPLATE = fn(
  '          DB_PASSWORD: !Ref DbPassword\n' +
    "          API_SECRET: !Sub '${Pw}-suffix-extra-long-value'\n" +
    "          DATABASE_URL: !Sub 'postgres://app:${DbPassword}@db.internal:5432/orders'\n",
  'Parameters:\n' +
    `  DbPassword:\n    Type: String\n    NoEcho: true\n    Default: '${DEFAULT_SECRET}'\n` +
    `  Pw:\n    Type: String\n    NoEcho: true\n    Default: ${SUB_SECRET}\n`,
);

/** Asserts that neither a secret nor its first 4 characters appear anywhere in `output`. */
function expectNowhere(output: string, secret: string): void {
  expect(output).not.toContain(secret);
  expect(output).not.toContain(secret.slice(0, 4));
}

describe('lambda.env-plaintext-secret: values from NoEcho parameters', () => {
  it('fails a NoEcho default, says where it comes from, and shows neither a prefix nor the length', () => {
    const { failed } = scanTemplate(NO_ECHO_TEMPLATE, check);
    const finding = failed.find((f) => f.evidence?.variable === 'DB_PASSWORD');
    expect(finding?.message).toBe(
      'Environment variable DB_PASSWORD is set from NoEcho parameter DbPassword (its default value): the ' +
        'template writes the value its author marked secret into the function configuration, where it shows ' +
        'in plaintext (NoEcho only hides it from CloudFormation). Pass the name or ARN of a Secrets Manager ' +
        'secret and read it at run time.',
    );
    expect(finding?.evidence).toEqual({
      variable: 'DB_PASSWORD',
      kind: 'no-echo-parameter',
      value: '(from NoEcho parameter DbPassword: not shown)',
      confidence: 'high',
      parameters: 'DbPassword',
    });
    expect(finding?.severity).toBe('high');
    expect(JSON.stringify(finding)).not.toMatch(/chars\)/);
  });

  it('hides a NoEcho value inside !Sub, also where a pattern finds the secret in it', () => {
    const { failed } = scanTemplate(NO_ECHO_TEMPLATE, check);
    expect(failed.map((f) => f.evidence?.variable).sort()).toEqual([
      'API_SECRET',
      'DATABASE_URL',
      'DB_PASSWORD',
    ]);
    // Inside a !Sub the NoEcho value is not known (its parts could be shown): judged by the parameter's name.
    const url = failed.find((f) => f.evidence?.variable === 'DATABASE_URL');
    expect(url?.evidence?.kind).toBe('no-echo-parameter');
    expect(url?.evidence?.value).toBe('(from NoEcho parameter DbPassword: not shown)');
    expect(failed.find((f) => f.evidence?.variable === 'API_SECRET')?.evidence?.value).toBe(
      '(from NoEcho parameter Pw: not shown)',
    );
  });

  it('prints no NoEcho value, nor its first 4 characters, anywhere in the JSON, SARIF or text report', () => {
    const output = reports(scanTemplate(NO_ECHO_TEMPLATE, ALL_CHECKS));
    expect(output).toContain('lambda.env-plaintext-secret');
    expectNowhere(output, DEFAULT_SECRET);
    expectNowhere(output, SUB_SECRET);
  });

  it("fails a NoEcho value put in a URL's password, whatever the names say; not elsewhere in a URL", () => {
    const scan = (value: string) =>
      scanTemplate(
        fn(`          CONN: !Sub '${value}'\n`, 'Parameters:\n  Pw: { Type: String, NoEcho: true }\n'),
        check,
      );
    const failed = scan('https://user:${Pw}@example.com/x').failed;
    expect(failed.map((f) => [f.evidence?.kind, f.severity])).toEqual([['no-echo-parameter', 'medium']]);
    expect(scan('Server=db;User Id=app;Password=${Pw};').failed).toHaveLength(1);
    expect(scan('DefaultEndpointsProtocol=https;AccountName=app;AccountKey=${Pw}').failed).toHaveLength(1);
    expect(scan('https://example.com/${Pw}').failed).toEqual([]);
  });

  it('shows no part of a NoEcho value that the template cuts out or builds into other text', () => {
    const cut = (id: string, runtime: string, role: string) =>
      `  ${id}:\n    Type: AWS::Lambda::Function\n    Properties:\n      Runtime: ${runtime}\n      Handler: a.b\n` +
      `      Role: ${role}\n      Code: { ZipFile: 'x' }\n`;
    const text = template(
      cut(
        'Split',
        "!Select [2, !Split ['-', !Ref Token]]",
        "!Sub ['arn:aws:iam::123456789012:role/${Name}', { Name: !Select [1, !Split ['-', !Ref Token]] }]",
      ) +
        cut('Short', "!Sub 'python${Pin}'", "!Sub 'arn:aws:iam::123456789012:role/app${Pin}'") +
        cut('Item', '!Select [1, !Ref Runtimes]', 'arn:aws:iam::123456789012:role/app') +
        cut('Json', '!ToJsonString [!Ref Quoted]', 'arn:aws:iam::123456789012:role/app') +
        lambdaFunction('Layered', '      Layers: !Ref LayerArns\n'),
      'Parameters:\n  Token: { Type: String, NoEcho: true, Default: nodejs-crimson-falcon }\n' +
        '  Pin: { Type: String, NoEcho: true, Default: q7z9 }\n' +
        "  Runtimes: { Type: CommaDelimitedList, NoEcho: true, Default: 'amberx1,birchy7' }\n" +
        "  Quoted: { Type: String, NoEcho: true, Default: 'pa\"ss-quartz' }\n" +
        "  LayerArns: { Type: CommaDelimitedList, NoEcho: true, Default: 'arn:aws:lambda:us-east-1:111122223333:layer:hiddenlayer:3' }\n",
    ).replace(
      "AWSTemplateFormatVersion: '2010-09-09'",
      "AWSTemplateFormatVersion: '2010-09-09'\nTransform: AWS::LanguageExtensions",
    );
    // The checks' own words, before the scan's last filter of NoEcho values (which misses such parts).
    const output = reports(scanTemplate(text, ALL_CHECKS));
    for (const part of ['crimson', 'falcon', 'q7z9', 'birchy7', 'quartz', 'hiddenlayer'])
      expect(output).not.toContain(part);
  });

  it('still compares a NoEcho value in a condition, also where the comparison builds text with it', () => {
    const text = template(
      lambdaFunction('Fn').replace(/Runtime: .*/, 'Runtime: !If [IsPre, python3.7, python3.13]'),
      'Parameters:\n  Secret: { Type: String, NoEcho: true, Default: abcdef123 }\n' +
        "Conditions:\n  IsPre: !Equals [!Sub 'pre-${Secret}', 'pre-abcdef123']\n",
    );
    const { failed, unknown } = scanTemplate(
      text,
      ALL_CHECKS.filter((c) => c.id === 'lambda.runtime-deprecated'),
    );
    expect([failed.length, unknown.length]).toEqual([1, 0]);
  });

  it('hides a NoEcho value given with -p, and says it was given', () => {
    const scan = scanTemplate(NO_ECHO_TEMPLATE, ALL_CHECKS, { parameters: { DbPassword: GIVEN_SECRET } });
    const finding = scan.failed.find(
      (f) => f.checkId === 'lambda.env-plaintext-secret' && f.evidence?.variable === 'DB_PASSWORD',
    );
    expect(finding?.message).toContain('is set from NoEcho parameter DbPassword (given with -p)');
    expect(finding?.evidence?.value).toBe('(from NoEcho parameter DbPassword: not shown)');
    const output = reports(scan);
    expectNowhere(output, GIVEN_SECRET);
    expectNowhere(output, DEFAULT_SECRET);
  });

  it('fails (medium) a NoEcho parameter without default in a variable named like a secret, showing nothing', () => {
    const { failed } = scanTemplate(
      fn(
        '          DB_PASSWORD: !Ref DbPassword\n',
        'Parameters:\n  DbPassword: { Type: String, NoEcho: true }\n',
      ),
      check,
    );
    expect(failed).toHaveLength(1);
    expect(failed[0]?.severity).toBe('medium');
    expect(failed[0]?.message).toBe(
      'Environment variable DB_PASSWORD is set from NoEcho parameter DbPassword (given at deploy): the template ' +
        'writes the value its author marked secret into the function configuration, where it shows in plaintext ' +
        '(NoEcho only hides it from CloudFormation). Pass the name or ARN of a Secrets Manager secret and read ' +
        'it at run time.',
    );
    expect(failed[0]?.evidence).toEqual({
      variable: 'DB_PASSWORD',
      kind: 'no-echo-parameter',
      parameters: 'DbPassword',
      value: '(from NoEcho parameter DbPassword: not shown)',
      confidence: 'high',
    });
  });

  it("fails one embedded by !Join or !Sub when the parameter's name says it is a secret", () => {
    const { failed } = scanTemplate(
      fn(
        '          DB_URL: !Join ["", ["postgresql://app:", !Ref DbPassword, "@", !ImportValue db-host, "/orders"]]\n' +
          "          DB_URL_SUB: !Sub 'postgresql://app:${DbPassword}@db.internal/orders'\n",
        'Parameters:\n  DbPassword: { Type: String, NoEcho: true }\n',
      ),
      check,
    );
    expect(failed.map((f) => [f.evidence?.variable, f.evidence?.kind, f.severity])).toEqual([
      ['DB_URL', 'no-echo-parameter', 'medium'],
      ['DB_URL_SUB', 'no-echo-parameter', 'medium'],
    ]);
  });

  it('skips a NoEcho parameter without default when no name says secret; one that is not NoEcho is unknown', () => {
    const { failed, unknown } = scanTemplate(
      fn(
        '          DB_USER: !Ref DbUser\n          DB_PASSWORD: !Ref PlainPassword\n',
        'Parameters:\n  DbUser: { Type: String, NoEcho: true }\n  PlainPassword: { Type: String }\n',
      ),
      check,
    );
    expect(failed).toEqual([]);
    expect(unknown.map((f) => f.evidence?.variable)).toEqual(['DB_PASSWORD']);
  });

  it('is unknown for an OAuth token secret as for a consumer secret; a store name (DB_PASSWORD_SECRET) is not', () => {
    const { failed, unknown } = scanTemplate(
      fn(
        '          CONSUMER_SECRET: !Ref ConsumerSecret\n' +
          '          ACCESS_TOKEN_SECRET: !Ref AccessTokenSecret\n' +
          '          DB_PASSWORD_SECRET: !Ref DbPasswordSecret\n' +
          '          GITHUB_TOKEN_SECRETS: !Ref GithubTokenSecrets\n',
        'Parameters:\n  ConsumerSecret: { Type: String }\n  AccessTokenSecret: { Type: String }\n' +
          '  DbPasswordSecret: { Type: String }\n  GithubTokenSecrets: { Type: String }\n',
      ),
      check,
    );
    expect(failed).toEqual([]);
    expect(unknown.map((f) => f.evidence?.variable)).toEqual(['CONSUMER_SECRET', 'ACCESS_TOKEN_SECRET']);
  });

  it("reads a parameter's last Parameter or Param as a naming style, not as a pointer to a secret", () => {
    // github-cognito-openid-wrapper names every parameter so: these hold the client secret and the signing key.
    const parameters = [
      'GitHubClientSecretParameter',
      'JwtRs256KeyParameter',
      'DbPassParam',
      'DbPasswordParameter',
      'DbPasswordParameterName',
      'DbPasswordSsmParameter',
      'ApiKeySecretArnParameter',
      'DbPasswordPath',
      'JwtRs256PublicKeyParameter',
      'WebhookUrlParameter',
    ];
    const { failed, unknown } = scanTemplate(
      fn(
        '          GITHUB_CLIENT_SECRET: !Ref GitHubClientSecretParameter\n' +
          '          JWT_RS256_KEY: !Ref JwtRs256KeyParameter\n' +
          '          DB_URL: !Sub "postgres://app:${DbPassParam}@db/x"\n' +
          '          SETTING: !Ref DbPasswordParameter\n' +
          // Named as where a secret is kept, by the parameter's name or the variable's: skipped.
          '          API_KEY: !Ref DbPasswordParameterName\n' +
          '          DB_PASSWORD: !Ref DbPasswordSsmParameter\n' +
          '          STRIPE_API_KEY: !Ref ApiKeySecretArnParameter\n' +
          '          DB_PASS: !Ref DbPasswordPath\n' +
          '          JWT_RS256_PUBLIC_KEY: !Ref JwtRs256PublicKeyParameter\n' +
          '          WEBHOOK_URL_PARAM: !Ref WebhookUrlParameter\n',
        `Parameters:\n${parameters.map((name) => `  ${name}: { Type: String }\n`).join('')}`,
      ),
      check,
    );
    expect(failed).toEqual([]);
    expect(unknown.map((f) => [f.evidence?.variable, f.severity])).toEqual([
      ['GITHUB_CLIENT_SECRET', 'medium'],
      ['JWT_RS256_KEY', 'medium'],
      ['DB_URL', 'medium'],
      ['SETTING', 'medium'],
    ]);
    expect(unknown[0]?.message).toContain(
      'is set from parameter GitHubClientSecretParameter (given at deploy)',
    );
  });

  it('fails a NoEcho parameter named as a secret in that style, and a default under such a name', () => {
    const { failed } = scanTemplate(
      fn(
        '          SETTING: !Ref DbPassParam\n          JWT_RS256_KEY: !Ref JwtRs256KeyParameter\n',
        'Parameters:\n  DbPassParam: { Type: String, NoEcho: true }\n' +
          '  JwtRs256KeyParameter: { Type: String, Default: hunter2hunter2 }\n',
      ),
      check,
    );
    expect(failed.map((f) => [f.evidence?.variable, f.severity])).toEqual([
      ['SETTING', 'medium'],
      ['JWT_RS256_KEY', 'high'],
    ]);
  });

  it('does not take a NoEcho value for a secret on NoEcho alone (a user name is often NoEcho)', () => {
    const { failed } = scanTemplate(
      fn(
        '          DB_USER: !Ref DbUser\n',
        'Parameters:\n  DbUser: { Type: String, NoEcho: true, Default: admin }\n',
      ),
      check,
    );
    expect(failed).toEqual([]);
  });

  it('keeps the parameters on the model, for SAM functions too', () => {
    const sam = samTemplate(
      samFunction('Api', '      Environment:\n        Variables:\n          DB_PASSWORD: !Ref DbPassword\n'),
      `Parameters:\n  DbPassword: { Type: String, NoEcho: true, Default: '${DEFAULT_SECRET}' }\n`,
    );
    const { inventory, failed, errors } = scanTemplate(sam, check);
    expect(errors).toEqual([]);
    const api = inventory.list('lambda.function').find((f) => f.id === 'Api') as LambdaFunction;
    expect(Array.isArray(api.environment) && api.environment[0]?.parameters).toEqual([
      { name: 'DbPassword', origin: 'default', noEcho: true },
    ]);
    expect(failed[0]?.evidence?.value).toBe('(from NoEcho parameter DbPassword: not shown)');
    expectNowhere(JSON.stringify(failed), DEFAULT_SECRET);
  });
});

describe('lambda.env-plaintext-secret: values from other parameters', () => {
  const GITHUB = 'ghp_abcdefghijklmnopqrstuvwxyz0123456789';

  it('says the value is set from the parameter and its default, and redacts it as a literal', () => {
    const { failed } = scanTemplate(
      fn(
        '          GITHUB_TOKEN: !Ref Token\n',
        `Parameters:\n  Token: { Type: String, Default: ${GITHUB} }\n`,
      ),
      check,
    );
    expect(failed).toHaveLength(1);
    expect(failed[0]?.message).toBe(
      'Environment variable GITHUB_TOKEN is set from parameter Token (its default value) and holds a secret: ' +
        'GitHub token (high confidence). The function configuration shows it in plaintext.',
    );
    expect(failed[0]?.message).not.toContain('literal');
    expect(failed[0]?.evidence?.value).toBe('ghp_…(40 chars)');
    expect(failed[0]?.evidence?.parameters).toBe('Token');
    expect(JSON.stringify(failed)).not.toContain(GITHUB);
  });

  it('says a value was given with -p', () => {
    const { failed } = scanTemplate(
      fn('          GITHUB_TOKEN: !Ref Token\n', 'Parameters:\n  Token: { Type: String }\n'),
      check,
      { parameters: { Token: GITHUB } },
    );
    expect(failed[0]?.message).toContain('is set from parameter Token (given with -p)');
    expect(JSON.stringify(failed)).not.toContain(GITHUB);
  });

  it('names every parameter a value is built from; of NoEcho ones, inside a !Sub, only those', () => {
    const scan = (noEcho: string) =>
      scanTemplate(
        fn(
          "          DATABASE_URL: !Sub 'postgres://${User}:${Pass}@db.internal/app'\n",
          `Parameters:\n  User: { Type: String, Default: app }\n  Pass: { Type: String${noEcho} }\n`,
        ),
        check,
        { parameters: { Pass: GIVEN_SECRET } },
      ).failed;
    const plain = scan('');
    expect(plain[0]?.message).toContain(
      'is set from parameter User (its default value) and parameter Pass (given with -p)',
    );
    expect(plain[0]?.evidence?.parameters).toBe('User, Pass');
    // Inside a !Sub a NoEcho value is not known (its parts could be shown): it is judged by its name.
    const noEcho = scan(', NoEcho: true');
    expect(noEcho[0]?.message).toContain('is set from NoEcho parameter Pass (given with -p)');
    expect(noEcho[0]?.evidence?.parameters).toBe('Pass');
    expectNowhere(JSON.stringify(noEcho), GIVEN_SECRET);
  });

  it("judges the value by the parameter's name when the variable's says nothing", () => {
    const { failed } = scanTemplate(
      fn(
        '          DB_CONN_VALUE: !Ref AdminPassword\n',
        'Parameters:\n  AdminPassword: { Type: String, Default: hunter2 }\n',
      ),
      check,
    );
    expect(failed).toHaveLength(1);
    expect(failed[0]?.message).toContain('value of a parameter named like a password (PASSWORD)');
  });

  it('does not flag a parameter that only picks the value (a FindInMap key)', () => {
    const { failed } = scanTemplate(
      fn(
        '          ENDPOINT: !FindInMap [Config, !Ref Stage, Url]\n',
        'Parameters:\n  Stage: { Type: String, Default: prod }\n' +
          'Mappings:\n  Config:\n    prod: { Url: https://api.example.com }\n',
      ),
      check,
    );
    expect(failed).toEqual([]);
  });
});

describe('lambda.env-plaintext-secret: weak and placeholder passwords', () => {
  it('fails short and default passwords written in the template', () => {
    const { failed } = scanTemplate(
      fn(
        '          ADMIN_PASSWORD: hunter2\n          PASSWORD: changeme\n          DB_PASS: admin123\n' +
          '          STRIPE_API_KEY: abc123\n',
      ),
      check,
    );
    expect(failed.map((f) => f.evidence?.variable).sort()).toEqual([
      'ADMIN_PASSWORD',
      'DB_PASS',
      'PASSWORD',
      'STRIPE_API_KEY',
    ]);
    const admin = failed.find((f) => f.evidence?.variable === 'ADMIN_PASSWORD');
    expect(admin?.message).toBe(
      'Environment variable ADMIN_PASSWORD holds a plaintext secret: literal value of a variable named like a ' +
        'password (PASSWORD) (medium confidence).',
    );
    expect(admin?.evidence?.value).toBe('…(7 chars)');
    expect(failed.find((f) => f.evidence?.variable === 'STRIPE_API_KEY')?.message).toContain(
      'like an API key',
    );
    const output = JSON.stringify(failed);
    for (const value of ['hunter2', 'changeme', 'admin123', 'abc123']) expect(output).not.toContain(value);
  });

  it('passes placeholders that cannot work as a password, and counts that are not secrets', () => {
    const { failed, passed } = scanTemplate(
      fn(
        "          ADMIN_PASSWORD: '<password>'\n          DB_PASSWORD: your-db-password-here\n" +
          "          API_KEY: TODO\n          MAX_TOKENS: '4096'\n          AUTH: cognito\n          DB_PASS: ''\n",
      ),
      check,
    );
    expect(failed).toEqual([]);
    expect(passed).toHaveLength(1);
  });
});
