import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { detectSecretInNamedValue, detectSecretInValue } from '../../src/secrets/index.js';
import { derKeyMaterial } from '../../src/secrets/key-material.js';
import { BASE64, fake, showsSecret } from './fixtures.js';

/** What `-----BEGIN ENCRYPTED PRIVATE KEY-----` holds (PBES2, AES-256-CBC), made for the run: never written. */
const der = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({
  type: 'pkcs8',
  format: 'der',
  cipher: 'aes-256-cbc',
  passphrase: 'not-written-anywhere',
});
const encrypted = der.toString('base64');

/** The base64 digits that hold the first `bytes` bytes whole. */
const digitsFor = (bytes: number) => Math.ceil((bytes * 4) / 3);

describe('an encrypted PKCS#8 body cut short is named only by the bytes it holds', () => {
  // SEQUENCE (4 bytes of header), the algorithm's SEQUENCE (2), PBES2's OID 1.2.840.113549.1.5.13 (2 + 9).
  const oidEnd = 4 + 2 + 2 + 9;

  it('has the header it is read by (checked on a key made here)', () => {
    expect(der.subarray(4, oidEnd).toString('hex')).toBe('305706092a864886f70d01050d');
    expect(digitsFor(oidEnd)).toBe(23);
  });

  it('names it the start of one from the first cut that holds the OID whole, and the whole body a key', () => {
    // Up to the digits that hold every byte: a cut of only the `=` padding after them still holds the whole key (the
    // key's length varies from run to run, so whether it ends in padding does too).
    for (let length = digitsFor(oidEnd); length < digitsFor(der.length); length += 1) {
      expect(derKeyMaterial(encrypted.slice(0, length)), String(length)).toBe('encrypted-private-key-start');
    }
    expect(derKeyMaterial(encrypted)).toBe('encrypted-private-key');
    expect(derKeyMaterial(encrypted.replace(/=+$/, ''))).toBe('encrypted-private-key');
    const found = detectSecretInNamedValue('TLS_KEY', encrypted.slice(0, 64));
    expect(found).toEqual({
      kind: 'private-key',
      description: 'the start of an encrypted private key, cut short (base64 DER, no PEM header)',
      confidence: 'medium',
      redacted: `${encrypted.slice(0, 4)}…(64 chars)`,
    });
    expect(showsSecret(found, encrypted)).toBe(false);
  });

  it('names one wrapped in lines whole by its lines joined, and its last line cut off the start of one', () => {
    const lines = encrypted.match(/.{1,64}/g) ?? [];
    for (const join of ['\n', '\\n', '\n    ', ' ']) {
      expect(detectSecretInValue(lines.join(join))).toMatchObject({
        description: 'encrypted private key (base64 DER, no PEM header)',
        confidence: 'high',
      });
      expect(detectSecretInValue(lines.slice(0, -1).join(join))).toMatchObject({
        description: 'the start of an encrypted private key, cut short (base64 DER, no PEM header)',
        confidence: 'medium',
      });
    }
  });

  it('falls back to the random-looking rule where the cut falls inside the OID', () => {
    for (let length = 16; length < digitsFor(oidEnd); length += 1) {
      const text = encrypted.slice(0, length);
      expect(derKeyMaterial(text), text).toBeUndefined();
      expect(detectSecretInValue(text)?.kind, text).not.toBe('private-key');
    }
    const header = encrypted.slice(0, 22);
    expect(detectSecretInValue(header)).toEqual({
      kind: 'high-entropy-string',
      description: 'long random-looking string (possibly a key or token)',
      confidence: 'medium',
      redacted: `${header.slice(0, 4)}…(22 chars)`,
    });
  });

  it('names nothing whose bytes after the OID are not its parameters: random text after the header', () => {
    for (const seed of [1, 2, 3, 4, 5]) {
      const text = `${encrypted.slice(0, 24)}${fake(seed, 40, BASE64)}`;
      expect(derKeyMaterial(text), text).toBeUndefined();
      expect(detectSecretInValue(text)?.kind, text).toBe('high-entropy-string');
    }
  });

  it('names nothing whose parameters end elsewhere than the algorithm, or that has no parameters', () => {
    // The parameters' SEQUENCE one byte shorter than the algorithm leaves room for.
    const shortParameters = Buffer.from(der);
    expect(shortParameters[oidEnd]).toBe(0x30);
    shortParameters[oidEnd + 1] = (shortParameters[oidEnd + 1] ?? 0) - 1;
    expect(derKeyMaterial(shortParameters.toString('base64'))).toBeUndefined();
    expect(derKeyMaterial(shortParameters.toString('base64').slice(0, 64))).toBeUndefined();
    // SEQUENCE { SEQUENCE { OID PBES2 }, OCTET STRING }: PBES2 without its parameters.
    const bare = Buffer.concat([
      Buffer.from('3081a3300b06092a864886f70d01050d048193', 'hex'),
      Buffer.from(fake(6, 0x93, BASE64)),
    ]);
    expect(derKeyMaterial(bare.toString('base64'))).toBeUndefined();
  });
});

