import { describe, expect, it } from 'vitest';
import { detectSecretInNamedValue, detectSecretInValue } from '../../src/secrets/index.js';
import { derKeyMaterial } from '../../src/secrets/key-material.js';
import { fake, showsSecret } from './fixtures.js';
import {
  BAG,
  der,
  FAKE_CERT_BAG_VALUE,
  opensslPkcs12,
  pfx,
  RUN_ENCRYPTED_PKCS8,
  RUN_PKCS8,
  safeBag,
} from './pkcs12-fixtures.js';

const KEY_STORE = {
  kind: 'private-key',
  description: 'PKCS#12 key store holding a private key (base64)',
  confidence: 'high',
};

/** Named a key store under any name, a public key's or a certificate's too, and never shown. */
function expectKeyStore(value: string, secret = value): void {
  for (const name of ['KEYSTORE', 'TLS_CERT', 'X']) {
    const found = detectSecretInNamedValue(name, value);
    expect(found, name).toMatchObject(KEY_STORE);
    expect(showsSecret(found, secret), name).toBe(false);
  }
  expect(detectSecretInValue(value)).toMatchObject(KEY_STORE);
}

/** Base64 wrapped in lines of `width`, as `openssl base64` (64) and `base64` (76) write it. */
const wrap = (text: string, width: number) => (text.match(new RegExp(`.{1,${width}}`, 'g')) ?? []).join('\n');

/** The bytes up to the end of the first key bag's id (tag, length and 11 bytes of OID). */
function keyBagIdEnd(store: Buffer): number {
  const shrouded = store.indexOf(Buffer.from('060b2a864886f70d010c0a0102', 'hex'));
  const plain = store.indexOf(Buffer.from('060b2a864886f70d010c0a0101', 'hex'));
  return Math.max(shrouded, plain) + 13;
}

/** openssl's key store made with `args` (`.ci/run` installs openssl where it is missing: these tests never skip). */
const made = (...args: string[]) => opensslPkcs12(...args);

describe('PKCS#12 key stores made by openssl pkcs12 -export', () => {
  const withCertificate = made();

  it('opens as a PFX does (version 3, then pkcs7-data)', () => {
    expect(Buffer.from(withCertificate, 'base64').subarray(0, 24).toString('hex')).toMatch(
      /^3082....0201033082....06092a864886f70d010701/,
    );
  });

  it.each([
    ['a key and its certificate', withCertificate],
    ['a key alone (-nocerts)', made('-nocerts')],
    ['a key not encrypted (-keypbe NONE)', made('-keypbe', 'NONE')],
  ])('names %s a key store holding a private key (high), never shown', (_what, value) => {
    expect(derKeyMaterial(value)).toBe('key-store');
    expectKeyStore(value);
  });

  it('names one wrapped in lines, also written out as \\n and indented, by its lines joined', () => {
    for (const value of [
      wrap(withCertificate, 64),
      wrap(withCertificate, 76),
      wrap(withCertificate, 64).replaceAll('\n', '\\n'),
      wrap(withCertificate, 64).replaceAll('\n', '\n  '),
    ]) {
      expectKeyStore(value, withCertificate);
    }
  });

  it('names one cut short only where the bytes kept hold a key bag; before, it is random-looking', () => {
    const end = keyBagIdEnd(Buffer.from(withCertificate, 'base64'));
    const digits = Math.ceil((end * 4) / 3);
    expect(derKeyMaterial(withCertificate.slice(0, digits))).toBe('key-store');
    const before = withCertificate.slice(0, digits - 1);
    expect(derKeyMaterial(before)).toBe('unread-store');
    expect(detectSecretInValue(before)).toMatchObject({ kind: 'high-entropy-string', confidence: 'medium' });
  });

  it('keeps failing a store of certificates alone whose bags are encrypted (-nokeys): random-looking', () => {
    // openssl encrypts the certificates' bags by default (pkcs7-encryptedData): what they hold cannot be read.
    const certificates = made('-nokeys');
    expect(Buffer.from(certificates, 'base64').includes(Buffer.from('2a864886f70d010706', 'hex'))).toBe(true);
    expect(derKeyMaterial(certificates)).toBe('unread-store');
    for (const found of [
      detectSecretInValue(certificates),
      detectSecretInNamedValue('TRUSTSTORE', certificates),
    ]) {
      expect(found).toMatchObject({ kind: 'high-entropy-string', confidence: 'medium' });
      expect(showsSecret(found, certificates)).toBe(false);
    }
  });

  it('passes a store of certificates alone whose bags can be read (-nokeys -certpbe NONE): nothing secret', () => {
    const certificates = made('-nokeys', '-certpbe', 'NONE');
    expect(derKeyMaterial(certificates)).toBe('certificate-store');
    expect(detectSecretInValue(certificates)).toBeUndefined();
    for (const name of ['TRUSTSTORE', 'TLS_CERT', 'X']) {
      expect(detectSecretInNamedValue(name, certificates), name).toBeUndefined();
    }
    // More appended to it: not the store alone, judged by its look.
    const appended = `${certificates.replace(/=+$/, '')}${fake(43, 40)}`;
    expect(derKeyMaterial(appended)).toBeUndefined();
    expect(detectSecretInValue(appended)?.kind).toBe('high-entropy-string');
  });

  it('does not name one with more appended to it', () => {
    const appended = `${withCertificate.replace(/=+$/, '')}QUFBQUFB`;
    expect(derKeyMaterial(appended)).toBeUndefined();
  });
});

