/**
 * Key material told by its structure rather than its look: public keys and certificates in base64 DER (meant to
 * be shared: random to the eye, but no secret) and base64 DER private keys (a secret, though without the PEM
 * armour that patterns.ts reads). public-key-text.ts reads the armoured and OpenSSH public keys.
 *
 * Base64 DER is read by its ASN.1 header, which sets its first characters: an RSA SubjectPublicKeyInfo starts
 * `MIIBIjANBgkqhkiG9w0BAQEFAAOC` (2048 bits), an EC P-256 one `MFkwEwYHKoZIzj0CAQ`, an Ed25519 one
 * `MCowBQYDK2Vw`, a PKCS#8 RSA private key `MIIEvQIBADANBgkqhkiG9w0BAQEFAASC` (as node's
 * `generateKeyPairSync(…, { publicKeyEncoding: { type: 'spki', format: 'der' } })` and `openssl pkey -outform
 * DER` write them). Reading the header rather than listing prefixes covers every key size and curve.
 */

/** What a piece of key material is. */
export type KeyMaterial = 'public-key' | 'certificate' | 'private-key';

/** ASN.1 DER tags read here. */
const SEQUENCE = 0x30;
const INTEGER = 0x02;
const BIT_STRING = 0x03;
const OCTET_STRING = 0x04;
const OBJECT_IDENTIFIER = 0x06;
const CONTEXT_0 = 0xa0;

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

/** Base64 digits decoded to read the headers: 72 bytes, past every header read here. */
const HEADER_DIGITS = 96;

/** Base64 (standard or URL-safe) of at least one DER header's worth, and nothing else. */
const BASE64_DER = /^M[A-Za-z0-9+/_-]{15,}={0,2}$/;

/**
 * What a base64 DER value is, from its header: a SubjectPublicKeyInfo (RFC 5280: SEQUENCE { SEQUENCE { key
 * algorithm OID … }, BIT STRING }), an X.509 v2/v3 certificate (SEQUENCE { SEQUENCE { [0] version … } … }), or a
 * private key: PKCS#8 (RFC 5208: SEQUENCE { INTEGER 0|1, SEQUENCE { key algorithm OID … }, OCTET STRING }),
 * PKCS#1 RSA (RFC 8017: SEQUENCE { INTEGER 0, INTEGER modulus … }) or SEC 1 EC (RFC 5915: SEQUENCE { INTEGER 1,
 * OCTET STRING … }). A value cut short is judged by the header it has (its first bytes fix what it is), but one
 * longer than its outer SEQUENCE says has something else appended and is not judged.
 */
export function derKeyMaterial(text: string): KeyMaterial | undefined {
  if (!BASE64_DER.test(text)) return undefined;
  const digits = text.replace(/=+$/, '');
  // The header is in the first bytes: decode those only (a key can be kilobytes), and count the rest.
  const bytes = Buffer.from(digits.slice(0, HEADER_DIGITS), /[-_]/.test(digits) ? 'base64url' : 'base64');
  const length = Math.floor((digits.length * 3) / 4);
  const outer = readHeader(bytes, 0);
  if (outer === undefined || outer.tag !== SEQUENCE || length > outer.end) return undefined;
  const first = readHeader(bytes, outer.content);
  if (first === undefined) return undefined;
  if (first.tag === SEQUENCE) return publicOrCertificate(bytes, first);
  if (first.tag === INTEGER) return privateKey(bytes, first);
  return undefined;
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
  if (header.tag !== OBJECT_IDENTIFIER || header.end > bytes.length) return false;
  return KEY_ALGORITHMS.includes(bytes.subarray(header.content, header.end).toString('hex'));
}

interface Header {
  readonly tag: number;
  /** Where the element's content starts. */
  readonly content: number;
  /** Where the element ends (past its content), as its length says: may lie past the bytes given. */
  readonly end: number;
}

/** The DER tag and definite length at `at` (short form, or long form of up to 4 length bytes). */
function readHeader(bytes: Buffer, at: number): Header | undefined {
  const tag = bytes[at];
  const first = bytes[at + 1];
  if (tag === undefined || first === undefined) return undefined;
  if (first < 0x80) return { tag, content: at + 2, end: at + 2 + first };
  const count = first & 0x7f;
  if (count === 0 || count > 4 || at + 2 + count > bytes.length) return undefined;
  let length = 0;
  for (let index = 0; index < count; index++) length = length * 256 + (bytes[at + 2 + index] ?? 0);
  return { tag, content: at + 2 + count, end: at + 2 + count + length };
}
