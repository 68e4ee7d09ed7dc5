import { generateKeyPairSync, type KeyObject } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  benignReason,
  detectSecretInNamedValue,
  detectSecretInValue,
  type SecretHit,
} from '../../src/secrets/index.js';
import { derKeyMaterial, opensshKeyMaterial } from '../../src/secrets/key-material.js';
import { isPublicKeyMaterial, outsidePublicPem } from '../../src/secrets/public-key-text.js';
import { BASE64, fake, fakePem, join, openSshPrivateBody, sshLine } from './fixtures.js';

/** Key pairs made for the test run: the private halves are never written anywhere. */
const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 });
const p256 = generateKeyPairSync('ec', { namedCurve: 'P-256' });
const p384 = generateKeyPairSync('ec', { namedCurve: 'P-384' });
const ed25519 = generateKeyPairSync('ed25519');
const ed448 = generateKeyPairSync('ed448');
const x25519 = generateKeyPairSync('x25519');

const spki = (key: KeyObject) => key.export({ type: 'spki', format: 'der' }).toString('base64');
const pkcs8 = (key: KeyObject) => key.export({ type: 'pkcs8', format: 'der' }).toString('base64');

const PUBLIC_NAMES = ['JWT_PUBLIC_KEY', 'SIGNING_PUBKEY', 'TLS_CERT', 'PUBLIC_KEY_PEM', 'KEY'];

/** The raw public key of an Ed25519 pair (the last 32 bytes of its SPKI). */
const rawEd25519 = ed25519.publicKey.export({ type: 'spki', format: 'der' }).subarray(-32);
/** The uncompressed point of a P-256 pair (the last 65 bytes of its SPKI). */
const rawP256 = p256.publicKey.export({ type: 'spki', format: 'der' }).subarray(-65);

function expectNotShown(found: SecretHit | undefined, secret: string): void {
  const output = JSON.stringify(found);
  for (let start = 0; start + 8 <= secret.length; start += 4)
    expect(output).not.toContain(secret.slice(start, start + 8));
}

describe('public keys and certificates are no secrets', () => {
  it('have the SubjectPublicKeyInfo prefixes the review named (checked on keys made here)', () => {
    expect(spki(rsa.publicKey)).toMatch(/^MIIBIjANBgkqhkiG9w0BAQEFAAOC/);
    expect(spki(p256.publicKey)).toMatch(/^MFkwEwYHKoZIzj0CAQ/);
    expect(spki(ed25519.publicKey)).toMatch(/^MCowBQYDK2Vw/);
  });

  it.each([
    ['RSA 2048', rsa.publicKey],
    ['EC P-256', p256.publicKey],
    ['EC P-384', p384.publicKey],
    ['Ed25519', ed25519.publicKey],
    ['Ed448', ed448.publicKey],
    ['X25519', x25519.publicKey],
  ])('base64 DER %s public key: not reported, by value or under a public key name', (_type, key) => {
    const value = spki(key);
    expect(derKeyMaterial(value)).toBe('public-key');
    expect(benignReason(value)).toBe('public-key-material');
    expect(detectSecretInValue(value)).toBeUndefined();
    for (const name of PUBLIC_NAMES) expect(detectSecretInNamedValue(name, value), name).toBeUndefined();
  });

  it('tells a key cut short by its header (the review: a value pasted truncated)', () => {
    const truncated = spki(rsa.publicKey).slice(0, 110);
    expect(derKeyMaterial(truncated)).toBe('public-key');
    expect(detectSecretInNamedValue('JWT_PUBLIC_KEY', truncated)).toBeUndefined();
  });

  it('tells PEM public keys, certificates and certificate requests by their header', () => {
    const pem = rsa.publicKey.export({ type: 'spki', format: 'pem' }).toString();
    const pkcs1 = rsa.publicKey.export({ type: 'pkcs1', format: 'pem' }).toString();
    const body = fake(3, 64, BASE64);
    for (const value of [
      pem,
      pkcs1,
      pem.replaceAll('\n', '\\n'),
      `-----BEGIN CERTIFICATE-----\n${body}\n-----END CERTIFICATE-----`,
      `-----BEGIN CERTIFICATE REQUEST-----\n${body}\n-----END CERTIFICATE REQUEST-----`,
    ]) {
      expect(benignReason(value), value).toBe('public-key-material');
      for (const name of PUBLIC_NAMES) expect(detectSecretInNamedValue(name, value), name).toBeUndefined();
    }
  });

  it('tells a base64 DER certificate by its version field', () => {
    // SEQUENCE (370 bytes) { SEQUENCE { [0] { INTEGER 2 } (v3), INTEGER serial … } … }, as openssl writes one.
    const header = Buffer.from('308201723082011aa003020102021415', 'hex');
    const certificate = Buffer.concat([header, Buffer.from(fake(5, 358), 'latin1')]).toString('base64');
    expect(derKeyMaterial(certificate)).toBe('certificate');
    expect(detectSecretInNamedValue('CA_CERT', certificate)).toBeUndefined();
  });

  it('tells OpenSSH public keys whose base64 names their type', () => {
    const edLine = sshLine('ssh-ed25519', [rawEd25519]);
    const ecLine = sshLine('ecdsa-sha2-nistp256', [Buffer.from('nistp256'), rawP256]);
    for (const value of [edLine, ecLine, `${edLine}\n${ecLine}`]) {
      expect(isPublicKeyMaterial(value), value).toBe(true);
      expect(detectSecretInNamedValue('DEPLOY_PUBKEY', value)).toBeUndefined();
    }
    // A key type and a blob of another type: not an OpenSSH key.
    expect(isPublicKeyMaterial(edLine.replace('ssh-ed25519', 'ssh-rsa'))).toBe(false);
  });

  it('excuses no value with more after the key, nor a random string that starts like one', () => {
    const appended = `${spki(ed25519.publicKey).replace(/=+$/, '')}${fake(6, 40)}`;
    expect(derKeyMaterial(appended)).toBeUndefined();
    expect(benignReason(appended)).toBeUndefined();
    const random = join('MII', fake(7, 60));
    expect(derKeyMaterial(random)).toBeUndefined();
    expect(detectSecretInValue(random)?.kind).toBe('high-entropy-string');
  });
});

