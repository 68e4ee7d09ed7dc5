/** Reading ASN.1 DER headers, for the key material told by its structure (key-material.ts, pkcs12.ts). */

/** ASN.1 DER tags read here. */
export const SEQUENCE = 0x30;
export const INTEGER = 0x02;
export const BIT_STRING = 0x03;
export const OCTET_STRING = 0x04;
export const OBJECT_IDENTIFIER = 0x06;
export const CONTEXT_0 = 0xa0;

export interface Header {
  readonly tag: number;
  /** Where the element's content starts. */
  readonly content: number;
  /** Where the element ends (past its content), as its length says: may lie past the bytes given. */
  readonly end: number;
}

/** The DER tag and definite length at `at` (short form, or long form of up to 4 length bytes). */
export function readHeader(bytes: Buffer, at: number): Header | undefined {
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

/** The content bytes of an OBJECT IDENTIFIER, in hex, when the element at `header` is one read whole. */
export function oidHex(bytes: Buffer, header: Header | undefined): string | undefined {
  if (header?.tag !== OBJECT_IDENTIFIER || header.end > bytes.length) return undefined;
  return bytes.subarray(header.content, header.end).toString('hex');
}

/**
 * The DER header of an element of `tag` that takes `span` bytes, header included (the length in the shortest
 * form, as DER asks); empty when no DER element takes that many.
 */
export function headerSpanning(tag: number, span: number): Buffer {
  if (span >= 2 && span - 2 < 0x80) return Buffer.from([tag, span - 2]);
  for (let count = 1; count <= 4; count++) {
    const length = span - 2 - count;
    if (length < Math.max(0x80, 256 ** (count - 1)) || length >= 256 ** count) continue;
    const bytes = [tag, 0x80 | count];
    for (let index = count - 1; index >= 0; index--) bytes.push(Math.floor(length / 256 ** index) % 256);
    return Buffer.from(bytes);
  }
  return Buffer.alloc(0);
}

/** The elements that fill `parent`'s content exactly, each of a definite length; undefined where they do not. */
export function elementsIn(bytes: Buffer, parent: Header): Header[] | undefined {
  if (parent.end > bytes.length) return undefined;
  const elements: Header[] = [];
  for (let at = parent.content; at < parent.end; ) {
    const element = readHeader(bytes, at);
    if (element === undefined || element.end > parent.end) return undefined;
    elements.push(element);
    at = element.end;
  }
  return elements;
}