describe('the start of a private key not encrypted, cut short, is named so (medium), not a private key', () => {
  const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
  const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey;
  const pkcs1 = rsa.export({ type: 'pkcs1', format: 'der' }).toString('base64');
  const sec1 = ec.export({ type: 'sec1', format: 'der' }).toString('base64');
  const pkcs8 = rsa.export({ type: 'pkcs8', format: 'der' }).toString('base64');
  // 138 bytes: base64 with no padding, so a line of base64 after it runs on from its last line.
  const ecPkcs8 = ec.export({ type: 'pkcs8', format: 'der' }).toString('base64');
  const START = {
    kind: 'private-key',
    description: 'the start of a private key, cut short (base64 DER, no PEM header)',
    confidence: 'medium',
  };
  const WHOLE = {
    kind: 'private-key',
    description: 'private key (base64 DER, no PEM header)',
    confidence: 'high',
  };

  it('has the header 2048-bit PKCS#1 RSA keys open with (checked on a key made here)', () => {
    // SEQUENCE (4 bytes of header, its length some 1,190), INTEGER 0, INTEGER of 257 bytes (the modulus): the
    // header bytes compared, never the key (a failure would print it).
    const afterLength = (base64: string) => Buffer.from(base64, 'base64').subarray(4, 12).toString('hex');
    expect(afterLength(pkcs1)).toBe('0201000282010100');
    expect(afterLength('MIIEpAIBAAKCAQEA')).toBe('0201000282010100');
    expect(sec1.startsWith('MHcCAQEE')).toBe(true);
  });

  it.each([
    ['a bare PKCS#1 header (the review’s)', 'MIIEpAIBAAKCAQEA'],
    ['a PKCS#1 header and a little of the modulus', pkcs1.slice(0, 24)],
    ['the first line of a PKCS#1 key', pkcs1.slice(0, 64)],
    ['a SEC 1 header and a few bytes', sec1.slice(0, 20)],
    ['a PKCS#8 header', pkcs8.slice(0, 32)],
    ['all of a PKCS#1 key but its last line', pkcs1.slice(0, pkcs1.length - 64)],
  ])('names %s the start of a key, under any name, never shown', (_what, text) => {
    expect(derKeyMaterial(text)).toBe('private-key-start');
    for (const name of ['X', 'TLS_CERT', 'SIGNING_KEY']) {
      const found = detectSecretInNamedValue(name, text);
      expect(found, name).toMatchObject(START);
      expect(showsSecret(found, text)).toBe(false);
    }
    expect(detectSecretInValue(text)).toMatchObject(START);
  });

  it('names the whole key a private key (high): on one line, or wrapped in lines read joined', () => {
    const wrap = (text: string) => (text.match(/.{1,64}/g) ?? []).join('\n');
    for (const key of [pkcs1, sec1, pkcs8]) {
      expect(derKeyMaterial(key)).toBe('private-key');
      for (const value of [
        key,
        wrap(key),
        wrap(key).replaceAll('\n', '\\n'),
        wrap(key).replaceAll('\n', '\n  '),
        // Its lines joined by spaces or tabs, as a key pasted into a one-line value comes.
        wrap(key).replaceAll('\n', ' '),
        wrap(key).replaceAll('\n', '\t'),
        // A word after its last line, shorter than a whole one, is not read as more of it.
        `${wrap(key).replaceAll('\n', ' ')} is the key`,
      ]) {
        const found = detectSecretInValue(value);
        expect(found, value.slice(0, 20)).toMatchObject(WHOLE);
        expect(showsSecret(found, key)).toBe(false);
      }
    }
  });

  it('names a wrapped key a private key (high) when base64 follows its last line: it is read as far as it spans', () => {
    expect(ecPkcs8.endsWith('=')).toBe(false);
    const wrap = (text: string) => (text.match(/.{1,64}/g) ?? []).join('\n');
    for (const key of [ecPkcs8, pkcs8]) {
      for (const after of ['foo', 'MIIDdzCCAl+gAwIBAgIEAgAAuTANBgkqhkiG9w0BAQUFADBaMQswCQYDVQQGEwJJ']) {
        const found = detectSecretInValue(`${wrap(key)}\n${after}`);
        expect(found, after).toMatchObject(WHOLE);
        expect(showsSecret(found, key)).toBe(false);
      }
    }
  });
});

