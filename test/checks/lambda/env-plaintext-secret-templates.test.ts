// biome-ignore-all lint/suspicious/noTemplateCurlyInString: CloudFormation `${...}` templates are written in these tests
import { describe, expect, it } from 'vitest';
import check from '../../../src/checks/lambda/env-plaintext-secret.js';
import { scanTemplate } from '../../helpers/scan-template.js';
import { fake, join } from '../../secrets/fixtures.js';
import { functionWithVariables } from './env-fixtures.js';

const PASSWORD = fake(51, 14);
const GITHUB = join('gh', 'p_', fake(52, 36));

const fn = functionWithVariables;

describe('lambda.env-plaintext-secret: literal text around values not known before deploy', () => {
  it('fails a literal password in a !Sub connection string whose host is an attribute', () => {
    const { failed } = scanTemplate(
      fn(`          DATABASE_URL: !Sub "postgresql://app:${PASSWORD}@\${Db.Endpoint.Address}:5432/orders"\n`),
      check,
    );
    expect(failed).toHaveLength(1);
    expect(failed[0]?.severity).toBe('high');
    expect(failed[0]?.message).toBe(
      'Environment variable DATABASE_URL holds a plaintext secret written in the template: password in a URL ' +
        '(postgresql://) (high confidence); the rest of its value is set at deploy.',
    );
    expect(failed[0]?.evidence).toEqual({
      variable: 'DATABASE_URL',
      kind: 'connection-string-password',
      value: `…(${PASSWORD.length} chars)`,
      confidence: 'high',
    });
    expect(JSON.stringify(failed)).not.toContain(PASSWORD.slice(0, 5));
  });

  it('fails the same in !Join, and a token written next to a pseudo parameter', () => {
    const { failed } = scanTemplate(
      fn(
        `          DB_URL: !Join ["", ["mysql://app:${PASSWORD}@", !GetAtt Db.Endpoint.Address, "/orders"]]\n` +
          `          HOOK: !Sub "\${AWS::Region}:${GITHUB}"\n`,
      ),
      check,
    );
    expect(failed.map((f) => [f.evidence?.variable, f.evidence?.kind])).toEqual([
      ['DB_URL', 'connection-string-password'],
      ['HOOK', 'github-token'],
    ]);
    expect(JSON.stringify(failed)).not.toContain(GITHUB.slice(4, 12));
  });

  it('is unknown for a URL whose password is a parameter without default: what it is depends on the deploy', () => {
    const { failed, unknown, passed } = scanTemplate(
      fn(
        '          DATABASE_URL: !Sub "postgresql://app:${DbPass}@${Db.Endpoint.Address}:5432/orders"\n' +
          '          OWNER_URL: !Sub "postgresql://${AWS::AccountId}@${Db.Endpoint.Address}/db"\n',
        'Parameters:\n  DbPass: { Type: String }\n',
      ),
      check,
    );
    expect(failed).toEqual([]);
    expect(unknown.map((f) => f.evidence?.variable)).toEqual(['DATABASE_URL']);
    expect(passed).toEqual([]);
  });
});

describe('lambda.env-plaintext-secret: NoEcho and -p values inside !Sub', () => {
  const NOECHO = fake(53, 24);
  const params = `Parameters:
  DbPass: { Type: String, NoEcho: true, Default: ${NOECHO} }
  Given: { Type: String }
  Switch: { Type: String, NoEcho: true, AllowedValues: ['on', 'off'] }
  NrKeySecret: { Type: String, NoEcho: true }
`;

  it('judges a NoEcho parameter inside a !Sub by the parameter, showing nothing of its value', () => {
    const { failed } = scanTemplate(
      fn('          DB_URL: !Sub "postgresql://app:${DbPass}@${Db.Endpoint.Address}/orders"\n', params),
      check,
    );
    expect(failed.map((f) => [f.severity, f.evidence?.value])).toEqual([
      ['high', '(from NoEcho parameter DbPass: not shown)'],
    ]);
    expect(failed[0]?.message).toContain('is set from NoEcho parameter DbPass (its default value)');
    expect(JSON.stringify(failed)).not.toContain(NOECHO.slice(0, 4));
  });

  it('still finds a literal password when another part of the !Sub is given with -p', () => {
    const text = fn(`          DB_URL: !Sub "postgresql://app:${PASSWORD}@\${Given}/orders"\n`, params);
    const { failed } = scanTemplate(text, check, { parameters: { Given: 'db.internal' } });
    expect(failed.map((f) => f.evidence?.kind)).toEqual(['connection-string-password']);
  });

  it('raises nothing for a NoEcho parameter whose default is empty (it writes nothing)', () => {
    const empty =
      "Parameters:\n  ApiKey: { Type: String, NoEcho: true, Default: '' }\n  Host: { Type: String }\n";
    const { failed } = scanTemplate(
      fn('          API_KEY_WITH_HOST: !Sub "${ApiKey}@${Host}"\n', empty),
      check,
    );
    expect(failed).toEqual([]);
  });

  it('passes a NoEcho parameter with AllowedValues, and one a *_SECRET variable names as a store', () => {
    const { failed } = scanTemplate(
      fn('          API_KEY_ENABLED: !Ref Switch\n          LICENSE_KEY_SECRET: !Ref NrKeySecret\n', params),
      check,
    );
    expect(failed).toEqual([]);
  });
});

describe('lambda.env-plaintext-secret: values that are not secrets under secret-like names', () => {
  const png = Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]),
    Buffer.from(fake(53, 60), 'latin1'),
  ]).toString('base64');
  const clientId = fake(54, 26, 'abcdefghijklmnopqrstuvwxyz0123456789');

  it('passes a secret name, an app client id and a base64 image', () => {
    const { failed } = scanTemplate(
      fn(
        '          NEW_RELIC_LICENSE_KEY_SECRET: nr-license-key\n' +
          `          COGNITO_CLIENT_ID: ${clientId}\n` +
          `          LOGO_BASE64: ${png}\n`,
      ),
      check,
    );
    expect(failed).toEqual([]);
  });

  it('still fails a token under each of those names', () => {
    const { failed } = scanTemplate(
      fn(
        `          NEW_RELIC_LICENSE_KEY_SECRET: ${GITHUB}\n` +
          `          COGNITO_CLIENT_ID: ${GITHUB}\n` +
          `          LOGO_BASE64: ${GITHUB}\n`,
      ),
      check,
    );
    expect(failed.map((f) => f.evidence?.kind)).toEqual(['github-token', 'github-token', 'github-token']);
  });

  it('passes a name under ACCESS_TOKEN_SECRET (it may name a store), and fails a token secret there', () => {
    const named = scanTemplate(
      fn(
        '          ACCESS_TOKEN_SECRET: twitter-access-token\n          GITHUB_TOKEN_SECRET: github-token\n',
      ),
      check,
    );
    expect(named.failed).toEqual([]);
    const secret = scanTemplate(fn(`          ACCESS_TOKEN_SECRET: ${fake(55, 45)}\n`), check);
    expect(secret.failed.map((f) => f.evidence?.variable)).toEqual(['ACCESS_TOKEN_SECRET']);
  });
});
