/**
 * PKCS#12 key stores (RFC 7292: a `.p12` or `.pfx` file, as `openssl pkcs12 -export` and Java's keytool write
 * them), in base64: a private key and its certificates under one password, often kept beside it. Named a private
 * key where its bytes show a key bag; one whose bags are all encrypted, or that holds certificates alone, is left
 * to the other rules (random to the eye, no more).
 */
import { type Header, INTEGER, OBJECT_IDENTIFIER, oidHex, readHeader, SEQUENCE } from './der.js';

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

/** Whether base64 `text` opens a PFX (its first line will do: the header takes some 30 bytes). */
export function opensPfx(text: string): boolean {
  return text.startsWith('M') && isPfx(Buffer.from(text.slice(0, 64), 'base64'));
}

/**
 * What the base64 `digits` of a PFX hold: 'key-store' when the bytes they give show a key bag's id (a body cut
 * short is judged by the bytes it has); undefined when they show none, or when the text runs on past the PFX's
 * length (something else appended).
 */
export function pkcs12KeyMaterial(digits: string): 'key-store' | undefined {
  const bytes = Buffer.from(digits, /[-_]/.test(digits) ? 'base64url' : 'base64');
  const outer = berHeader(bytes, 0);
  if (outer?.end !== undefined && bytes.length > outer.end) return undefined;
  return KEY_BAG_IDS.some((id) => bytes.includes(id)) ? 'key-store' : undefined;
}

/** readHeader, with BER's indefinite length too: its end then undefined (it ends at a pair of zero bytes). */
function berHeader(bytes: Buffer, at: number): (Omit<Header, 'end'> & { end?: number }) | undefined {
  const tag = bytes[at];
  if (tag !== undefined && bytes[at + 1] === 0x80) return { tag, content: at + 2 };
  return readHeader(bytes, at);
}
