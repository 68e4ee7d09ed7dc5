import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { benignReason, detectSecretInNamedValue, detectSecretInValue } from '../../src/secrets/index.js';
import {
  besidePublicKeys,
  isPublicKeyMaterial,
  outsidePublicPem,
} from '../../src/secrets/public-key-text.js';
import { BASE64, fake, HEX, showsSecret, sshEd25519 } from './fixtures.js';

/** A 40-character token of an AWS secret access key's shape, made at run time. */
const AWS_SECRET = fake(21, 40, BASE64);
const PASSWORD = 'Tr0ub4dor&3';

describe('an OpenSSH public key is public, its comment is text of its own', () => {
  it('gives the comments to judge, leaving out ssh-keygen’s default user@host and keys without one', () => {
    expect(besidePublicKeys(sshEd25519('deploy@ci'))).toEqual([]);
    expect(besidePublicKeys(sshEd25519(''))).toEqual([]);
    expect(
      besidePublicKeys(`${sshEd25519('ops@bastion.internal')}\n${sshEd25519('release signing key')}`),
    ).toEqual([{ text: 'release signing key', comment: true }]);
    expect(besidePublicKeys(sshEd25519(AWS_SECRET))).toEqual([{ text: AWS_SECRET, comment: true }]);
    expect(isPublicKeyMaterial(sshEd25519('deploy@ci'))).toBe(true);
    expect(isPublicKeyMaterial(sshEd25519(AWS_SECRET))).toBe(false);
  });

  it('fails a random-looking comment under any name, as an AWS secret key under an AWS name; never shows it', () => {
    const value = sshEd25519(AWS_SECRET);
    const byLook = detectSecretInValue(value);
    expect(byLook).toMatchObject({ kind: 'high-entropy-string', confidence: 'medium' });
    expect(detectSecretInNamedValue('DEPLOY_KEY', value)?.kind).toBe('high-entropy-string');
    const aws = detectSecretInNamedValue('AWS_SSH_KEY', value);
    expect(aws).toEqual({
      kind: 'aws-secret-access-key',
      description: 'AWS secret access key in AWS_SSH_KEY',
      confidence: 'high',
      redacted: `${AWS_SECRET.slice(0, 4)}…(40 chars)`,
    });
    for (const found of [byLook, aws]) expect(showsSecret(found, AWS_SECRET)).toBe(false);
    // The second line of an authorized_keys file is read as well as the first.
    const second = `${sshEd25519('deploy@ci')}\\n${sshEd25519(AWS_SECRET)}`;
    expect(detectSecretInValue(second)?.kind).toBe('high-entropy-string');
  });

  it('fails a comment under a password name: the password is whatever follows the key', () => {
    const found = detectSecretInNamedValue('DB_PASSWORD', sshEd25519(PASSWORD));
    expect(found).toEqual({
      kind: 'named-secret',
      description: 'value of a variable named like a password (PASSWORD)',
      confidence: 'medium',
      redacted: `…(${PASSWORD.length} chars)`,
    });
    expect(JSON.stringify(found)).not.toContain(PASSWORD);
  });

  it('passes a label under a name about the key (SIGNING_KEY, PRIVATE_KEY): the name speaks of the public key', () => {
    for (const name of ['SIGNING_KEY', 'SSH_PRIVATE_KEY', 'DEPLOY_KEY', 'AUTHORIZED_KEYS']) {
      for (const comment of ['release signing key', 'ci-deploy-2024', 'deploy@ci', 'ops@example.com', '']) {
        expect(detectSecretInNamedValue(name, sshEd25519(comment)), `${name}: ${comment}`).toBeUndefined();
      }
    }
    expect(benignReason(sshEd25519('laptop'))).toBeUndefined();
    expect(detectSecretInValue(sshEd25519('laptop'))).toBeUndefined();
  });
});