describe('private keys still fail', () => {
  it.each([
    ['RSA 2048', rsa.privateKey],
    ['EC P-256', p256.privateKey],
    ['Ed25519', ed25519.privateKey],
  ])('base64 PKCS#8 %s private key: a private key, under any name, never shown', (_type, key) => {
    const value = pkcs8(key);
    expect(derKeyMaterial(value)).toBe('private-key');
    for (const name of ['JWT_PUBLIC_KEY', 'SIGNING_KEY', 'X']) {
      const found = detectSecretInNamedValue(name, value);
      expect(found, name).toMatchObject({
        kind: 'private-key',
        description: 'private key (base64 DER, no PEM header)',
        confidence: 'high',
      });
      expectNotShown(found, value);
    }
  });

  it('has the PKCS#8 prefix the review named (checked on a key made here)', () => {
    // (Not `AgEAMA0GCSqGSIb3DQEBAQUABIIE`, as the review wrote: that is the same bytes at another base64 offset.)
    expect(pkcs8(rsa.privateKey).slice(0, 32)).toMatch(/^MII.{3}IBADANBgkqhkiG9w0BAQEFAASC$/);
  });

  it('finds PKCS#1 RSA and SEC 1 EC private keys too, and one inside other text', () => {
    const pkcs1 = rsa.privateKey.export({ type: 'pkcs1', format: 'der' }).toString('base64');
    const sec1 = p256.privateKey.export({ type: 'sec1', format: 'der' }).toString('base64');
    expect(derKeyMaterial(pkcs1)).toBe('private-key');
    expect(derKeyMaterial(sec1)).toBe('private-key');
    expect(detectSecretInValue(`key=${sec1};alg=ES256`)?.kind).toBe('private-key');
  });

  it('fails a PEM private key under a public key name, and a bundle of a certificate and its key', () => {
    const key = fakePem(8);
    expect(detectSecretInNamedValue('JWT_PUBLIC_KEY', key)?.kind).toBe('private-key');
    const bundle = `-----BEGIN CERTIFICATE-----\n${fake(9, 64, BASE64)}\n-----END CERTIFICATE-----\n${key}`;
    expect(detectSecretInNamedValue('TLS_CERT', bundle)?.kind).toBe('private-key');
    for (const type of ['EC ', 'OPENSSH ', '']) {
      expect(detectSecretInNamedValue('PUBLIC_KEY', fakePem(10, type))?.kind, type).toBe('private-key');
    }
  });
});

