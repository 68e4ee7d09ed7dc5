/**
 * A finding's identity across scans: check, scope (file or account/region), resource and detail.
 * Not the line, so edits that move code keep alerts, suppressions and baselines attached.
 *
 * 128 bits from four 32-bit multiply-xorshift lanes with different seeds (murmur3's finalizer):
 * stable forever, and far cheaper than a crypto hash per finding (createHash dominated the cost of
 * making findings). Identity, not secrecy, is all it needs to give.
 */
export function fingerprint(parts: readonly string[]): string {
  return fingerprintAfter(fingerprintPrefix([]), parts);
}

/**
 * The hash state after the first parts of a fingerprint: findings of one check in one file all begin with
 * the same check id and file, so evaluate hashes those once per check and file (on 2,000 functions that
 * leaves out about half of the text hashed per finding). `fingerprintAfter(fingerprintPrefix(a), b)` is
 * `fingerprint([...a, ...b])`.
 */
export interface FingerprintPrefix {
  /** The four lanes, and how many parts are hashed (the separator goes before every part but the first). */
  readonly lanes: readonly [number, number, number, number];
  readonly parts: number;
}

export function fingerprintPrefix(parts: readonly string[]): FingerprintPrefix {
  const lanes: [number, number, number, number] = [0x9e3779b1, 0x85ebca77, 0xc2b2ae3d, 0x27d4eb2f];
  for (let p = 0; p < parts.length; p++) hashPart(lanes, parts[p] as string, p === 0);
  return { lanes, parts: parts.length };
}

/** The fingerprint of the prefix's parts followed by `parts`. */
export function fingerprintAfter(prefix: FingerprintPrefix, parts: readonly string[]): string {
  const from = prefix.lanes;
  const lanes: [number, number, number, number] = [from[0], from[1], from[2], from[3]];
  for (let p = 0; p < parts.length; p++) hashPart(lanes, parts[p] as string, prefix.parts + p === 0);
  // Joined, not concatenated: `+` left a tree of seven strings per finding, kept until the report is written.
  return [hex(lanes[0]), hex(lanes[1]), hex(lanes[2]), hex(lanes[3])].join('');
}

/**
 * Four lanes in one pass over the parts and a NUL between each two: the hash of parts.join('\u0000'),
 * without building that string for every finding.
 */
function hashPart(lanes: [number, number, number, number], text: string, first: boolean): void {
  // Indexed, not destructured: an array pattern runs the iterator protocol, slow in cold code.
  let a = lanes[0];
  let b = lanes[1];
  let c = lanes[2];
  let d = lanes[3];
  // The separator (code 0) before every part but the first.
  for (let i = first ? 0 : -1; i < text.length; i++) {
    const ch = i < 0 ? 0 : text.charCodeAt(i);
    a = Math.imul(a ^ ch, 0x5bd1e995);
    a ^= a >>> 15;
    b = Math.imul(b ^ ch, 0x5bd1e995);
    b ^= b >>> 15;
    c = Math.imul(c ^ ch, 0x5bd1e995);
    c ^= c >>> 15;
    d = Math.imul(d ^ ch, 0x5bd1e995);
    d ^= d >>> 15;
  }
  lanes[0] = a;
  lanes[1] = b;
  lanes[2] = c;
  lanes[3] = d;
}

/** Two hex digits per byte value: a table lookup is ten times faster than `toString(16)` here. */
const HEX_BYTES = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

/** A lane's final 32 bits (murmur3's finalizer), as eight hex digits. */
function hex(lane: number): string {
  let h = Math.imul(lane ^ (lane >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  h ^= h >>> 16;
  return (
    (HEX_BYTES[h >>> 24] as string) +
    HEX_BYTES[(h >>> 16) & 255] +
    HEX_BYTES[(h >>> 8) & 255] +
    HEX_BYTES[h & 255]
  );
}