describe('an OpenSSH key comment that is a label and a digest names the key', () => {
  /** The key's fingerprints, as tools write them into a comment: hex of MD5, SHA-1, SHA-256. */
  const blob = Buffer.from(sshEd25519('').split(' ')[1] ?? '', 'base64');
  const digest = (algorithm: string) => createHash(algorithm).update(blob).digest('hex');
  const [md5, sha1, sha256] = [digest('md5'), digest('sha1'), digest('sha256')];

  it.each([
    ['MD5 (host-key-<32 hex>)', `host-key-${md5}`],
    ['MD5 in upper case', `host-key-${md5.toUpperCase()}`],
    ['SHA-1, after a label of several parts', `deploy_key.ci-${sha1}`],
    ['SHA-256', `web01-hostkey-${sha256}`],
    ['MD5, after a label naming the host (ssh-host)', `ssh-host-${md5}`],
    ['SHA-1, after a label naming the key in camelCase', `bastionHostKey-${sha1}`],
  ])('passes a label and a %s digest under any name, and as the value alone', (_digest, comment) => {
    const value = sshEd25519(comment);
    expect(besidePublicKeys(value)).toEqual([]);
    expect(isPublicKeyMaterial(value)).toBe(true);
    expect(detectSecretInValue(value)).toBeUndefined();
    for (const name of ['HOST_PUBKEY', 'SIGNING_KEY', 'DEPLOY_KEY', 'X']) {
      expect(detectSecretInNamedValue(name, value), name).toBeUndefined();
    }
  });

  it('still fails a token in the comment: after a label, or with hex of no digest length, or a random label', () => {
    const hex = fake(25, 32, HEX);
    // Hex of no digest's length, after a label: judged as any comment.
    const notDigest = `host-key-${hex.slice(0, 30)}`;
    expect(besidePublicKeys(sshEd25519(notDigest))).toEqual([{ text: notDigest, comment: true }]);
    for (const comment of [
      `host-key-${fake(23, 32)}`,
      `host-key-${fake(24, 40, BASE64)}`,
      `${fake(26, 12)}-${hex}`,
    ]) {
      const found = detectSecretInValue(sshEd25519(comment));
      expect(found, comment).toMatchObject({ kind: 'high-entropy-string', confidence: 'medium' });
      expect(showsSecret(found, comment)).toBe(false);
    }
    expect(detectSecretInNamedValue('AWS_HOST_KEY', sshEd25519(AWS_SECRET))?.kind).toBe(
      'aws-secret-access-key',
    );
  });

  it('judges the tokens of that very shape as any comment: Mailgun key-<32 hex>, Pulumi pul-<40 hex>', () => {
    for (const comment of [`key-${md5}`, `KEY-${md5.toUpperCase()}`, `pul-${sha1}`]) {
      expect(besidePublicKeys(sshEd25519(comment)), comment).toEqual([{ text: comment, comment: true }]);
      expect(detectSecretInValue(sshEd25519(comment)), comment).toEqual(detectSecretInValue(comment));
    }
  });

  /** Hex of a token's length, not a fingerprint of the key: what a credential label puts after it. */
  const token40 = fake(27, 40, HEX);
  const token32 = fake(28, 32, HEX);

  it.each([
    ['api-<40 hex>, an old GitHub token’s shape', `api-${token40}`],
    ['token-', `token-${token40}`],
    ['secret-', `secret-${token32}`],
    ['auth-', `auth-${token32}`],
    ['a word part (apiKey)', `apiKey-${token32}`],
    ['a word part (db_password)', `db_password-${token32}`],
    ['a word part in upper case (OAUTH)', `OAUTH-${token32}`],
    ['a key qualified as a credential (access-key)', `access-key-${token40}`],
    ['a key qualified as a credential (session_key)', `session_key-${token32}`],
    ['a short credential word, whole (sk)', `sk-${token32}`],
    ['a short credential word, whole (gh-pat)', `gh-pat-${token40}`],
    ['key and no word (key1)', `key1-${token32}`],
  ])('judges a comment whose label says credential as any comment: %s', (_label, comment) => {
    const value = sshEd25519(comment);
    expect(besidePublicKeys(value)).toEqual([{ text: comment, comment: true }]);
    expect(isPublicKeyMaterial(value)).toBe(false);
    expect(detectSecretInValue(value)).toEqual(detectSecretInValue(comment));
  });

  it('fails such a comment where its look is a token’s (api-<40 hex>, auth-, gh-pat-), never showing it', () => {
    const githubShaped = 'api-3f9a1c2e7b4d8e6f0a1b2c3d4e5f60718293a4b5';
    for (const comment of [
      githubShaped,
      `auth-${token32}`,
      `OAUTH-${token32}`,
      `gh-pat-${token40}`,
      `key1-${token32}`,
    ]) {
      const found = detectSecretInValue(sshEd25519(comment));
      expect(found, comment).toMatchObject({
        kind: 'high-entropy-string',
        description: 'long random-looking string (possibly a key or token)',
        confidence: 'medium',
      });
      expect(showsSecret(found, comment), comment).toBe(false);
      expect(showsSecret(detectSecretInNamedValue('AUTHORIZED_KEY', sshEd25519(comment)), comment)).toBe(
        false,
      );
    }
  });

  it('finds short credential words only whole: path, disk, patio and host labels name the key', () => {
    for (const label of ['path-host-key', 'disk-image-key', 'patio-host', 'pulse-web-host']) {
      expect(besidePublicKeys(sshEd25519(`${label}-${md5}`)), label).toEqual([]);
    }
  });
});

