/**
 * PKCS#12 key stores for the tests: made by `openssl pkcs12 -export` at run time (the tests need openssl: `.ci/run`
 * installs it where it is missing), and
 * built here from their ASN.1 structure (RFC 7292) everywhere, around keys made for the run. None is written
 * anywhere, and no password opens them that is not in this file.
 */
import { execFileSync } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fake } from './fixtures.js';

/**
 * `openssl pkcs12 -export` of a throwaway EC key and its self-signed certificate, with `args` (`-nocerts`,
 * `-nokeys`, `-keypbe NONE`), as base64 on one line.
 */
export function opensslPkcs12(...args: string[]): string {
  const dir = mkdtempSync(join(tmpdir(), 'parapet-p12-'));
  try {
    const key = join(dir, 'key.pem');
    const cert = join(dir, 'cert.pem');
    const store = join(dir, 'store.p12');
    const run = (command: string[]) => execFileSync('openssl', command, { stdio: 'pipe' });
    run(['ecparam', '-name', 'prime256v1', '-genkey', '-noout', '-out', key]);
    run(['req', '-x509', '-new', '-key', key, '-out', cert, '-days', '1', '-subj', '/CN=parapet-test']);
    run([
      'pkcs12',
      '-export',
      '-inkey',
      key,
      '-in',
      cert,
      '-passout',
      'pass:not-written-anywhere',
      '-out',
      store,
      ...args,
    ]);
    return readFileSync(store).toString('base64');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** A DER element: `tag`, its definite length, `content`. */
export function der(tag: number, ...content: Buffer[]): Buffer {
  const body = Buffer.concat(content);
  const size = body.length;
  const length =
    size < 0x80
      ? Buffer.from([size])
      : size < 0x100
        ? Buffer.from([0x81, size])
        : Buffer.from([0x82, size >> 8, size & 0xff]);
  return Buffer.concat([Buffer.from([tag]), length, body]);
}

const SEQUENCE = 0x30;
const oid = (hex: string) => der(0x06, Buffer.from(hex, 'hex'));
const explicit0 = (...content: Buffer[]) => der(0xa0, ...content);
const octets = (...content: Buffer[]) => der(0x04, ...content);
/** A pkcs7-data ContentInfo (1.2.840.113549.1.7.1) around `content`. */
const dataContentInfo = (content: Buffer) =>
  der(SEQUENCE, oid('2a864886f70d010701'), explicit0(octets(content)));

/** The SafeBag ids of RFC 7292 §4.2 (1.2.840.113549.1.12.10.1.x), by their last arc. */
export const BAG = { key: '01', shroudedKey: '02', cert: '03' } as const;

/** A SafeBag: its id, its value under [0]. */
export function safeBag(bag: (typeof BAG)[keyof typeof BAG], value: Buffer): Buffer {
  return der(SEQUENCE, oid(`2a864886f70d010c0a01${bag}`), explicit0(value));
}

/**
 * A PFX (RFC 7292 §4) of `bags` in one plain SafeContents, and a MacData of pseudo-random bytes; `indefinite`: its
 * outer SEQUENCE with BER's indefinite length, as some tools write it.
 */
export function pfx(bags: readonly Buffer[], indefinite = false): Buffer {
  const authenticatedSafe = der(SEQUENCE, dataContentInfo(der(SEQUENCE, ...bags)));
  const macData = der(SEQUENCE, Buffer.from(fake(41, 40, BYTES), 'latin1'));
  const content = [der(0x02, Buffer.from([3])), dataContentInfo(authenticatedSafe), macData];
  if (!indefinite) return der(SEQUENCE, ...content);
  return Buffer.concat([Buffer.from([SEQUENCE, 0x80]), ...content, Buffer.from([0, 0])]);
}

const BYTES = String.fromCharCode(...Array.from({ length: 256 }, (_, code) => code));

/** A key made for the run: its PKCS#8, and the same encrypted (a pkcs8ShroudedKeyBag's value). */
const runKey = generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey;
export const RUN_PKCS8 = runKey.export({ type: 'pkcs8', format: 'der' });
export const RUN_ENCRYPTED_PKCS8 = runKey.export({
  type: 'pkcs8',
  format: 'der',
  cipher: 'aes-256-cbc',
  passphrase: 'not-written-anywhere',
});

/** A certBag's value: x509Certificate (1.2.840.113549.1.9.22.1) and pseudo-random bytes standing for one. */
export const FAKE_CERT_BAG_VALUE = der(
  SEQUENCE,
  oid('2a864886f70d01091601'),
  explicit0(octets(Buffer.from(fake(42, 300, BYTES), 'latin1'))),
);
