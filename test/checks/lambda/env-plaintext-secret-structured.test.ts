// biome-ignore-all lint/suspicious/noTemplateCurlyInString: CloudFormation `${...}` templates are written in these tests
import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { ALL_CHECKS } from '../../../src/checks/index.js';
import check from '../../../src/checks/lambda/env-plaintext-secret.js';
import { reports } from '../../helpers/reports.js';
import { scanTemplate } from '../../helpers/scan-template.js';
import { functionWithVariables } from './env-fixtures.js';

const PASSWORD = 'Tr0ub4dor&3xyz';
/** The review's value: an RSA public key's SubjectPublicKeyInfo, cut short. */
const REVIEW_PUBLIC_KEY =
  'MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAu1SU1LfVLPHCozMxH2Mo4lgOEePzNm0tRgeLezV6ffAt0gunVTLw7onLRnrq0';
/** A key pair made for the test run: the private half is never written anywhere. */
const keys = generateKeyPairSync('ec', { namedCurve: 'P-256' });

const fn = functionWithVariables;

/** A JSON config as a YAML single-quoted scalar. */
const json = (value: object) => `'${JSON.stringify(value)}'`;

describe('lambda.env-plaintext-secret: secrets in the fields of a JSON value or connection string', () => {
  it('fails a literal password in a JSON config, naming the field, and shows it in no report', () => {
    const scan = scanTemplate(
      fn(`          DB_CONFIG: ${json({ host: 'db.internal', user: 'admin', password: PASSWORD })}\n`),
      ALL_CHECKS,
    );
    const failed = scan.failed.filter((f) => f.checkId === check.id);
    expect(failed).toHaveLength(1);
    expect(failed[0]?.severity).toBe('high');
    expect(failed[0]?.message).toBe(
      'Environment variable DB_CONFIG holds a plaintext secret in its "password" field: literal value of a field ' +
        'named like a password (PASSWORD) (medium confidence).',
    );
    expect(failed[0]?.property).toBe('Environment.Variables.DB_CONFIG');
    expect(failed[0]?.evidence).toEqual({
      variable: 'DB_CONFIG',
      kind: 'named-secret',
      field: 'password',
      value: `…(${PASSWORD.length} chars)`,
      confidence: 'medium',
    });
    const output = reports(scan);
    expect(output).toContain('in its \\"password\\" field');
    expect(output).not.toContain(PASSWORD);
    expect(output).not.toContain(PASSWORD.slice(0, 5));
  });

  it('fails a nested field and a connection-string entry named like secrets', () => {
    const { failed } = scanTemplate(
      fn(
        `          APP_CONFIG: ${json({ stripe: { webhook_secret: 'whsec-not-a-real-one-42' } })}\n` +
          '          STORE: "Endpoint=https://store.example.com;AccountName=app;ApiKey=k3y-2024-orders;"\n',
      ),
      check,
    );
    expect(failed.map((f) => [f.evidence?.variable, f.evidence?.field])).toEqual([
      ['APP_CONFIG', 'stripe.webhook_secret'],
      ['STORE', 'ApiKey'],
    ]);
    expect(failed[1]?.message).toBe(
      'Environment variable STORE holds a plaintext secret in its "ApiKey" field: literal value of a field named ' +
        'like an API key (API_KEY) (medium confidence).',
    );
  });

  it("fails an Azure Storage connection string's AccountKey, also quoted with a `;` in it, showing none of it", () => {
    const key = `${PASSWORD}${PASSWORD.toUpperCase()}`;
    const quoted = `${PASSWORD};${PASSWORD}`;
    const scan = scanTemplate(
      fn(
        `          STORAGE: "DefaultEndpointsProtocol=https;AccountName=orders;AccountKey=${key};EndpointSuffix=core.windows.net"\n` +
          `          QUOTED: "AccountName=orders;AccountKey='${quoted}'"\n` +
          '          NO_KEY: "DefaultEndpointsProtocol=https;AccountName=orders;EndpointSuffix=core.windows.net"\n',
      ),
      ALL_CHECKS,
    );
    const failed = scan.failed.filter((f) => f.checkId === check.id);
    expect(failed.map((f) => [f.message, f.evidence?.field, f.evidence?.value])).toEqual([
      [
        'Environment variable STORAGE holds a plaintext secret in its "AccountKey" field: literal value of a field ' +
          'named like a secret (ACCOUNT_KEY) (medium confidence).',
        'AccountKey',
        `${key.slice(0, 4)}…(${key.length} chars)`,
      ],
      [
        'Environment variable QUOTED holds a plaintext secret in its "AccountKey" field: literal value of a field ' +
          'named like a secret (ACCOUNT_KEY) (medium confidence).',
        'AccountKey',
        `${quoted.slice(0, 4)}…(${quoted.length} chars)`,
      ],
    ]);
    const output = reports(scan);
    for (const secret of [key, quoted]) {
      for (let start = 4; start + 5 <= secret.length; start++) {
        expect(output.includes(secret.slice(start, start + 5)), 'a piece of the key in a report').toBe(false);
      }
    }
  });

  it('passes placeholders, empty values, dynamic references and fields that name no secret', () => {
    const { failed, unknown, passed } = scanTemplate(
      fn(
        `          EMPTY: ${json({ user: 'admin', password: '' })}\n` +
          `          PLACEHOLDER: ${json({ user: 'admin', password: '<password>' })}\n` +
          `          RESOLVED: ${json({ endpoint: '{{resolve:secretsmanager:db:SecretString:host}}' })}\n` +
          `          POINTERS: ${json({ passwordSecretArn: 'arn:aws:secretsmanager:us-east-1:123456789012:secret:db' })}\n` +
          `          PLAIN: ${json({ host: 'db.internal', user: 'admin', port: 5432 })}\n`,
      ),
      check,
    );
    expect(failed).toEqual([]);
    expect(unknown).toEqual([]);
    // A dynamic reference makes the value one not known before deploy.
    expect(passed[0]?.message).toBe(
      'no plaintext secret in 4 environment variable(s); 1 reference(s) or value(s) not known before deploy skipped',
    );
  });

  it('fails a {{resolve:secretsmanager}} reference in a field named like a secret, whatever key of the secret it takes', () => {
    const { failed } = scanTemplate(
      fn(`          RESOLVED: ${json({ password: '{{resolve:secretsmanager:db:SecretString:host}}' })}\n`),
      check,
    );
    expect(failed.map((f) => [f.property, f.evidence?.kind])).toEqual([
      ['Environment.Variables.RESOLVED', 'resolved-secret'],
    ]);
  });

  it("says unknown of a {{resolve:ssm}} reference in a field named like a secret (a String parameter's value)", () => {
    const { unknown } = scanTemplate(
      fn(`          RESOLVED: ${json({ password: '{{resolve:ssm:/app/db/password}}' })}\n`),
      check,
    );
    expect(unknown.map((f) => f.property)).toEqual(['Environment.Variables.RESOLVED']);
  });

  it('fails a parameter default holding such a JSON, saying where it comes from', () => {
    const { failed } = scanTemplate(
      fn(
        '          DB_CONFIG: !Ref DbConfig\n',
        `Parameters:\n  DbConfig:\n    Type: String\n    Default: ${json({ user: 'app', password: PASSWORD })}\n`,
      ),
      check,
    );
    expect(failed[0]?.message).toBe(
      'Environment variable DB_CONFIG is set from parameter DbConfig (its default value) and holds a secret in its ' +
        '"password" field: value of a field named like a password (PASSWORD) (medium confidence). The function ' +
        'configuration shows it in plaintext.',
    );
    expect(JSON.stringify(failed)).not.toContain(PASSWORD.slice(0, 5));
  });

  it('fails a literal password in a !Sub JSON beside a value known at deploy', () => {
    const { failed } = scanTemplate(
      fn(`          DB_CONFIG: !Sub '{"host":"\${Db.Endpoint.Address}","password":"${PASSWORD}"}'\n`),
      check,
    );
    expect(failed[0]?.message).toBe(
      'Environment variable DB_CONFIG holds a plaintext secret in its "password" field written in the template: ' +
        'value of a field named like a password (PASSWORD) (medium confidence); the rest of its value is set at deploy.',
    );
    expect(failed[0]?.evidence?.field).toBe('password');
    expect(JSON.stringify(failed)).not.toContain(PASSWORD.slice(0, 5));
  });

  it('is unknown for a JSON password field set from a parameter given at deploy, and fails a NoEcho one', () => {
    const variables =
      `          DB_CONFIG: !Sub '{"host":"db.internal","password":"\${Blob}"}'\n` +
      `          STORE: !Sub 'Endpoint=https://store.example.com;ApiKey=\${Other};'\n`;
    const given = scanTemplate(
      fn(variables, 'Parameters:\n  Blob:\n    Type: String\n  Other:\n    Type: String\n'),
      check,
    );
    expect(given.failed).toEqual([]);
    expect(given.unknown.map((f) => [f.evidence?.variable, f.evidence?.parameters, f.severity])).toEqual([
      ['DB_CONFIG', 'Blob', 'medium'],
      ['STORE', 'Other', 'medium'],
    ]);
    const hidden = scanTemplate(
      fn(variables, 'Parameters:\n  Blob:\n    Type: String\n    NoEcho: true\n  Other:\n    Type: String\n'),
      check,
    );
    expect(hidden.failed.map((f) => [f.evidence?.variable, f.evidence?.kind])).toEqual([
      ['DB_CONFIG', 'no-echo-parameter'],
    ]);
  });

  it('passes a parameter given at deploy in a JSON field that names no secret', () => {
    const { failed, unknown } = scanTemplate(
      fn(
        `          DB_CONFIG: !Sub '{"host":"\${Blob}","password_min_length":"\${Blob}"}'\n`,
        'Parameters:\n  Blob:\n    Type: String\n',
      ),
      check,
    );
    expect(failed).toEqual([]);
    expect(unknown).toEqual([]);
  });
});