describe('text beside a certificate chain of any length is read', () => {
  const certificate = (seed: number) =>
    `-----BEGIN CERTIFICATE-----\n${Array.from({ length: 25 }, (_, i) => fake(seed + i, 64, BASE64)).join('\n')}\n-----END CERTIFICATE-----`;
  const chain = [certificate(100), certificate(200), certificate(300)].join('\n');

  it('fails a token after a chain of over 4,096 characters, and a password under a password name', () => {
    expect(chain.length).toBeGreaterThan(4096);
    const token = fake(22, 40);
    const found = detectSecretInNamedValue('CA_BUNDLE', `${chain}\n${token}`);
    expect(found).toMatchObject({ kind: 'high-entropy-string', redacted: `${token.slice(0, 4)}…(40 chars)` });
    expect(showsSecret(found, token)).toBe(false);
    expect(detectSecretInValue(`${chain}\n${token}`)?.kind).toBe('high-entropy-string');
    expect(detectSecretInNamedValue('DB_PASSWORD', `${chain}\n${PASSWORD}`)?.kind).toBe('named-secret');
  });

  it('passes the chain alone, or with a note beside it; skips text beside it that is itself over 4,096', () => {
    expect(detectSecretInNamedValue('CA_BUNDLE', chain)).toBeUndefined();
    expect(benignReason(chain)).toBe('public-key-material');
    expect(detectSecretInNamedValue('CA_BUNDLE', `${chain}\n# issued by the internal CA`)).toBeUndefined();
    const long = Array.from({ length: 120 }, (_, i) => fake(400 + i, 40)).join(' ');
    expect(detectSecretInNamedValue('CA_BUNDLE', `${chain}\n${long}`)).toBeUndefined();
  });

  it('reads a value once, however many BEGIN lines lack an END line (a linear scan)', () => {
    const time = (text: string) => {
      const start = performance.now();
      outsidePublicPem(text);
      return performance.now() - start;
    };
    // Before, each BEGIN line without END made a regular expression read to the end: 16,000 took minutes.
    const noEnd = '-----BEGIN CERTIFICATE-----x! '.repeat(16_000);
    const base64Runs = `${`-----BEGIN CERTIFICATE-----${'A'.repeat(10)}\n`.repeat(16_000)}!`;
    const writtenBreaks = `${certificate(500)}${'\\n'.repeat(100_000)}x${'\\n'.repeat(100_000)}`;
    for (const text of [noEnd, base64Runs, writtenBreaks]) expect(time(text)).toBeLessThan(1000);
    expect(outsidePublicPem(noEnd)).toBe(noEnd);
    expect(outsidePublicPem(writtenBreaks)).toBe('x');
  });
});
