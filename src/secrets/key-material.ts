/**
 * Key material told by its structure rather than its look: public keys and certificates in base64 DER (meant to
 * be shared: random to the eye, but no secret) and private keys without the PEM armour that patterns.ts reads
 * (base64 DER, encrypted or not, and the base64 body of an OpenSSH private key). public-key-text.ts reads the
 * armoured and OpenSSH public keys.
 *
 * Base64 DER is read by its ASN.1 header, which sets its first characters: an RSA SubjectPublicKeyInfo starts
 * `MIIBIjANBgkqhkiG9w0BAQEFAAOC` (2048 bits), an EC P-256 one `MFkwEwYHKoZIzj0CAQ`, an Ed25519 one
 * `MCowBQYDK2Vw`, a PKCS#8 RSA private key `MIIEvQIBADANBgkqhkiG9w0BAQEFAASC` (as node's
 * `generateKeyPairSync(…, { publicKeyEncoding: { type: 'spki', format: 'der' } })` and `openssl pkey -outform
 * DER` write them). Reading the header rather than listing prefixes covers every key size and curve.
 */

import {
  BIT_STRING,
  CONTEXT_0,
  type Header,
  headerSpanning,
  INTEGER,
  OBJECT_IDENTIFIER,
  OCTET_STRING,
  oidHex,
  readHeader,
  SEQUENCE,
} from './der.js';
import { isCertificatesOnlyPkcs7 } from './pkcs7.js';
import { isPfx, type Pkcs12Contents, pkcs12Contents } from './pkcs12.js';

/** What a piece of key material is. */
export type KeyMaterial =
  | 'public-key'
  | 'certificate'
  | 'private-key'
  /**
   * The start of a private key (PKCS#8, PKCS#1 RSA, SEC 1 EC) cut short: the text ends before its outer SEQUENCE
   * does, as a header pasted alone (`MIIEpAIBAAKCAQEA`, which every 2048-bit PKCS#1 RSA key opens with) or the first
   * part of a key split over several values. Its first bytes are a key's; what follows them is not there.
   */
  | 'private-key-start'
  | 'encrypted-private-key'
  /** The start of an encrypted PKCS#8 cut short: its algorithm read, the text ending before its outer SEQUENCE. */
  | 'encrypted-private-key-start'
  /**
   * A PKCS#12 key store (`.p12`, `.pfx`): what its bytes show it holds (pkcs12.ts); 'certificate-store' a PKCS#7
   * certificate bundle too (pkcs7.ts).
   */
  | Pkcs12Contents;

/**
 * What opens the body of an OpenSSH private key: OpenSSH's PROTOCOL.key `#define AUTH_MAGIC "openssh-key-v1"`,
 * and a NUL.
 */
const OPENSSH_MAGIC = 'openssh-key-v1\0';

/**
 * What the base64 body of an OpenSSH private key (`-----BEGIN OPENSSH PRIVATE KEY-----`'s, `b3BlbnNzaC1rZXktdjEA…`)
 * is, from its first bytes (PROTOCOL.key): the magic, then the cipher name as an SSH string, `none` for a key
 * without passphrase (`aes256-ctr` and the like when one encrypts it). Undefined when `text` does not start so.
 */
export function opensshKeyMaterial(text: string): 'private-key' | 'encrypted-private-key' | undefined {
  // The magic (15 bytes), the name's length (4) and a name of up to 29 (`chacha20-poly1305@openssh.com`).
  const bytes = Buffer.from(text.slice(0, 64), 'base64');
  if (bytes.toString('latin1', 0, OPENSSH_MAGIC.length) !== OPENSSH_MAGIC) return undefined;
  const start = OPENSSH_MAGIC.length + 4;
  if (bytes.length < start) return undefined;
  const length = bytes.readUInt32BE(OPENSSH_MAGIC.length);
  if (length === 0 || start + length > bytes.length) return undefined;
  const cipher = bytes.toString('latin1', start, start + length);
  if (!/^[\x21-\x7e]+$/.test(cipher)) return undefined;
  return cipher === 'none' ? 'private-key' : 'encrypted-private-key';
}

/**
 * Algorithm OIDs of public key types (their DER content bytes): rsaEncryption 1.2.840.113549.1.1.1, RSASSA-PSS
 * 1.2.840.113549.1.1.10, id-dsa 1.2.840.10040.4.1, id-ecPublicKey 1.2.840.10045.2.1, X25519, X448, Ed25519 and
 * Ed448 (1.3.101.110 to 113, RFC 8410).
 */