describe('private keys without their PEM header are named as private keys', () => {
  /** What `-----BEGIN ENCRYPTED PRIVATE KEY-----` holds: a PKCS#8 EncryptedPrivateKeyInfo, made here. */
  const encrypted = (key: KeyObject, cipher: string) =>
    key
      .export({ type: 'pkcs8', format: 'der', cipher, passphrase: 'not-written-anywhere' })
      .toString('base64');

  it.each([
    ['RSA 2048, AES-256-CBC', rsa.privateKey, 'aes-256-cbc'],
    ['EC P-256, AES-128-CBC', p256.privateKey, 'aes-128-cbc'],
    ['Ed25519, AES-256-CBC', ed25519.privateKey, 'aes-256-cbc'],
  ])(
    'an encrypted PKCS#8 %s body: an encrypted private key, under any name, never shown',
    (_type, key, cipher) => {
      const value = encrypted(key, cipher);
      expect(derKeyMaterial(value)).toBe('encrypted-private-key');
      expect(benignReason(value)).toBeUndefined();
      for (const name of ['TLS_KEY', 'JWT_PUBLIC_KEY', 'X']) {
        const found = detectSecretInNamedValue(name, value);
        expect(found, name).toMatchObject({
          kind: 'private-key',
          description: 'encrypted private key (base64 DER, no PEM header)',
          confidence: 'high',
        });
        expectNotShown(found, value);
      }
    },
  );

  it('reads one wrapped in lines as PEM writes it, its first line the start of one, and inside other text', () => {
    const value = encrypted(rsa.privateKey, 'aes-256-cbc');
    const wrapped = (value.match(/.{1,64}/g) ?? []).join('\n');
    expect(derKeyMaterial(value.slice(0, 64))).toBe('encrypted-private-key-start');
    for (const text of [wrapped, wrapped.replaceAll('\n', '\\n'), `key=${value};alg=RS256`]) {
      const found = detectSecretInValue(text);
      expect(found?.description).toBe('encrypted private key (base64 DER, no PEM header)');
      expectNotShown(found, value);
    }
  });

  it('names no other SEQUENCE of an algorithm and an OCTET STRING an encrypted key', () => {
    // SEQUENCE { SEQUENCE { OID sha256 2.16.840.1.101.3.4.2.1, NULL }, OCTET STRING (32 bytes) }: a DigestInfo.
    const digestInfo = Buffer.concat([
      Buffer.from('3031300d060960864801650304020105000420', 'hex'),
      Buffer.from(fake(13, 32), 'latin1'),
    ]).toString('base64');
    expect(derKeyMaterial(digestInfo)).toBeUndefined();
  });

  it.each([
    ['none', 'private-key', 'OpenSSH private key (base64, no PEM header)'],
    ['aes256-ctr', 'encrypted-private-key', 'encrypted OpenSSH private key (base64, no PEM header)'],
    [
      'chacha20-poly1305@openssh.com',
      'encrypted-private-key',
      'encrypted OpenSSH private key (base64, no PEM header)',
    ],
  ])('an OpenSSH key body with cipher %s: its first bytes say what it is', (cipher, kind, description) => {
    const value = openSshPrivateBody(cipher, 14);
    expect(value).toMatch(/^b3BlbnNzaC1rZXktdjEAAAAA/);
    expect(opensshKeyMaterial(value)).toBe(kind);
    const wrapped = (value.match(/.{1,70}/g) ?? []).join('\n');
    for (const text of [value, wrapped]) {
      const found = detectSecretInNamedValue('DEPLOY_KEY', text);
      expect(found).toMatchObject({ kind: 'private-key', description, confidence: 'high' });
      expectNotShown(found, value);
    }
  });

  it('names no OpenSSH key where the magic is cut short, wrong, or has no body after it', () => {
    expect(opensshKeyMaterial('b3BlbnNzaC1rZXktdjE')).toBeUndefined();
    // `openssh-key-v1X`: the magic without its NUL.
    const wrong = Buffer.concat([Buffer.from('openssh-key-v1X'), Buffer.from(fake(15, 60), 'latin1')]);
    expect(opensshKeyMaterial(wrong.toString('base64'))).toBeUndefined();
    expect(detectSecretInValue(wrong.toString('base64'))?.kind).not.toBe('private-key');
    // The prefix alone, as documentation quotes it: a header without a body (random to the eye, no more).
    expect(detectSecretInValue('b3BlbnNzaC1rZXktdjEAAAAA')?.kind).toBe('high-entropy-string');
  });
});

