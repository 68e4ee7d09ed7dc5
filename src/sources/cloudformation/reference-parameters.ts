import { outsideDynamicReferences } from '../../model/dynamic-references.js';
import { intrinsicName } from './intrinsic-values.js';

/**
 * A raw value with what its dynamic references take left out: the text of each `{{resolve:…}}` in an `Fn::Sub`, and
 * the items of an `Fn::Join` between a `{{resolve:` and its `}}`. A parameter named only there
 * (`!Sub "{{resolve:secretsmanager:${SaltSecret}:SecretString:salt}}"`) picks what CloudFormation reads at deploy
 * (the secret's name); its own value is not in what the value resolves to, which is the secret's. Walking what is
 * left (valueParameters) gives the parameters whose values are. A walk of the raw value; nothing is resolved.
 */
export function outsideReferences(raw: unknown): unknown {
  if (raw === null || typeof raw !== 'object') return raw;
  if (Array.isArray(raw)) return raw.map(outsideReferences);
  const fn = intrinsicName(raw);
  const args = fn === undefined ? undefined : (raw as Record<string, unknown>)[fn];
  if (fn === 'Fn::Sub') {
    if (typeof args === 'string') return { [fn]: outsideDynamicReferences(args) };
    if (Array.isArray(args) && typeof args[0] === 'string')
      return { [fn]: [outsideDynamicReferences(args[0]), ...args.slice(1)] };
    return raw;
  }
  if (fn === 'Fn::Join' && Array.isArray(args) && Array.isArray(args[1]))
    return { [fn]: [args[0], joinedOutside(args[1])] };
  const copy: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(raw)) copy[key] = outsideReferences(value);
  return copy;
}

const OPEN = '{{resolve:';
const CLOSE = '}}';

/** The items of a join with those inside a dynamic reference dropped, and the text of those that open or close one. */
function joinedOutside(items: readonly unknown[]): unknown[] {
  const kept: unknown[] = [];
  let inside = false;
  for (const item of items) {
    if (typeof item !== 'string') {
      if (!inside) kept.push(outsideReferences(item));
      continue;
    }
    let text = '';
    let at = 0;
    while (at < item.length) {
      const next = item.indexOf(inside ? CLOSE : OPEN, at);
      if (next === -1) {
        if (!inside) text += item.slice(at);
        break;
      }
      if (!inside) text += item.slice(at, next);
      at = next + (inside ? CLOSE.length : OPEN.length);
      inside = !inside;
    }
    kept.push(text);
  }
  return kept;
}