const KEY_ALGORITHMS: readonly string[] = [
  '2a864886f70d010101',
  '2a864886f70d01010a',
  '2a8648ce380401',
  '2a8648ce3d0201',
  '2b656e',
  '2b656f',
  '2b6570',
  '2b6571',
];

/**
 * Algorithm OIDs of password-based encryption (their DER content bytes), as an EncryptedPrivateKeyInfo names them:
 * PBES2 1.2.840.113549.1.5.13 and PBES1 1.2.840.113549.1.5.1, 3, 4, 6, 10, 11 (RFC 8018 appendix A), and the
 * PKCS#12 ones 1.2.840.113549.1.12.1.1 to 6 (RFC 7292 appendix C).
 */
const PASSWORD_ENCRYPTION: readonly string[] = [
  ...['0d', '01', '03', '04', '06', '0a', '0b'].map((arc) => `2a864886f70d0105${arc}`),
  ...['01', '02', '03', '04', '05', '06'].map((arc) => `2a864886f70d010c01${arc}`),
];

/**
 * Base64 digits decoded to read the headers: 144 bytes, past every header read here (an EncryptedPrivateKeyInfo's
 * PBES2 parameters take some 90 bytes before its OCTET STRING). A multiple of 4, so that the digits after them
 * decode on their own to the bytes after these.
 */
const HEADER_DIGITS = 192;

/** Base64 (standard or URL-safe) of at least one DER header's worth, and nothing else. */
const BASE64_DER = /^M[A-Za-z0-9+/_-]{15,}={0,2}$/;

/**
 * What a base64 DER value is, from its header: a SubjectPublicKeyInfo (RFC 5280: SEQUENCE { SEQUENCE { key
 * algorithm OID … }, BIT STRING }), an X.509 v2/v3 certificate (SEQUENCE { SEQUENCE { [0] version … } … }), or a
 * private key: PKCS#8 (RFC 5208: SEQUENCE { INTEGER 0|1, SEQUENCE { key algorithm OID … }, OCTET STRING }),
 * PKCS#1 RSA (RFC 8017: SEQUENCE { INTEGER 0, INTEGER modulus … }) or SEC 1 EC (RFC 5915: SEQUENCE { INTEGER 1,
 * OCTET STRING … }), an encrypted PKCS#8, a PKCS#12 key store and what it shows it holds (pkcs12.ts), or a PKCS#7
 * bundle of certificates alone (pkcs7.ts). A value cut short is judged by the bytes it has, as far as they go: its
 * first bytes fix what it is where they hold what tells it (an algorithm's OID read whole), and a private key,
 * encrypted or not, is then only the start of one. One longer than its outer SEQUENCE says has something else
 * appended and is not judged.
 */
export function derKeyMaterial(text: string): KeyMaterial | undefined {
  if (!BASE64_DER.test(text)) return undefined;
  const digits = text.replace(/=+$/, '');
  // The header is in the first bytes: decode those only (a key can be kilobytes), and count the rest.
  const encoding = /[-_]/.test(digits) ? 'base64url' : 'base64';
  const bytes = Buffer.from(digits.slice(0, HEADER_DIGITS), encoding);
  // A key store is read whole: the digits past the header decoded once, after the bytes already decoded.
  if (isPfx(bytes))
    return pkcs12Contents(Buffer.concat([bytes, Buffer.from(digits.slice(HEADER_DIGITS), encoding)]));
  const length = Math.floor((digits.length * 3) / 4);
  const outer = readHeader(bytes, 0);
  if (outer === undefined || outer.tag !== SEQUENCE || length > outer.end) return undefined;
  const first = readHeader(bytes, outer.content);
  if (first === undefined) return undefined;
  if (first.tag === SEQUENCE) {
    const kind = publicOrCertificate(bytes, first) ?? encryptedPrivateKey(bytes, first);
    return kind === 'encrypted-private-key' && length < outer.end ? 'encrypted-private-key-start' : kind;
  }
  if (first.tag === INTEGER) {
    const kind = privateKey(bytes, first);
    return kind === 'private-key' && length < outer.end ? 'private-key-start' : kind;
  }
  // A ContentInfo (RFC 5652): a PKCS#7 certificate bundle read whole.
  if (first.tag === OBJECT_IDENTIFIER) {
    return isCertificatesOnlyPkcs7(Buffer.from(digits, encoding)) ? 'certificate-store' : undefined;
  }
  return undefined;
}

