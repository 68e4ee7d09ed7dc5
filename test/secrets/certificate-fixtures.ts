/**
 * Certificate bundles for the tests, made by openssl at run time around throwaway EC keys (`.ci/run` installs openssl
 * where it is missing): two self-signed certificates in PEM, the same as a PKCS#7 bundle (`openssl crl2pkcs7`) and as
 * a PKCS#12 store of certificates alone, and a message signed with its content in it. Nothing is written anywhere.
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
}

export function opensslCertificateBundles(): CertificateBundles {
  const dir = mkdtempSync(join(tmpdir(), 'parapet-certs-'));
  const at = (name: string) => join(dir, name);
  const run = (...command: string[]) => execFileSync('openssl', command, { stdio: 'pipe' });
  try {
    for (const name of ['a', 'b']) {
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
        `/CN=${name}`,
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
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Base64 wrapped in lines of `width`, as `openssl base64` (64) and `base64` (76) write it. */
export const wrap = (text: string, width: number): string =>
  (text.match(new RegExp(`.{1,${width}}`, 'g')) ?? []).join('\n');
