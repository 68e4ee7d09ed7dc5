/**
 * The text certificate tools write beside the PEM blocks of a certificate bundle, each line before the certificate
 * it describes and borne out by it:
 * - curl's `cacert.pem` (mk-ca-bundle): a header of `##` lines at the top, and over each certificate its CA's name
 *   (`GlobalSign Root CA`) over a line of as many `=`;
 * - Mozilla's roots as certifi and p11-kit write them: `# <CA name>`, `# Label: "<CA name>"`, `# Issuer: CN=…`,
 *   `# Subject: CN=…`, `# Serial: <decimal>`, `# SHA256 Fingerprint: eb:d4:…` (MD5 and SHA1 too);
 * - `openssl pkcs12 -nokeys` and `openssl x509 -subject -issuer`: `Bag Attributes` with its indented `localKeyID:
 *   <hex>` and `friendlyName: <name>` lines, `subject=<name>`, `issuer=<name>`.
 * A name must name the certificate (certificate-facts.ts), a distinguished name be its subject's or issuer's, a
 * serial number or fingerprint be its own. Any other text, text after the last certificate, and a line a value
 * pattern matches, with a random-looking word or with a secret's word and a value (`# password: Summer2024`), make
 * the whole no such text: it is judged as a value, by its name too (a certificate with an odd comment failing by its
 * name costs less than a password beside one passing).
 */
import type { X509Certificate } from 'node:crypto';
import {
  fingerprint,
  isWrittenName,
  namesCertificate,
  readCertificate,
  serialInDecimal,
} from './certificate-facts.js';
import { looksRandom } from './entropy.js';
import { matchValuePattern } from './patterns.js';

/** A public PEM block of a text, with the text written before it (after the block before it). */
export interface PemBlock {
  readonly before: string;
  readonly pem: string;
}

/** A word a secret is stored under, then `:`, `=` or a space and a value: `password: x`, `pwd=x`, `token abc`. */
const SECRET_WORD_AND_VALUE =
  /(?<![\p{L}\p{N}])(?:password|passphrase|pass|pwd|secret|token|key)(?![\p{L}\p{N}])\s*[:=\s]\s*\S/iu;

/** A line of curl's `cacert.pem` header: `##`, `## Bundle of CA Root Certificates`. */
const HEADER_LINE = /^##(?: .*)?$/;

/**
 * The words mk-ca-bundle writes in curl's `cacert.pem` header, beside dates, times, version numbers, a SHA-256 and a URL:
 * a header line of other words (`## login: admin / Summer2024`) is not curl's, and is judged as any other text.
 */
const CURL_HEADER_WORDS = new Set(
  (
    'bundle of ca root certificates certificate data from mozilla as this is a x.509 public authorities these were ' +
    "automatically extracted mozilla's file certdata.txt can be found in the source tree it contains pem format and " +
    'therefore directly used with curl / libcurl php_curl or an apache+mod_ssl webserver for ssl client authentication ' +
    'just configure sslcacertificatefile conversion done mk-ca-bundle.pl version sha256 gmt utc ' +
    'mon tue wed thu fri sat sun jan feb mar apr may jun jul aug sep oct nov dec'
  ).split(' '),
);

/** Whether a `##` line holds only what mk-ca-bundle writes in curl's header (CURL_HEADER_WORDS). */
function isCurlHeaderLine(line: string): boolean {
  if (!HEADER_LINE.test(line)) return false;
  return line
    .slice(2)
    .split(/\s+/)
    .filter((token) => token !== '')
    .every((token) => {
      if (/^https:\/\/\S+$/.test(token) || /^[0-9a-f]{64}$/i.test(token)) return true;
      const word = token.toLowerCase().replace(/^[(]+|[).,:;]+$/g, '');
      return word === '' || /^[\d:.]+$/.test(word) || CURL_HEADER_WORDS.has(word);
    });
}

/** The head of a bag's attributes, with none (`Bag Attributes: <No Attributes>`) or its lines to follow. */
const BAG_ATTRIBUTES = /^Bag Attributes(: <No Attributes>)?$/;

/** A bag's key id, `localKeyID: 01 00 00 00` (openssl prints it in hex pairs). */
const LOCAL_KEY_ID = /^localKeyID:(?: [0-9A-F]{2})+$/i;

/** A bag's name: `friendlyName: <name>`. */
const FRIENDLY_NAME = /^friendlyName: (.+)$/;

/** openssl's subject and issuer lines, holding a distinguished name: `subject=CN = a, O = b`, `issuer=/O=b/CN=a`. */
const OPENSSL_NAME = /^(subject|issuer)=\s*(\/?[A-Za-z][A-Za-z0-9.]*\s*=.*)$/;

