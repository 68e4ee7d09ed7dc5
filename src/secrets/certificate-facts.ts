/**
 * What a certificate says of itself, for judging the text written beside it (certificate-annotations.ts): its
 * subject and issuer, serial number and fingerprints. Text that claims to describe a certificate is believed only
 * as far as the certificate bears it out.
 */
import { createHash, X509Certificate } from 'node:crypto';

/** The certificate of a PEM block (its line breaks written out as `\n` too); undefined where none can be read. */
export function readCertificate(pem: string): X509Certificate | undefined {
  const body = pem.replace(/-{4,5} ?(?:BEGIN|END) [A-Z0-9 ]+ ?-{4,5}|\\n|\s+/g, '');
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(body)) return undefined;
  try {
    return new X509Certificate(Buffer.from(body, 'base64'));
  } catch {
    return undefined;
  }
}

/** The words of a text, lower case: runs of letters and digits (`CN = Parapet Test, O=Acme` → cn, parapet, …). */
function words(text: string): string[] {
  return text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
}

/**
 * Whether `text` (a distinguished name however a tool writes it: `CN = a, O = b`, `/O=b/CN=a`, `CN=a O=b`) says
 * nothing the name `dn` (X509Certificate's `subject` or `issuer`) does not: each of its words is one of the name's.
 */
export function isWrittenName(text: string, dn: string): boolean {
  const own = new Set(words(dn));
  const written = words(text);
  return written.length > 0 && written.every((word) => own.has(word));
}

/** Words a bundle's label adds to a CA's name (`XRamp Global CA Root` for `CN=XRamp Global Certification Authority`). */
const CA_WORDS = new Set(['ca', 'root', 'certificate', 'certification', 'authority']);

/**
 * Whether `text` names the certificate as a bundle's label does: each of its words is the subject's or one of
 * CA_WORDS, and one at least is the subject's (`GlobalSign Root CA - R2` for `CN=GlobalSign, OU=GlobalSign Root CA -
 * R2`; `Go Daddy Class 2 CA` for `OU=Go Daddy Class 2 Certification Authority`). All but two of the 148 labels of
 * Mozilla's roots in certifi's cacert.pem do (`Entrust.net Premium 2048 Secure Server CA`, and one certifi writes with
 * Python's escapes): a word of no CA's name (`hunter2`, `Summer2024`) makes it no label.
 */
export function namesCertificate(text: string, certificate: X509Certificate): boolean {
  const subject = new Set(words(certificate.subject));
  const written = words(text);
  return (
    written.some((word) => subject.has(word)) &&
    written.every((word) => subject.has(word) || CA_WORDS.has(word))
  );
}

/** The serial number in decimal, as certifi's `# Serial:` writes it. */
export function serialInDecimal(certificate: X509Certificate): string {
  return BigInt(`0x${certificate.serialNumber}`).toString();
}

/** A fingerprint of the certificate in lower-case hex pairs joined by `:` (`md5`, `sha1`, `sha256`). */
export function fingerprint(certificate: X509Certificate, algorithm: string): string {
  const hex = createHash(algorithm).update(certificate.raw).digest('hex');
  return (hex.match(/../g) ?? []).join(':');
}
