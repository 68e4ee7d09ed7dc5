/**
 * Certificate bundles for the tests, made by openssl at run time around throwaway EC keys (`.ci/run` installs openssl
 * where it is missing): two self-signed certificates in PEM (`O=Parapet Test, CN=Parapet Test Root A` and `… Root
 * B`), the same as a PKCS#7 bundle (`openssl crl2pkcs7`) and as a PKCS#12 store of certificates alone, a message
 * signed with its content in it, and what openssl prints beside a certificate. Nothing is written anywhere.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface CertificateBundles {
  /** Two certificates, PEM. */
  readonly pem: string;
  /** The two as `-----BEGIN PKCS7-----` (crl2pkcs7 -nocrl), and its body as base64 DER on one line. */
  readonly pkcs7Pem: string;
  readonly pkcs7Der: string;
  /** The two in a PKCS#12 store, bags not encrypted (`-nokeys -certpbe NONE`), base64 on one line. */
  readonly pkcs12: string;
  /** The two in a PKCS#12 store, bags encrypted (openssl's `-nokeys` default), base64 on one line. */
  readonly pkcs12Encrypted: string;
  /** A message signed with its content in it (`openssl smime -sign -nodetach`): `-----BEGIN PKCS7-----`. */
  readonly signedMessagePem: string;
  /** What `openssl pkcs12 -nokeys` prints of the store: `Bag Attributes`, `subject=`, `issuer=` before each block. */
  readonly printedPkcs12: string;
  /**
   * What `openssl pkcs12 -nokeys` prints of a store of the first certificate and its key, named after it (`-name`):
   * `Bag Attributes` with `localKeyID:` and `friendlyName:` lines, `subject=`, `issuer=`, the block.
   */
  readonly printedKeyStore: string;
  /** What `openssl x509 -subject -issuer` prints of the first certificate, and the same in openssl 1.0's form. */
  readonly printedX509: string;
  readonly printedX509Compat: string;
  /** What openssl says of each certificate, as certifi's comments need it. */
  readonly facts: readonly CertificateFacts[];
}

/** A certificate's PEM, serial number (hex) and fingerprints (`AB:CD:…`) as `openssl x509` prints them. */
export interface CertificateFacts {
  readonly pem: string;
  readonly serial: string;
  readonly md5: string;
  readonly sha1: string;
  readonly sha256: string;
}

/** The name of each test certificate, by its file. */
export const TEST_ROOTS = { a: 'Parapet Test Root A', b: 'Parapet Test Root B' } as const;

export function opensslCertificateBundles(): CertificateBundles {
  const dir = mkdtempSync(join(tmpdir(), 'parapet-certs-'));
  const at = (name: string) => join(dir, name);
  const run = (...command: string[]) => execFileSync('openssl', command, { stdio: 'pipe' });
  try {
    for (const name of ['a', 'b'] as const) {
      run('ecparam', '-name', 'prime256v1', '-genkey', '-noout', '-out', at(`${name}.key`));
      run(
        'req',
        '-x509',
        '-new',
        '-key',
        at(`${name}.key`),
        '-out',
        at(`${name}.pem`),
        '-days',
        '1',
        '-subj',
        `/O=Parapet Test/CN=${TEST_ROOTS[name]}`,
      );
    }
    const pem = `${readFileSync(at('a.pem'), 'utf8')}${readFileSync(at('b.pem'), 'utf8')}`;
    writeFileSync(at('bundle.pem'), pem);
    run('crl2pkcs7', '-nocrl', '-certfile', at('bundle.pem'), '-out', at('bundle.p7b'));
    const pkcs7Pem = readFileSync(at('bundle.p7b'), 'utf8');
    const store = (file: string, ...args: string[]) => {
      run(
        'pkcs12',
        '-export',
        '-nokeys',
        '-in',
        at('bundle.pem'),
        '-passout',
        'pass:x',
        '-out',
        at(file),
        ...args,
      );
      return readFileSync(at(file)).toString('base64');
    };
    const pkcs12 = store('plain.p12', '-certpbe', 'NONE');
    const pkcs12Encrypted = store('encrypted.p12');
    const printedPkcs12 = run('pkcs12', '-in', at('plain.p12'), '-nokeys', '-passin', 'pass:x').toString();
    run(
      'pkcs12',
      '-export',
      '-in',
      at('a.pem'),
      '-inkey',
      at('a.key'),
      '-name',
      TEST_ROOTS.a,
      '-passout',
      'pass:x',
      '-out',
      at('keyed.p12'),
    );
    const printedKeyStore = run('pkcs12', '-in', at('keyed.p12'), '-nokeys', '-passin', 'pass:x').toString();
    const x509 = (...args: string[]) =>
      run('x509', '-in', at('a.pem'), '-subject', '-issuer', ...args).toString();
    const printed = (name: string, ...args: string[]) =>
      run('x509', '-in', at(`${name}.pem`), '-noout', ...args)
        .toString()
        .replace(/^[^=]*=|\s+$/g, '');
    const facts = (['a', 'b'] as const).map((name) => ({
      pem: readFileSync(at(`${name}.pem`), 'utf8'),
      serial: printed(name, '-serial'),
      md5: printed(name, '-fingerprint', '-md5'),
      sha1: printed(name, '-fingerprint', '-sha1'),
      sha256: printed(name, '-fingerprint', '-sha256'),
    }));
    writeFileSync(at('message.txt'), 'a message\n');
    run(
      'smime',
      '-sign',
      '-nodetach',
      '-in',
      at('message.txt'),
      '-signer',
      at('a.pem'),
      '-inkey',
      at('a.key'),
      '-outform',
      'PEM',
      '-out',
      at('signed.pem'),
    );
    return {
      pem,
      pkcs7Pem,
      pkcs7Der: pkcs7Pem.replace(/-----[A-Z0-9 ]+-----|\s/g, ''),
      pkcs12,
      pkcs12Encrypted,
      signedMessagePem: readFileSync(at('signed.pem'), 'utf8'),
      printedPkcs12,
      printedKeyStore,
      printedX509: x509(),
      printedX509Compat: x509('-nameopt', 'compat'),
      facts,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Base64 wrapped in lines of `width`, as `openssl base64` (64) and `base64` (76) write it. */
export const wrap = (text: string, width: number): string =>
  (text.match(new RegExp(`.{1,${width}}`, 'g')) ?? []).join('\n');