describe('PKCS#12 key stores read by their structure (RFC 7292), built here', () => {
  it.each([
    ['pkcs8ShroudedKeyBag', safeBag(BAG.shroudedKey, RUN_ENCRYPTED_PKCS8)],
    ['keyBag', safeBag(BAG.key, RUN_PKCS8)],
  ])('names a PFX with a %s a key store, its length definite or indefinite (BER)', (_bag, bag) => {
    for (const indefinite of [false, true]) {
      const value = pfx([safeBag(BAG.cert, FAKE_CERT_BAG_VALUE), bag], indefinite).toString('base64');
      expect(derKeyMaterial(value), String(indefinite)).toBe('key-store');
      expectKeyStore(value);
    }
  });

  it('reads a value of many lines that each open a key store once (a linear scan)', () => {
    const line = pfx([safeBag(BAG.shroudedKey, RUN_ENCRYPTED_PKCS8)])
      .toString('base64')
      .slice(0, 64);
    const value = Array.from({ length: 20_000 }, () => line).join('\n');
    const start = performance.now();
    expect(detectSecretInValue(value)?.kind).not.toBe('private-key');
    expect(performance.now() - start).toBeLessThan(1000);
  });

  it('names a PFX of certificate bags alone, read whole, a store of certificates: nothing secret', () => {
    const value = pfx([safeBag(BAG.cert, FAKE_CERT_BAG_VALUE), safeBag(BAG.cert, FAKE_CERT_BAG_VALUE)]);
    expect(derKeyMaterial(value.toString('base64'))).toBe('certificate-store');
    expect(detectSecretInValue(value.toString('base64'))).toBeUndefined();
    // Cut short, its bags are not all there to read.
    expect(derKeyMaterial(value.toString('base64').slice(0, 200))).toBe('unread-store');
  });

  it('does not take a store for certificates alone beside a bag of another kind, or in BER (not read)', () => {
    const secretBag = der(
      0x30,
      der(0x06, Buffer.from('2a864886f70d010c0a0105', 'hex')),
      der(0xa0, RUN_PKCS8),
    );
    for (const value of [
      pfx([safeBag(BAG.cert, FAKE_CERT_BAG_VALUE), secretBag]),
      pfx([safeBag(BAG.cert, FAKE_CERT_BAG_VALUE)], true),
      pfx([]),
    ]) {
      expect(derKeyMaterial(value.toString('base64')), value.toString('hex', 0, 8)).toBe('unread-store');
    }
  });

  it('names no SEQUENCE of another version, or of another content type, however it continues', () => {
    const store = pfx([safeBag(BAG.shroudedKey, RUN_ENCRYPTED_PKCS8)]);
    const version2 = Buffer.from(store);
    version2[version2.indexOf(Buffer.from('020103', 'hex')) + 2] = 2;
    expect(derKeyMaterial(version2.toString('base64'))).toBeUndefined();
    // pkcs7-envelopedData (1.2.840.113549.1.7.3) is no authSafe content type.
    const enveloped = Buffer.from(store);
    const type = enveloped.indexOf(Buffer.from('2a864886f70d010701', 'hex'));
    enveloped[type + 8] = 3;
    expect(derKeyMaterial(enveloped.toString('base64'))).toBeUndefined();
  });
});
