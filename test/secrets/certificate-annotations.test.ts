import { describe, expect, it } from 'vitest';
import { detectSecretInNamedValue, detectSecretInValue } from '../../src/secrets/index.js';
import { besidePublicKeys } from '../../src/secrets/public-key-text.js';
import { type CertificateFacts, opensslCertificateBundles, TEST_ROOTS } from './certificate-fixtures.js';
import { fake, showsSecret } from './fixtures.js';

const bundles = opensslCertificateBundles();
const [rootA, rootB] = bundles.facts as [CertificateFacts, CertificateFacts];
const PASSWORD = 'Summer2024';
/** A password of letters alone, no word of a CA's name. */
const LETTERS = 'CorrectHorseBattery';

/** Passes under names that say secret or password, and by its look alone; with its line breaks written out too. */
function expectPasses(value: string): void {
  for (const text of [value, value.replaceAll('\n', '\\n')]) {
    for (const name of ['TLS_SECRET', 'CA_BUNDLE_PASSWORD', 'X']) {
      expect(detectSecretInNamedValue(name, text), name).toBeUndefined();
    }
    expect(detectSecretInValue(text)).toBeUndefined();
  }
}

/** Fails by its name, as any value under a secret's name it cannot read, `secret` never shown. */
function expectFailsByName(value: string, secret = PASSWORD, name = 'TLS_SECRET'): void {
  const found = detectSecretInNamedValue(name, value);
  expect(found, value).toMatchObject({
    kind: 'named-secret',
    description: 'value of a variable named like a secret (SECRET)',
  });
  expect(showsSecret(found, secret), value).toBe(false);
}

/** `AB:CD` as certifi writes it: `ab:cd`. */
const lower = (print: string) => print.toLowerCase();

/** A root as certifi's cacert.pem writes it, its comments made of what openssl says of it. */
function certifiEntry(root: CertificateFacts, name: string): string {
  const dn = `CN=${name} O=Parapet Test`;
  return [
    `# Issuer: ${dn}`,
    `# Subject: ${dn}`,
    `# Label: "${name}"`,
    `# Serial: ${BigInt(`0x${root.serial}`).toString()}`,
    `# MD5 Fingerprint: ${lower(root.md5)}`,
    `# SHA1 Fingerprint: ${lower(root.sha1)}`,
    `# SHA256 Fingerprint: ${lower(root.sha256)}`,
    root.pem,
  ].join('\n');
}

/** The header curl's mk-ca-bundle writes at the top of cacert.pem. */
const CURL_HEADER = [
  '##',
  '## Bundle of CA Root Certificates',
  '##',
  '## Certificate data from Mozilla as of: Tue Jan  7 04:12:06 2025 GMT',
  '##',
  '## This is a bundle of X.509 certificates of public Certificate Authorities',
  "## (CA). These were automatically extracted from Mozilla's root certificates",
  '## file (certdata.txt).  This file can be found in the mozilla source tree:',
  '## https://hg.mozilla.org/releases/mozilla-release/raw-file/default/security/nss/lib/ckfw/builtins/certdata.txt',
  '##',
  '## It contains the certificates in PEM format and therefore',
  '## can be directly used with curl / libcurl / php_curl, or with',
  '## an Apache+mod_ssl webserver for SSL client authentication.',
  '## Just configure this file as the SSLCACertificateFile.',
  '##',
  '## Conversion done with mk-ca-bundle.pl version 1.29.',
  `## SHA256: ${fake(3, 64, '0123456789abcdef')}`,
  '##',
  '',
].join('\n');

/** A root under its name and an underline, as mk-ca-bundle writes it. */
const titled = (root: CertificateFacts, name: string) => `\n${name}\n${'='.repeat(name.length)}\n${root.pem}`;

describe('what certificate tools write beside a bundle passes, borne out by the certificates', () => {
  it('passes what openssl prints: pkcs12 -nokeys (key id, name, subject, issuer), x509 -subject -issuer', () => {
    expect(bundles.printedKeyStore).toMatch(
      new RegExp(
        `^Bag Attributes\\n {4}localKeyID: [0-9A-F ]+\\n {4}friendlyName: ${TEST_ROOTS.a}\\nsubject=`,
      ),
    );
    expect(bundles.printedX509Compat).toMatch(/^subject=\/O=Parapet Test\/CN=Parapet Test Root A\nissuer=/);
    for (const value of [
      bundles.printedPkcs12,
      bundles.printedKeyStore,
      bundles.printedX509,
      bundles.printedX509Compat,
    ]) {
      expectPasses(value);
    }
  });

  it("passes curl's cacert.pem (its header, each root under its name) and certifi's and p11-kit's comments", () => {
    expectPasses(`${CURL_HEADER}${titled(rootA, TEST_ROOTS.a)}${titled(rootB, TEST_ROOTS.b)}`);
    expectPasses(`\n${certifiEntry(rootA, TEST_ROOTS.a)}\n${certifiEntry(rootB, TEST_ROOTS.b)}`);
    expectPasses(`# ${TEST_ROOTS.a}\n${rootA.pem}# ${TEST_ROOTS.b}\n${rootB.pem}`);
  });

  it("passes a CA's name each of whose words is the subject's or a CA's (CA, Root, Certification Authority)", () => {
    expectPasses(`# Parapet Root CA\n${rootA.pem}`);
    expectPasses(`Parapet Test CA\n===============\n${rootA.pem}`);
  });
});