describe('a public PEM block is public only as far as it goes', () => {
  const certificate = `-----BEGIN CERTIFICATE-----\n${fake(11, 64, BASE64)}\n-----END CERTIFICATE-----`;
  const publicKey = rsa.publicKey.export({ type: 'spki', format: 'pem' }).toString().trim();
  const PASSWORD = 'CorrectHorseBatteryStaple9';

  it('keeps what is written outside the blocks, and nothing of a value made of them alone', () => {
    expect(outsidePublicPem(`${certificate}\n${PASSWORD}\n`)).toBe(PASSWORD);
    expect(outsidePublicPem(`${certificate}\n${publicKey}`)).toBe('');
    expect(outsidePublicPem(`note\n${certificate}\n${PASSWORD}`).split(/\s+/)).toEqual(['note', PASSWORD]);
    // Line breaks written out, as in a JSON string or a single-quoted YAML one.
    expect(outsidePublicPem(`${certificate}\n${PASSWORD}`.replaceAll('\n', '\\n'))).toBe(PASSWORD);
    // Cut short with no END line: its base64 body runs to the end; text that is not base64 stays.
    expect(outsidePublicPem('-----BEGIN CERTIFICATE-----\nMIIB')).toBe('');
    expect(outsidePublicPem(PASSWORD)).toBe(PASSWORD);
  });

  it('excuses a bundle of certificates, but no certificate with more after it', () => {
    expect(benignReason(`${certificate}\n${certificate}\n${publicKey}`)).toBe('public-key-material');
    expect(isPublicKeyMaterial(`${certificate}\n${PASSWORD}`)).toBe(false);
    expect(benignReason(`${certificate}\n${PASSWORD}`)).toBeUndefined();
  });

  it('fails a password after a certificate under a password name, never showing it', () => {
    const value = `${certificate}\n${PASSWORD}`;
    const found = detectSecretInNamedValue('DB_PASSWORD', value);
    expect(found).toEqual({
      kind: 'named-secret',
      description: 'value of a variable named like a password (PASSWORD)',
      confidence: 'medium',
      redacted: `Corr…(${PASSWORD.length} chars)`,
    });
    expect(JSON.stringify(found)).not.toContain(PASSWORD.slice(4, 10));
    expect(detectSecretInNamedValue('DB_PASSWORD', certificate)).toBeUndefined();
  });

  it('fails a random token after a public key under any name, and passes a plain note there', () => {
    const token = fake(12, 40);
    expect(detectSecretInValue(`${publicKey}\n${token}`)?.kind).toBe('high-entropy-string');
    expect(detectSecretInNamedValue('TLS_CERT', `${publicKey}\n${token}`)?.kind).toBe('high-entropy-string');
    expect(
      detectSecretInNamedValue('TLS_CERT', `${certificate}\n# issued by the internal CA`),
    ).toBeUndefined();
  });

  it('fails private key material anywhere in the value: in a public block, between blocks, after them', () => {
    const der = pkcs8(rsa.privateKey);
    const pem = rsa.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    for (const value of [
      `-----BEGIN PUBLIC KEY-----\n${der}\n-----END PUBLIC KEY-----`,
      `${certificate}\n${pem}\n${certificate}`,
      `${certificate}\n${der}`,
    ]) {
      const found = detectSecretInNamedValue('TLS_CERT', value);
      expect(found?.kind).toBe('private-key');
      expectNotShown(found, der);
    }
  });
});
