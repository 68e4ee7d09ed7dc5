import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { detectSecretInNamedValue, detectSecretInValue } from '../../src/secrets/index.js';
import { derKeyMaterial } from '../../src/secrets/key-material.js';
import { opensslCertificateBundles, wrap } from './certificate-fixtures.js';
import { fake, showsSecret } from './fixtures.js';

/** Names that say secret, key store or password: a certificate bundle is often stored under one of them. */
const SECRET_NAMES = ['SSL_SECRET', 'TLS_KEY_STORE', 'CA_BUNDLE_SECRET', 'DB_PASSWORD', 'X'];

const bundles = opensslCertificateBundles();

/** Passes under every name of SECRET_NAMES, and by its look alone. */
function expectPasses(value: string): void {
  for (const name of SECRET_NAMES) expect(detectSecretInNamedValue(name, value), name).toBeUndefined();
  expect(detectSecretInValue(value)).toBeUndefined();
}

/** Fails under a secret's name as the value of that name, as any value there it cannot read, never shown. */
function expectFailsByName(value: string, secret = value): void {
  const found = detectSecretInNamedValue('SSL_SECRET', value);
  expect(found).toMatchObject({
    kind: 'named-secret',
    description: 'value of a variable named like a secret (SECRET)',
  });
  expect(showsSecret(found, secret)).toBe(false);
}

describe('a certificate bundle read and shown to hold certificates alone passes, whatever its name', () => {
  it('passes a PEM bundle of certificates (a CA bundle), its line breaks written out as \\n too', () => {
    expectPasses(bundles.pem);
    expectPasses(bundles.pem.replaceAll('\n', '\\n'));
  });

  it('passes a PKCS#12 store of certificates alone whose bags can be read, wrapped in lines however they are joined', () => {
    for (const value of [
      wrap(bundles.pkcs12, 64),
      wrap(bundles.pkcs12, 76),
      wrap(bundles.pkcs12, 64).replaceAll('\n', '\\n'),
      wrap(bundles.pkcs12, 64).replaceAll('\n', '\n    '),
      wrap(bundles.pkcs12, 64).replaceAll('\n', ' '),
    ]) {
      expectPasses(value);
    }
  });

  it('passes a certificate and a public key in base64 DER wrapped in lines (a PEM body without its armour)', () => {
    const body = bundles.pem.split('-----')[2]?.trim() ?? '';
    expect(derKeyMaterial(body.replaceAll('\n', ''))).toBe('certificate');
    expectPasses(body);
    const publicKey = generateKeyPairSync('rsa', { modulusLength: 2048 })
      .publicKey.export({ type: 'spki', format: 'der' })
      .toString('base64');
    expect(derKeyMaterial(publicKey)).toBe('public-key');
    expectPasses(wrap(publicKey, 64));
    expectPasses(wrap(publicKey, 64).replaceAll('\n', '\\n'));
  });

  it('passes a PKCS#7 bundle of certificates (crl2pkcs7), PEM or base64 DER, on one line or wrapped', () => {
    expect(bundles.pkcs7Pem.startsWith('-----BEGIN PKCS7-----')).toBe(true);
    expect(derKeyMaterial(bundles.pkcs7Der)).toBe('certificate-store');
    for (const value of [
      bundles.pkcs7Pem,
      bundles.pkcs7Pem.replaceAll('\n', '\\n'),
      bundles.pkcs7Der,
      wrap(bundles.pkcs7Der, 64),
    ]) {
      expectPasses(value);
    }
  });

  it('passes what certificate tools write beside the blocks: openssl pkcs12 -nokeys, a cacert.pem header', () => {
    expect(bundles.printedPkcs12).toMatch(
      /^Bag Attributes[^\n]*\nsubject=[^\n]+\nissuer=[^\n]+\n-----BEGIN CERTIFICATE-----/,
    );
    expectPasses(bundles.printedPkcs12);
    const [first, second] = bundles.pem.split(/(?<=-----END CERTIFICATE-----\n)/);
    const caBundle =
      '##\n## Bundle of CA Root Certificates\n##\n## SHA256: ' +
      `${fake(3, 64, '0123456789abcdef')}\n##\n\nParapet Test Root A\n===================\n${first}\n` +
      `Parapet Test Root B\n===================\n${second}`;
    expectPasses(caBundle);
    const attributes = `Bag Attributes\n    localKeyID: 01 00 00 00 \n    friendlyName: test root\n${bundles.pem}`;
    expectPasses(attributes);
  });
});

describe('a bundle it cannot read, or text beside one that is no annotation, is judged as before', () => {
  it('fails a PKCS#12 store of certificates whose bags are encrypted under a secret name, wrapped or not', () => {
    expectFailsByName(bundles.pkcs12Encrypted);
    expectFailsByName(wrap(bundles.pkcs12Encrypted, 64), bundles.pkcs12Encrypted.slice(0, 64));
  });

  it('fails a PKCS#7 message with its content in it, and a bundle cut short, under a secret name', () => {
    expect(bundles.signedMessagePem.startsWith('-----BEGIN PKCS7-----')).toBe(true);
    expectFailsByName(bundles.signedMessagePem);
    const cut = bundles.pkcs7Pem.split('\n').slice(0, 4).join('\n');
    expectFailsByName(cut);
    expect(derKeyMaterial(bundles.pkcs7Der.slice(0, 64))).toBeUndefined();
  });

  it('fails a password or a token beside the blocks, in a comment, as a title or as an attribute outside a bag', () => {
    const password = 'Corr3ct-Horse-Battery';
    for (const beside of [
      password,
      `#${password}`,
      `  password: ${password}`,
      `subject=${password}\n${password}`,
    ]) {
      const found = detectSecretInNamedValue('DB_PASSWORD', `${bundles.pem}${beside}`);
      expect(found, beside).toMatchObject({ kind: 'named-secret' });
      expect(showsSecret(found, password), beside).toBe(false);
    }
    const token = fake(7, 40);
    for (const beside of [`# ${token}`, `Bag Attributes\n    friendlyName: ${token}`]) {
      const found = detectSecretInNamedValue('SSL_SECRET', `${beside}\n${bundles.pem}`);
      expect(found, beside).toMatchObject({ kind: 'named-secret' });
      expect(showsSecret(found, token), beside).toBe(false);
    }
  });
});