describe('text beside a certificate that no tool writes there, or that the certificate does not bear out, fails', () => {
  it('fails the values the review found passing: a password in a comment, an issuer, a title, a name', () => {
    const certificate = rootA.pem;
    expectFailsByName(`${certificate}# password: ${PASSWORD}\n`);
    expectFailsByName(`${certificate}subject=CN = x\nissuer=password ${PASSWORD}\n`);
    expectFailsByName(`${PASSWORD}!\n===========\n${certificate}`);
    expectFailsByName(`Bag Attributes\n    friendlyName: hunter2 pw\n${certificate}`, 'hunter2');
    expectFailsByName(`${certificate}# ${PASSWORD}\n`, PASSWORD, 'APP_SECRET');
  });

  it('fails text after the last certificate, however well it names one', () => {
    expectFailsByName(`${rootA.pem}# ${TEST_ROOTS.a}\n`, TEST_ROOTS.a);
    expectFailsByName(`${rootA.pem}subject=O = Parapet Test, CN = ${TEST_ROOTS.a}\n`, TEST_ROOTS.a);
  });

  it('fails a name, a distinguished name, a serial number or a fingerprint the certificate does not bear out', () => {
    for (const before of [
      `# ${PASSWORD}`,
      `# Parapet ${PASSWORD}`,
      `# Label: "${PASSWORD}"`,
      `subject=O = Parapet Test, CN = ${PASSWORD}`,
      `issuer=/O=Parapet Test/CN=${PASSWORD}`,
      `# Subject: CN=${PASSWORD} O=Parapet Test`,
      '# Serial: 20242024',
      `# SHA256 Fingerprint: ${lower(rootB.sha256)}`,
      `${TEST_ROOTS.a}\n${'='.repeat(TEST_ROOTS.a.length + 1)}`,
      `Bag Attributes\n    friendlyName: ${PASSWORD}`,
      'Bag Attributes\n    localKeyID: 20 24 zz',
      `Bag Attributes\n    friendlyName: ${TEST_ROOTS.a}\n    comment: ${PASSWORD}`,
      `subject=${PASSWORD}`,
    ]) {
      expectFailsByName(`${before}\n${rootA.pem}`, before.replace(/[\s\S]*\n/, ''));
    }
  });

  it("fails a name with a word neither the subject's nor a CA's, and a line with a secret's word and a value", () => {
    for (const before of [
      `# ${TEST_ROOTS.a} ${LETTERS}`,
      `${TEST_ROOTS.a} ${LETTERS}\n${'='.repeat(TEST_ROOTS.a.length + LETTERS.length + 1)}`,
      `Bag Attributes\n    friendlyName: ${TEST_ROOTS.a} ${LETTERS}`,
      `# ${TEST_ROOTS.a} password: ${LETTERS}`,
      `# ${TEST_ROOTS.a} secret=${LETTERS}`,
      `# ${TEST_ROOTS.a} key ${LETTERS}`,
      `## passphrase: ${LETTERS}\n# ${TEST_ROOTS.a}`,
    ]) {
      expectFailsByName(`${before}\n${rootA.pem}`, LETTERS);
    }
  });

  it('refuses a line a value pattern matches or with a random-looking word, however well it names the certificate', () => {
    // The value patterns name what they find in the whole value first: a URL's password, Password=.
    for (const line of [
      `# ${TEST_ROOTS.a} postgres://parapet:${LETTERS}@root.test/a`,
      `# ${TEST_ROOTS.a} Password=${LETTERS}`,
    ]) {
      expect(besidePublicKeys(`${line}\n${rootA.pem}`), line).toEqual([{ text: line, comment: false }]);
      expect(detectSecretInNamedValue('TLS_SECRET', `${line}\n${rootA.pem}`)).toMatchObject({
        kind: 'connection-string-password',
      });
    }
    const token = fake(7, 40);
    expectFailsByName(`# ${TEST_ROOTS.a} ${token}\n${rootA.pem}`, token);
  });

  it("fails curl's header anywhere but at the top, and a root named by the other's name", () => {
    expectFailsByName(`${titled(rootA, TEST_ROOTS.a)}\n## ${PASSWORD}\n${rootB.pem}`);
    expectFailsByName(`${titled(rootA, TEST_ROOTS.b)}`, TEST_ROOTS.b);
  });

  it("fails a `##` header of words other than curl's: a password needs no secret's word to be one", () => {
    expectFailsByName(`## ${PASSWORD}\n${rootA.pem}`);
    expectFailsByName(`## db creds ${PASSWORD}\n${rootA.pem}`);
    expectFailsByName(`##\n## login: admin / ${PASSWORD}!\n##\n${rootA.pem}`);
  });
});
