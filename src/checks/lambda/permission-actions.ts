/**
 * What the Action of a Lambda permission lets its principals do to the function beyond invoking it, from the IAM
 * action catalog. AddPermission's Action is one action, `lambda:*` or `*` (its pattern `(lambda:[*]|lambda:[a-zA-Z]+|[*])`;
 * Lambda API Reference, AddPermission): every Lambda action on the function then, its code and its policy included.
 */

import { listedWithAnd } from '../../findings/words.js';
import { type ActionInfo, matchingActions } from '../../iam/actions.js';
import { describeValue } from '../../iam/templates.js';
import { isUnknown, type Value } from '../../model/values.js';

/** The actions that only call the function (lambda:InvokeAsync is the deprecated asynchronous form). */
const INVOKE = new Set(['lambda:invokefunction', 'lambda:invokefunctionurl', 'lambda:invokeasync']);

/** Writes worth naming first in a finding, with what they change. */
const NOTABLE: readonly (readonly [string, string])[] = [
  ['lambda:UpdateFunctionCode', 'its code'],
  ['lambda:AddPermission', 'who may call it'],
  ['lambda:UpdateFunctionConfiguration', 'its settings and environment'],
  ['lambda:DeleteFunction', 'whether it exists'],
];

export type PermissionActions =
  | { readonly kind: 'invoke' }
  | {
      readonly kind: 'beyond';
      /** Write, permissions-management and tagging actions beyond invoking, by name. */
      readonly writes: readonly string[];
      /** Read and list actions. */
      readonly reads: readonly string[];
    }
  | { readonly kind: 'unknown'; readonly why: string };

/** What a permission's Action grants beyond invoking: every value an `!If` may give is judged. */
export function permissionActions(action: Value<string>): PermissionActions {
  if (!isUnknown(action)) return ofText(action);
  const options = action.oneOf ?? [];
  if (options.length === 0) {
    // The reason (`from parameter X, which has no default`), unless the description already says it.
    const shown = describeValue(action);
    const reason = shown.includes(action.reason) ? '' : ` (${action.reason})`;
    return { kind: 'unknown', why: `Action ${shown} is not known before deploy${reason}` };
  }
  const each = options.map(ofText);
  const unknownOne = each.find((one) => one.kind === 'unknown');
  if (unknownOne) return unknownOne;
  if (each.every((one) => one.kind === 'invoke')) return { kind: 'invoke' };
  if (each.some((one) => one.kind === 'invoke')) {
    return {
      kind: 'unknown',
      why: `Action is ${describeValue(action)}, some of which only invoke (${action.reason})`,
    };
  }
  const beyond = each.filter((one) => one.kind === 'beyond');
  return {
    kind: 'beyond',
    writes: [...new Set(beyond.flatMap((one) => one.writes))],
    reads: [...new Set(beyond.flatMap((one) => one.reads))],
  };
}

function ofText(pattern: string): PermissionActions {
  const matched = matchingActions(pattern);
  const lambda = typeof matched === 'string' ? [] : matched.filter((a) => a.name.startsWith('lambda:'));
  if (lambda.length === 0) {
    return { kind: 'unknown', why: `Action ${pattern} is no Lambda action the IAM action catalog knows` };
  }
  const beyond = lambda.filter((a) => !INVOKE.has(a.name.toLowerCase()));
  if (beyond.length === 0) return { kind: 'invoke' };
  const isRead = (a: ActionInfo) => [...a.levels].every((level) => level === 'Read' || level === 'List');
  return {
    kind: 'beyond',
    writes: beyond.filter((a) => !isRead(a)).map((a) => a.name),
    reads: beyond.filter(isRead).map((a) => a.name),
  };
}

/** `lambda:UpdateFunctionCode (its code) and lambda:AddPermission (who may call it)`: the notable writes granted. */
export function notableWrites(writes: readonly string[]): string {
  const granted = new Set(writes.map((name) => name.toLowerCase()));
  const named = NOTABLE.filter(([name]) => granted.has(name.toLowerCase())).map(
    ([name, what]) => `${name} (${what})`,
  );
  if (named.length === 0) return writes.slice(0, 3).join(', ');
  return listedWithAnd(named);
}