/**
 * The base64 digits a DER value spans, as its outer element's length says (from its first 8 digits); undefined where
 * they hold no header. What follows them is something else (another value, a certificate after the key).
 */
export function derSpanDigits(text: string): number | undefined {
  const outer = readHeader(Buffer.from(text.slice(0, 8), /[-_]/.test(text) ? 'base64url' : 'base64'), 0);
  return outer === undefined ? undefined : Math.ceil((outer.end * 4) / 3);
}

/** SPKI: the algorithm SEQUENCE holds a key algorithm OID and a BIT STRING follows it; a certificate: [0] 2|1. */
function publicOrCertificate(bytes: Buffer, first: Header): KeyMaterial | undefined {
  const inner = readHeader(bytes, first.content);
  if (inner === undefined) return undefined;
  if (inner.tag === CONTEXT_0) {
    // tbsCertificate's explicit version: [0] { INTEGER 1 (v2) | 2 (v3) }.
    const version = bytes.subarray(inner.content, inner.content + 3).toString('hex');
    return version === '020101' || version === '020102' ? 'certificate' : undefined;
  }
  if (!isKeyAlgorithm(bytes, inner)) return undefined;
  const next = readHeader(bytes, first.end);
  return next?.tag === BIT_STRING ? 'public-key' : undefined;
}

/**
 * A PKCS#8 EncryptedPrivateKeyInfo (RFC 5208 §6: SEQUENCE { SEQUENCE { password-based encryption OID … }, OCTET
 * STRING }), what `-----BEGIN ENCRYPTED PRIVATE KEY-----` holds: a private key that its password, often kept
 * beside it, opens.
 */
function encryptedPrivateKey(bytes: Buffer, algorithm: Header): KeyMaterial | undefined {
  const oid = readHeader(bytes, algorithm.content);
  // The OID read whole: a body cut short inside it (`MIIFLTBXBgkqhkiG9w0`) says nothing of what it is.
  if (oid === undefined || !PASSWORD_ENCRYPTION.includes(oidHex(bytes, oid) ?? '')) return undefined;
  // Every scheme's parameters are a SEQUENCE that ends the algorithm (PBES2-params, PBEParameter: RFC 8018 A.3,
  // A.4; pkcs-12PbeParams: RFC 7292 appendix C): the bytes read of them must say so, as far as they go.
  const parameters = headerSpanning(SEQUENCE, algorithm.end - oid.end);
  const read = bytes.subarray(oid.end, oid.end + parameters.length);
  if (parameters.length === 0 || !read.equals(parameters.subarray(0, read.length))) return undefined;
  // A body cut short before its OCTET STRING (a line of a wrapped one) is judged by its algorithm.
  if (algorithm.end >= bytes.length) return 'encrypted-private-key';
  return bytes[algorithm.end] === OCTET_STRING ? 'encrypted-private-key' : undefined;
}

/** PKCS#8 (version 0 or 1, a key algorithm, an OCTET STRING), PKCS#1 RSA (version 0, the modulus), SEC 1 (1). */
function privateKey(bytes: Buffer, version: Header): KeyMaterial | undefined {
  const value = bytes.subarray(version.content, version.end).toString('hex');
  if (value !== '00' && value !== '01') return undefined;
  const next = readHeader(bytes, version.end);
  if (next === undefined) return undefined;
  if (next.tag === SEQUENCE) {
    const algorithm = readHeader(bytes, next.content);
    return algorithm !== undefined && isKeyAlgorithm(bytes, algorithm) ? 'private-key' : undefined;
  }
  // PKCS#1 RSA: the modulus, 1024 bits or more (a long INTEGER); SEC 1: the private key's OCTET STRING.
  if (value === '00' && next.tag === INTEGER && next.end - next.content >= 128) return 'private-key';
  if (value === '01' && next.tag === OCTET_STRING && next.end - next.content >= 20) return 'private-key';
  return undefined;
}

function isKeyAlgorithm(bytes: Buffer, header: Header): boolean {
  return KEY_ALGORITHMS.includes(oidHex(bytes, header) ?? '');
}
