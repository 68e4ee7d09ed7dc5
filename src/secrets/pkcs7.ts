/**
 * PKCS#7 / CMS certificate bundles (`.p7b`, `.p7c`; `openssl crl2pkcs7 -nocrl -certfile`, Windows' certificate
 * export), in base64 DER or PEM `-----BEGIN PKCS7-----` (RFC 7468 §8): a SignedData with certificates and no content,
 * which holds nothing secret. A SignedData with content (a signed message) or another content type (envelopedData)
 * holds what its author put in it, and is not read as such.
 */
import { CONTEXT_0, elementsIn, OBJECT_IDENTIFIER, oidHex, readHeader, SEQUENCE } from './der.js';

/** id-signedData 1.2.840.113549.1.7.2 (RFC 5652 §5.1), as DER content bytes. */
const SIGNED_DATA = '2a864886f70d010702';

/** ASN.1 SET, the tag of SignedData's digestAlgorithms and signerInfos. */
const SET = 0x31;

/**
 * Whether the DER `bytes`, read whole, are a ContentInfo of signedData (RFC 5652 §3: SEQUENCE { contentType OID, [0]
 * EXPLICIT content }) whose SignedData (§5.1: SEQUENCE { version, digestAlgorithms SET, encapContentInfo, [0]
 * certificates, [1] crls, signerInfos SET }) encapsulates no content: its encapContentInfo holds the content type
 * alone, eContent being OPTIONAL, as a certificates-only bundle writes it. Certificates, CRLs and signatures are
 * public. BER's indefinite lengths are not read (false).
 */
export function isCertificatesOnlyPkcs7(bytes: Buffer): boolean {
  const contentInfo = readHeader(bytes, 0);
  if (contentInfo?.tag !== SEQUENCE || contentInfo.end !== bytes.length) return false;
  const [type, explicit, ...rest] = elementsIn(bytes, contentInfo) ?? [];
  if (rest.length > 0 || oidHex(bytes, type) !== SIGNED_DATA || explicit?.tag !== CONTEXT_0) return false;
  const [signedData, ...more] = elementsIn(bytes, explicit) ?? [];
  if (more.length > 0 || signedData?.tag !== SEQUENCE) return false;
  const [, digestAlgorithms, encapContentInfo, ...after] = elementsIn(bytes, signedData) ?? [];
  if (digestAlgorithms?.tag !== SET || encapContentInfo?.tag !== SEQUENCE || after.at(-1)?.tag !== SET) {
    return false;
  }
  const encapsulated = elementsIn(bytes, encapContentInfo);
  return encapsulated?.length === 1 && encapsulated[0]?.tag === OBJECT_IDENTIFIER;
}
