/**
 * A finding's identity across scans: check, scope (file or account/region), resource and detail.
 * Not the line, so edits that move code keep alerts, suppressions and baselines attached.
 *
 * 128 bits from four 32-bit multiply-xorshift lanes with different seeds (murmur3's finalizer):
 * stable forever, and far cheaper than a crypto hash per finding (createHash dominated the cost of
 * making findings). Identity, not secrecy, is all it needs to give.
 */
export function fingerprint(parts: readonly string[]): string {
  // Four lanes in one pass over the parts and a NUL between each two: the hash of parts.join('\u0000'),
  // without building that string for every finding.
  let a = 0x9e3779b1;
  let b = 0x85ebca77;
  let c = 0xc2b2ae3d;
  let d = 0x27d4eb2f;
  for (let p = 0; p < parts.length; p++) {
    const text = parts[p] as string;
    // The separator (code 0) before every part but the first.
    for (let i = p === 0 ? 0 : -1; i < text.length; i++) {
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
  }
  // Joined, not concatenated: `+` left a tree of seven strings per finding, kept until the report is written.
  return [hex(a), hex(b), hex(c), hex(d)].join('');
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
