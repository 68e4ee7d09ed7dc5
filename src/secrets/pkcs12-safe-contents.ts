/**
 * Reading the bags of a PKCS#12 key store (RFC 7292 §4.1, §4.2) where they are not encrypted, to tell a store of
 * certificates alone (`openssl pkcs12 -export -nokeys -certpbe NONE`), which holds nothing secret: certificates are
 * public, and the store's password is not in it.
 */
import { CONTEXT_0, elementsIn, type Header, OCTET_STRING, oidHex, readHeader, SEQUENCE } from './der.js';

/** pkcs7-data 1.2.840.113549.1.7.1, as DER content bytes: a ContentInfo whose content is not encrypted. */
const PKCS7_DATA = '2a864886f70d010701';

/** certBag 1.2.840.113549.1.12.10.1.3 and crlBag 1.2.840.113549.1.12.10.1.4 (RFC 7292 §4.2), as DER content bytes. */
const CERTIFICATE_BAGS: readonly string[] = ['2a864886f70d010c0a0103', '2a864886f70d010c0a0104'];

/**
 * Whether the DER `bytes` of a PFX, read whole, hold certificates only: its authSafe is pkcs7-data, and so is every
 * ContentInfo of its AuthenticatedSafe (not encryptedData or envelopedData, whose bags cannot be read), each holding
 * SafeContents of certBags and crlBags alone. Any other bag (a secretBag, a nested safeContentsBag), a bag
 * encrypted, BER's indefinite lengths or constructed OCTET STRINGs (not read here), or an element that does not fill
 * its parent exactly: false, the store is then not known to hold no secret.
 */
export function holdsCertificatesOnly(bytes: Buffer): boolean {
  const pfx = readHeader(bytes, 0);
  if (pfx?.tag !== SEQUENCE || pfx.end !== bytes.length) return false;
  // version, authSafe, and macData where the store has password integrity.
  const [, authSafe, ...rest] = elementsIn(bytes, pfx) ?? [];
  const authenticatedSafe =
    authSafe === undefined || rest.length > 1 ? undefined : dataContent(bytes, authSafe);
  const contentInfos = authenticatedSafe === undefined ? undefined : elementsIn(bytes, authenticatedSafe);
  if (contentInfos === undefined || contentInfos.length === 0) return false;
  return contentInfos.every((contentInfo) => {
    const safeContents = dataContent(bytes, contentInfo);
    const bags = safeContents === undefined ? undefined : elementsIn(bytes, safeContents);
    return bags !== undefined && bags.length > 0 && bags.every((bag) => isCertificateBag(bytes, bag));
  });
}

/**
 * The SEQUENCE a pkcs7-data ContentInfo holds (RFC 2315 §7, §8: SEQUENCE { contentType OID, [0] EXPLICIT OCTET
 * STRING }, whose octets are DER themselves); undefined for another content type or shape.
 */
function dataContent(bytes: Buffer, contentInfo: Header): Header | undefined {
  if (contentInfo.tag !== SEQUENCE) return undefined;
  const [type, explicit, ...rest] = elementsIn(bytes, contentInfo) ?? [];
  if (rest.length > 0 || oidHex(bytes, type) !== PKCS7_DATA || explicit?.tag !== CONTEXT_0) return undefined;
  const [octets, ...more] = elementsIn(bytes, explicit) ?? [];
  if (more.length > 0 || octets?.tag !== OCTET_STRING) return undefined;
  const [inner, ...after] = elementsIn(bytes, octets) ?? [];
  return after.length === 0 && inner?.tag === SEQUENCE ? inner : undefined;
}

/** A SafeBag (SEQUENCE { bagId OID, [0] bagValue, bagAttributes }) whose id is a certBag's or a crlBag's. */
function isCertificateBag(bytes: Buffer, bag: Header): boolean {
  return (
    bag.tag === SEQUENCE && CERTIFICATE_BAGS.includes(oidHex(bytes, readHeader(bytes, bag.content)) ?? '')
  );
}
