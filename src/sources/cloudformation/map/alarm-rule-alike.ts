/**
 * Whether two operands of a composite alarm's rule that are not x may name one alarm (alarm-rule-hears.ts): where
 * they may, the cases that kept them apart can give a 'yes' too many.
 */
import { templateMayGive } from '../../../model/values.js';
import { alarmFields } from './alarm-naming.js';

/**
 * Whether two keys (alarmKey) may name one alarm: names that may be the same text, and regions and accounts that may
 * agree. A field an ARN does not write out is the stack's own, which may be any written out; `${...}` may be any.
 */
export function mayBeOne(a: string, b: string): boolean {
  const [x, y] = [alarmFields(a), alarmFields(b)];
  const agree = (p: string | undefined, q: string | undefined) =>
    p === undefined || q === undefined || p === q || p.includes('${') || q.includes('${');
  return agree(x.region, y.region) && agree(x.account, y.account) && mayNameAlike(x.name, y.name);
}

/**
 * Whether two names, written with `${...}` parts not known before deploy, may be the same text: a literal name the
 * other may give, or two templates whose literal starts and ends agree.
 */
function mayNameAlike(a: string, b: string): boolean {
  if (!a.includes('${')) return templateMayGive(b, a);
  if (!b.includes('${')) return templateMayGive(a, b);
  const start = (name: string) => name.slice(0, name.indexOf('${'));
  const end = (name: string) => name.slice(name.lastIndexOf('}') + 1);
  const agree = (x: string, y: string, within: (long: string, short: string) => boolean) =>
    x.length >= y.length ? within(x, y) : within(y, x);
  return (
    agree(start(a), start(b), (long, short) => long.startsWith(short)) &&
    agree(end(a), end(b), (long, short) => long.endsWith(short))
  );
}

/** Two of the rule's other alarms (their keys, each another) that may be the same alarm; undefined if none. */
export function othersMayBeOne(others: readonly string[]): [string, string] | undefined {
  for (const [i, a] of others.entries())
    for (const b of others.slice(i + 1)) if (mayBeOne(a, b)) return [a, b];
  return undefined;
}
