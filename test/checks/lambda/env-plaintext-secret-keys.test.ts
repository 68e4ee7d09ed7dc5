// biome-ignore-all lint/suspicious/noTemplateCurlyInString: CloudFormation `${...}` templates are written in these tests
import { createHash, generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import check from '../../../src/checks/lambda/env-plaintext-secret.js';
import { scanTemplate } from '../../helpers/scan-template.js';
import { opensslCertificateBundles, wrap } from '../../secrets/certificate-fixtures.js';
import {
  BASE64,
  BASE64URL,
  fake,
  HEX,
  openSshPrivateBody,
  showsSecret,
  sshEd25519,
} from '../../secrets/fixtures.js';
import { BAG, opensslPkcs12, pfx, RUN_ENCRYPTED_PKCS8, safeBag } from '../../secrets/pkcs12-fixtures.js';
import { functionWithVariables as fn } from './env-fixtures.js';

const AWS_SECRET = fake(31, 40, BASE64);
const PASSWORD = 'Tr0ub4dor&3';

describe('lambda.env-plaintext-secret: an OpenSSH public key and its comment', () => {
  it('fails a key whose comment is an AWS secret key, or a password under a password name, never showing either', () => {
    const { failed, errors } = scanTemplate(
      fn(
        `          AWS_DEPLOY_KEY: "${sshEd25519(AWS_SECRET)}"\n          DB_PASSWORD: "${sshEd25519(PASSWORD)}"\n`,
      ),
      check,
    );
    expect(errors).toEqual([]);
    expect(failed.map((f) => [f.message, f.evidence?.value])).toEqual([
      [
        'Environment variable AWS_DEPLOY_KEY holds a plaintext secret: AWS secret access key in AWS_DEPLOY_KEY ' +
          '(high confidence).',
        `${AWS_SECRET.slice(0, 4)}…(40 chars)`,
      ],
      [
        'Environment variable DB_PASSWORD holds a plaintext secret: literal value of a variable named like a ' +
          'password (PASSWORD) (medium confidence).',
        `…(${PASSWORD.length} chars)`,
      ],
    ]);
    expect(showsSecret(failed, AWS_SECRET)).toBe(false);
    expect(JSON.stringify(failed)).not.toContain(PASSWORD);
  });

  it('fails a token-like value, token- and hex, as a variable and as the comment of a key, never showing it', () => {
    const token = `token-${fake(34, 40, HEX)}`;
    const { failed } = scanTemplate(
      fn(`          SERVICE_TOKEN_VALUE: ${token}\n          DEPLOY_PUBKEY: "${sshEd25519(token)}"\n`),
      check,
    );
    expect(failed.map((f) => [f.message, f.severity, f.evidence?.value])).toEqual(
      ['SERVICE_TOKEN_VALUE', 'DEPLOY_PUBKEY'].map((name) => [
        `Environment variable ${name} holds a plaintext secret: token-like value (token- and 40 hex digits) ` +
          '(medium confidence).',
        'high',
        'toke…(46 chars)',
      ]),
    );
    expect(showsSecret(failed, token)).toBe(false);
  });

  it('passes keys whose comments are labels: user@host, an email, words, a label and a digest, none', () => {
    const md5 = createHash('md5').update('bastion host key').digest('hex');
    const variables = ['deploy@ci', 'ops@example.com', 'release signing key', `host-key-${md5}`, '']
      .map((comment, i) => `          SIGNING_KEY_${i}: "${sshEd25519(comment)}"\n`)
      .join('');
    const { failed, unknown, passed } = scanTemplate(fn(variables), check);
    expect([...failed, ...unknown]).toEqual([]);
    expect(passed).toHaveLength(1);
  });

  it('stays unknown, not failed, for a password-named key whose comment comes from a parameter without default', () => {
    const parameters = 'Parameters:\n  Comment: { Type: String }\n';
    const { failed, unknown } = scanTemplate(
      fn(`          DB_PASSWORD: !Sub "${sshEd25519('')} \${Comment}"\n`, parameters),
      check,
    );
    expect(failed).toEqual([]);
    expect(unknown.map((f) => f.property)).toEqual(['Environment.Variables.DB_PASSWORD']);
  });
});

describe('lambda.env-plaintext-secret: private keys without their PEM header', () => {
  const encrypted = generateKeyPairSync('rsa', { modulusLength: 2048 })
    .privateKey.export({
      type: 'pkcs8',
      format: 'der',
      cipher: 'aes-256-cbc',
      passphrase: 'not-written-anywhere',
    })
    .toString('base64');
  const openssh = openSshPrivateBody('aes256-ctr', 32);

  it('names an encrypted PKCS#8 body and an OpenSSH key body private keys (high), never showing them', () => {
    const { failed } = scanTemplate(
      fn(`          TLS_KEY: ${encrypted}\n          DEPLOY_KEY: ${openssh}\n`),
      check,
    );
    expect(failed.map((f) => [f.message, f.severity, f.evidence?.value])).toEqual([
      [
        'Environment variable TLS_KEY holds a plaintext secret: encrypted private key (base64 DER, no PEM header) ' +
          '(high confidence).',
        'high',
        `MIIF…(${encrypted.length} chars)`,
      ],
      [
        'Environment variable DEPLOY_KEY holds a plaintext secret: encrypted OpenSSH private key (base64, no PEM ' +
          'header) (high confidence).',
        'high',
        `b3Bl…(${openssh.length} chars)`,
      ],
    ]);
    expect(showsSecret(failed, encrypted)).toBe(false);
    expect(showsSecret(failed, openssh)).toBe(false);
  });

  it('names a body cut short by its first line, and one cut inside its OID only random-looking', () => {
    const { failed } = scanTemplate(
      fn(
        `          TLS_KEY_LINE: ${encrypted.slice(0, 64)}\n          TLS_KEY_HEADER: ${encrypted.slice(0, 22)}\n`,
      ),
      check,
    );
    expect(failed.map((f) => [f.message, f.evidence?.value])).toEqual([
      [
        'Environment variable TLS_KEY_LINE holds a plaintext secret: the start of an encrypted private key, cut ' +
          'short (base64 DER, no PEM header) (medium confidence).',
        'MIIF…(64 chars)',
      ],
      [
        'Environment variable TLS_KEY_HEADER holds a plaintext secret: long random-looking string (possibly a key ' +
          'or token) (medium confidence).',
        'MIIF…(22 chars)',
      ],
    ]);
    expect(showsSecret(failed, encrypted)).toBe(false);
  });

  it('names a bare PKCS#1 header the start of a private key, cut short (medium), not a private key', () => {
    const { failed } = scanTemplate(fn('          TLS_KEY: MIIEpAIBAAKCAQEA\n'), check);
    expect(failed.map((f) => [f.message, f.severity, f.evidence?.value])).toEqual([
      [
        'Environment variable TLS_KEY holds a plaintext secret: the start of a private key, cut short (base64 ' +
          'DER, no PEM header) (medium confidence).',
        'high',
        '…(16 chars)',
      ],
    ]);
  });

  it('names a PKCS#12 key store that holds a private key (high), never showing it', () => {
    const store = pfx([safeBag(BAG.shroudedKey, RUN_ENCRYPTED_PKCS8)]).toString('base64');
    const { failed } = scanTemplate(fn(`          TLS_KEYSTORE: ${store}\n`), check);
    expect(failed.map((f) => [f.message, f.severity, f.evidence?.value])).toEqual([
      [
        'Environment variable TLS_KEYSTORE holds a plaintext secret: PKCS#12 key store holding a private key ' +
          '(base64) (high confidence).',
        'high',
        `${store.slice(0, 4)}…(${store.length} chars)`,
      ],
    ]);
    expect(showsSecret(failed, store)).toBe(false);
  });

  it('passes a PKCS#12 store of certificates alone read in the clear; one whose bags are encrypted stays failed', () => {
    const readable = opensslPkcs12('-nokeys', '-certpbe', 'NONE');
    const encryptedBags = opensslPkcs12('-nokeys');
    const { failed, passed } = scanTemplate(
      fn(`          TRUSTSTORE: ${readable}\n          SEALED_TRUSTSTORE: ${encryptedBags}\n`),
      check,
    );
    expect(passed).toEqual([]);
    expect(failed.map((f) => [f.message, f.evidence?.value])).toEqual([
      [
        'Environment variable SEALED_TRUSTSTORE holds a plaintext secret: long random-looking string (possibly a ' +
          'key or token) (medium confidence).',
        `${encryptedBags.slice(0, 4)}…(${encryptedBags.length} chars)`,
      ],
    ]);
    const alone = scanTemplate(fn(`          TRUSTSTORE: ${readable}\n`), check);
    expect([...alone.failed, ...alone.unknown]).toEqual([]);
    expect(alone.passed).toHaveLength(1);
  });

  it('passes certificate bundles under secret names where they are read to hold certificates alone', () => {
    const bundles = opensslCertificateBundles();
    const quoted = (text: string) => `"${text.replaceAll('\n', '\\n')}"`;
    const variables =
      `          SSL_SECRET: ${quoted(wrap(bundles.pkcs12, 64))}\n` +
      `          TLS_SECRET: ${quoted(bundles.pkcs7Pem)}\n` +
      `          CA_BUNDLE_SECRET: ${quoted(bundles.printedPkcs12)}\n`;
    const { failed, unknown, passed } = scanTemplate(fn(variables), check);
    expect([...failed, ...unknown]).toEqual([]);
    expect(passed.map((p) => p.message)).toEqual(['no plaintext secret in 3 environment variable(s)']);
    const sealed = wrap(bundles.pkcs12Encrypted, 64);
    const kept = scanTemplate(fn(`          SSL_SECRET: ${quoted(sealed)}\n`), check);
    expect(kept.failed.map((f) => [f.message, f.evidence?.value])).toEqual([
      [
        'Environment variable SSL_SECRET holds a plaintext secret: literal value of a variable named like a secret ' +
          '(SECRET) (medium confidence).',
        `${sealed.slice(0, 4)}…(${sealed.length} chars)`,
      ],
    ]);
  });

  it('names provider tokens that passed or were only random-looking: a Discord webhook, an Anthropic key', () => {
    const discord = `https://discord.com/api/webhooks/${fake(40, 18, '0123456789')}/${fake(41, 68, BASE64URL)}`;
    const anthropic = ['sk-', 'ant-api03-', fake(42, 93, BASE64URL), 'AA'].join('');
    const { failed } = scanTemplate(
      fn(`          DISCORD_WEBHOOK_URL: ${discord}\n          LLM_CONFIG: ${anthropic}\n`),
      check,
    );
    expect(failed.map((f) => [f.message, f.evidence?.kind, f.evidence?.value])).toEqual([
      [
        'Environment variable DISCORD_WEBHOOK_URL holds a plaintext secret: Discord webhook URL (high confidence).',
        'discord-webhook',
        `http…(${discord.length} chars)`,
      ],
      [
        'Environment variable LLM_CONFIG holds a plaintext secret: Anthropic API key (high confidence).',
        'anthropic-api-key',
        `sk-a…(${anthropic.length} chars)`,
      ],
    ]);
    expect(showsSecret(failed, discord.slice(-68))).toBe(false);
    expect(showsSecret(failed, anthropic)).toBe(false);
  });

  it('fails the key written in a !Sub whose other part is not known before deploy', () => {
    const parameters = 'Parameters:\n  Suffix: { Type: String }\n';
    const { failed } = scanTemplate(
      fn(`          KEY_FILE: !Sub "${openssh}\${Suffix}"\n`, parameters),
      check,
    );
    expect(failed.map((f) => f.message)).toEqual([
      'Environment variable KEY_FILE holds a plaintext secret written in the template: encrypted OpenSSH private ' +
        'key (base64, no PEM header) (high confidence); the rest of its value is set at deploy.',
    ]);
    expect(showsSecret(failed, openssh)).toBe(false);
  });
});