describe('lambda.env-plaintext-secret: public keys and certificates', () => {
  it("passes the review's RSA public key and a public key or certificate in PEM, under public key names", () => {
    const pem = keys.publicKey.export({ type: 'spki', format: 'pem' }).toString().replaceAll('\n', '\\n');
    const der = keys.publicKey.export({ type: 'spki', format: 'der' }).toString('base64');
    const { failed, passed } = scanTemplate(
      fn(
        `          JWT_PUBLIC_KEY: ${REVIEW_PUBLIC_KEY}\n` +
          `          SIGNING_PUBKEY: ${der}\n` +
          `          PUBLIC_KEY_PEM: "${pem}"\n` +
          '          TLS_CERT: "-----BEGIN CERTIFICATE-----\\nMIIBcjCCARmgAwIBAgIUFXIYGZ/X6SyQHWi6J8/Hknd51pcw\\n-----END CERTIFICATE-----"\n',
      ),
      check,
    );
    expect(failed).toEqual([]);
    expect(passed[0]?.message).toBe('no plaintext secret in 4 environment variable(s)');
  });

  it('judges what follows a certificate on its own: a password fails, a note passes', () => {
    const certificate =
      '-----BEGIN CERTIFICATE-----\\nMIIBcjCCARmgAwIBAgIUFXIYGZ/X6SyQHWi6J8/Hknd51pcw\\n-----END CERTIFICATE-----';
    const scan = scanTemplate(
      fn(
        `          DB_PASSWORD: "${certificate}\\n${PASSWORD}"\n` +
          `          TLS_CERT: "${certificate}\\n# issued by the internal CA"\n`,
      ),
      ALL_CHECKS,
    );
    const failed = scan.failed.filter((f) => f.checkId === check.id);
    expect(failed.map((f) => f.message)).toEqual([
      'Environment variable DB_PASSWORD holds a plaintext secret: literal value of a variable named like a ' +
        'password (PASSWORD) (medium confidence).',
    ]);
    expect(failed[0]?.evidence?.value).toBe(`…(${PASSWORD.length} chars)`);
    const output = reports(scan);
    expect(output).not.toContain(PASSWORD.slice(0, 5));
  });

  it('fails a private key under a public key name, base64 DER or PEM, and shows it in no report', () => {
    const der = keys.privateKey.export({ type: 'pkcs8', format: 'der' }).toString('base64');
    const pem = keys.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    const scan = scanTemplate(
      fn(`          JWT_PUBLIC_KEY: ${der}\n          SIGNING_CERT: "${pem.replaceAll('\n', '\\n')}"\n`),
      ALL_CHECKS,
    );
    const failed = scan.failed.filter((f) => f.checkId === check.id);
    expect(failed.map((f) => f.message)).toEqual([
      'Environment variable JWT_PUBLIC_KEY holds a plaintext secret: private key (base64 DER, no PEM header) ' +
        '(high confidence).',
      'Environment variable SIGNING_CERT holds a plaintext secret: PEM private key (high confidence).',
    ]);
    const output = reports(scan);
    const body = der.slice(8);
    for (let start = 0; start + 8 <= body.length; start += 8) {
      expect(output.includes(body.slice(start, start + 8)), 'a piece of the key in a report').toBe(false);
    }
  });
});
