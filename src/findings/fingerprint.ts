/**
 * A finding's identity across scans: check, scope (file or account/region), resource and detail.
 * Not the line, so edits that move code keep alerts, suppressions and baselines attached.
 *
 * 128 bits from four 32-bit multiply-xorshift lanes with different seeds (murmur3's finalizer):
 * stable forever, and far cheaper than a crypto hash per finding (createHash dominated the cost of
 * making findings). Identity, not secrecy, is all it needs to give.
 */
const SEEDS = [0x9e3779b1, 0x85ebca77, 0xc2b2ae3d, 0x27d4eb2f] as const;

export function fingerprint(parts: readonly string[]): string {
  const text = parts.join('\u0000');
  let out = '';
  for (const seed of SEEDS) {
    let h: number = seed;
    for (let i = 0; i < text.length; i++) {
      h = Math.imul(h ^ text.charCodeAt(i), 0x5bd1e995);
      h ^= h >>> 15;
    }
    h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
    h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
    h ^= h >>> 16;
    out += (h >>> 0).toString(16).padStart(8, '0');
  }
  return out;
}
