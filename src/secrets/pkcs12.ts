/**
 * PKCS#12 key stores (RFC 7292: a `.p12` or `.pfx` file, as `openssl pkcs12 -export` and Java's keytool write
 * them), in base64: a private key and its certificates under one password, often kept beside it. Named a private
 * key where its bytes show a key bag; one whose bags can be read and are certificates alone holds nothing secret;
 * one whose bags are encrypted is left to the other rules (random to the eye, no more).
 */
import { type Header, INTEGER, OBJECT_IDENTIFIER, oidHex, readHeader, SEQUENCE } from './der.js';
import { holdsCertificatesOnly } from './pkcs12-safe-contents.js';

/**
 * What a PFX holds as far as its bytes show: a key bag ('key-store'), certificates alone, read in bags not
 * encrypted ('certificate-store'), or what cannot be told: bags encrypted, or cut short before a key bag
 * ('unread-store').
 */
export type Pkcs12Contents = 'key-store' | 'certificate-store' | 'unread-store';

/**
 * The content types a PFX's authSafe takes (RFC 7292 §4): pkcs7-data 1.2.840.113549.1.7.1 (password integrity)
 * and pkcs7-signedData 1.2.840.113549.1.7.2 (public-key integrity), as DER content bytes.
 */
const AUTH_SAFE_TYPES: readonly string[] = ['2a864886f70d010701', '2a864886f70d010702'];

/**
 * The bag types that hold a private key (RFC 7292 §4.2): keyBag 1.2.840.113549.1.12.10.1.1 (a PKCS#8 key) and
 * pkcs8ShroudedKeyBag 1.2.840.113549.1.12.10.1.2 (an encrypted one), as DER writes a bag's id whole: tag, length
 * and content. Thirteen fixed bytes, which encrypted content holds by chance once in 2^104.
 */
const KEY_BAG_IDS: readonly Buffer[] = ['01', '02'].map((arc) =>
  Buffer.from(`060b2a864886f70d010c0a01${arc}`, 'hex'),
);

/**
 * Whether `bytes` open a PFX (RFC 7292 §4): SEQUENCE { INTEGER 3, authSafe SEQUENCE { data or signedData OID, … },
 * … }. Its SEQUENCEs may have BER's indefinite length (0x80), as some tools write them.
 */
export function isPfx(bytes: Buffer): boolean {
  const outer = berHeader(bytes, 0);
  if (outer?.tag !== SEQUENCE) return false;
  const version = readHeader(bytes, outer.content);
  if (version?.tag !== INTEGER || bytes.subarray(version.content, version.end).toString('hex') !== '03') {
    return false;
  }
  const authSafe = berHeader(bytes, version.end);
  if (authSafe?.tag !== SEQUENCE) return false;
  const type = readHeader(bytes, authSafe.content);
  return type?.tag === OBJECT_IDENTIFIER && AUTH_SAFE_TYPES.includes(oidHex(bytes, type) ?? '');
}

/**
 * What the DER `bytes` of a PFX hold (Pkcs12Contents): a body cut short is judged by the bytes it has. Undefined
 * when the bytes run on past the PFX's length (something else appended).
 */
export function pkcs12Contents(bytes: Buffer): Pkcs12Contents | undefined {
  const outer = berHeader(bytes, 0);
  if (outer?.end !== undefined && bytes.length > outer.end) return undefined;
  if (KEY_BAG_IDS.some((id) => bytes.includes(id))) return 'key-store';
  return holdsCertificatesOnly(bytes) ? 'certificate-store' : 'unread-store';
}

/** readHeader, with BER's indefinite length too: its end then undefined (it ends at a pair of zero bytes). */
function berHeader(bytes: Buffer, at: number): (Omit<Header, 'end'> & { end?: number }) | undefined {
  const tag = bytes[at];
  if (tag !== undefined && bytes[at + 1] === 0x80) return { tag, content: at + 2 };
  return readHeader(bytes, at);
}