/** certifi's comments before each of Mozilla's roots: its issuer, subject, label, serial number and fingerprints. */
const CERTIFI_NAME = /^# (Issuer|Subject): (.*=.*)$/;
const CERTIFI_LABEL = /^# Label: "(.+)"$/;
const CERTIFI_SERIAL = /^# Serial: (\d+)$/;
const CERTIFI_FINGERPRINT = /^# (MD5|SHA1|SHA256) Fingerprint: ([0-9a-f]{2}(?::[0-9a-f]{2})+)$/i;

/** A CA's name as a comment (p11-kit's `# ACCVRAIZ1`): `#`, a space and the name. */
const NAME_COMMENT = /^# ([^#].*)$/;

/** The line under a title, as mk-ca-bundle writes it. */
const UNDERLINE = /^=+$/;

/**
 * Whether what is written beside the public PEM blocks of a text (`blocks`, and `after` the last of them) is only
 * what certificate tools write there, describing the certificates it is written before.
 */
export function isCertificateAnnotations(blocks: readonly PemBlock[], after: string): boolean {
  if (linesOf(after).length > 0) return false;
  return blocks.every((block, index) => {
    const lines = linesOf(block.before);
    if (!lines.every(isPlainLine)) return false;
    // curl's header opens the bundle, before its first certificate's name.
    const header = index === 0 ? lines.findIndex((line) => !isCurlHeaderLine(line.trim())) : 0;
    const described = header === -1 ? [] : lines.slice(header);
    if (described.length === 0) return true;
    const certificate = readCertificate(block.pem);
    return certificate !== undefined && describesCertificate(described, certificate);
  });
}

/** The lines of a text that are not blank, its line breaks written out as `\n` too. */
function linesOf(text: string): string[] {
  return text.split(/\r?\n|\\n/).filter((line) => line.trim().length > 0);
}

/** A line with no secret in sight: no value pattern matches it, no word looks random, no secret's word has a value. */
function isPlainLine(line: string): boolean {
  return (
    !SECRET_WORD_AND_VALUE.test(line) &&
    !line.split(/\s+/).some((word) => looksRandom(word)) &&
    matchValuePattern(line) === undefined
  );
}

/** Whether each of `lines` is one a tool writes before `certificate`, saying only what it bears out. */
function describesCertificate(lines: readonly string[], certificate: X509Certificate): boolean {
  // Whether the lines read are a bag's attributes, indented under its `Bag Attributes` line.
  let inAttributes = false;
  for (let index = 0; index < lines.length; index += 1) {
    const line = lines[index] ?? '';
    const trimmed = line.trim();
    if (inAttributes && /^\s/.test(line)) {
      if (!isBagAttribute(trimmed, certificate)) return false;
      continue;
    }
    const attributes = BAG_ATTRIBUTES.exec(trimmed);
    inAttributes = attributes !== null && attributes[1] === undefined;
    if (attributes !== null || isDescription(trimmed, certificate)) continue;
    // A title over its underline, as long as it.
    const next = lines[index + 1]?.trim() ?? '';
    if (
      !UNDERLINE.test(next) ||
      next.length !== [...trimmed].length ||
      !namesCertificate(trimmed, certificate)
    ) {
      return false;
    }
    index += 1;
  }
  return true;
}

/** An attribute of a bag as openssl prints it: its key id, or a name that names the certificate. */
function isBagAttribute(line: string, certificate: X509Certificate): boolean {
  const name = FRIENDLY_NAME.exec(line)?.[1];
  return LOCAL_KEY_ID.test(line) || (name !== undefined && namesCertificate(name, certificate));
}

/** A line of one line describing the certificate: openssl's subject or issuer, certifi's comments, a CA's name. */
function isDescription(line: string, certificate: X509Certificate): boolean {
  const opensslName = OPENSSL_NAME.exec(line);
  if (opensslName !== null) return isWrittenName(opensslName[2] ?? '', nameOf(opensslName[1], certificate));
  const certifiName = CERTIFI_NAME.exec(line);
  if (certifiName !== null) return isWrittenName(certifiName[2] ?? '', nameOf(certifiName[1], certificate));
  const serial = CERTIFI_SERIAL.exec(line)?.[1];
  if (serial !== undefined) return serial === serialInDecimal(certificate);
  const print = CERTIFI_FINGERPRINT.exec(line);
  if (print !== null)
    return print[2]?.toLowerCase() === fingerprint(certificate, print[1]?.toLowerCase() ?? '');
  const label = CERTIFI_LABEL.exec(line)?.[1] ?? NAME_COMMENT.exec(line)?.[1];
  return label !== undefined && namesCertificate(label, certificate);
}

/** The certificate's subject or issuer, as `which` (any case) says. */
function nameOf(which: string | undefined, certificate: X509Certificate): string {
  return which?.toLowerCase() === 'issuer' ? certificate.issuer : certificate.subject;
}