describe('a PEM private key cut short is named the start of one (medium), a whole one by its BEGIN line (high)', () => {
  const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
  const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey;
  const pems: readonly [string, string][] = [
    [
      'ENCRYPTED',
      rsa
        .export({ type: 'pkcs8', format: 'pem', cipher: 'aes-256-cbc', passphrase: 'not-written-anywhere' })
        .toString(),
    ],
    ['', rsa.export({ type: 'pkcs8', format: 'pem' }).toString()],
    ['RSA', rsa.export({ type: 'pkcs1', format: 'pem' }).toString()],
    ['EC', ec.export({ type: 'sec1', format: 'pem' }).toString()],
  ];

  it.each(pems)(
    'names a %s key by its lines kept, with or without its END line, never showing it',
    (type, pem) => {
      const named = type ? `PEM private key (${type})` : 'PEM private key';
      const lines = pem.trim().split('\n');
      const firstLines = lines.slice(0, 3).join('\n');
      const withoutMiddle = [...lines.slice(0, 2), ...lines.slice(-1)].join('\n');
      for (const value of [firstLines, firstLines.replaceAll('\n', '\\n'), withoutMiddle]) {
        const found = detectSecretInValue(value);
        expect(found, value.slice(0, 40)).toEqual({
          kind: 'private-key',
          description: `the start of a ${named}, cut short`,
          confidence: 'medium',
          redacted: `----…(${value.length} chars)`,
        });
        expect(showsSecret(found, lines[1] ?? '')).toBe(false);
      }
      for (const value of [pem, pem.replaceAll('\n', '\\n'), `${pem}\nrest of the file`]) {
        expect(detectSecretInValue(value)).toMatchObject({ description: named, confidence: 'high' });
      }
    },
  );
});

describe('a PEM private key whose body is only a line of DER is named by its BEGIN line', () => {
  const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
  const body = rsa.export({ type: 'pkcs1', format: 'der' }).toString('base64').slice(0, 16);

  it('names a short PKCS#1 body in RSA armour the start of a PEM private key (RSA), never showing it', () => {
    const value = `-----BEGIN RSA PRIVATE KEY-----\n${body}\n-----END RSA PRIVATE KEY-----`;
    for (const text of [value, value.replaceAll('\n', '\\n')]) {
      const found = detectSecretInValue(text);
      expect(found).toMatchObject({
        kind: 'private-key',
        description: 'the start of a PEM private key (RSA), cut short',
        confidence: 'medium',
      });
      expect(showsSecret(found, body)).toBe(false);
    }
  });

  it('still takes a BEGIN line with a short body that is no key for no secret', () => {
    expect(
      detectSecretInValue('-----BEGIN RSA PRIVATE KEY-----\nAAAAbbbbCCCC\n-----END RSA PRIVATE KEY-----'),
    ).toBeUndefined();
  });
});
