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
      /** Whether invoking is among them too (`lambda:*`, `*`). */
      readonly invokes: boolean;
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
  return merged(beyond);
}

/** The actions of several `beyond` answers (the values an `!If` may give) as one. */
function merged(beyond: readonly Extract<PermissionActions, { kind: 'beyond' }>[]): PermissionActions {
  return {
    kind: 'beyond',
    writes: [...new Set(beyond.flatMap((one) => one.writes))],
    reads: [...new Set(beyond.flatMap((one) => one.reads))],
    invokes: beyond.some((one) => one.invokes),
  };
}

/**
 * Whether a permission's Action lets its principal invoke the function, for the checks whose risk is the call:
 * `invoke` for an invoke action alone, `beyond` with `invokes` telling whether invoking is among the other actions
 * (`lambda:*`) or not (`lambda:GetFunction`); `unknown` when the Action, or which value of an `!If` a deploy takes,
 * decides it and is not known before deploy.
 */
export function invokingActions(action: Value<string>): PermissionActions {
  const options = isUnknown(action) ? (action.oneOf ?? []) : [action];
  if (options.length === 0) return permissionActions(action);
  const each = options.map(ofText);
  const unknownOne = each.find((one) => one.kind === 'unknown');
  if (unknownOne) return unknownOne;
  const invokes = (one: PermissionActions) => one.kind === 'invoke' || (one.kind === 'beyond' && one.invokes);
  const beyond = each.filter((one) => one.kind === 'beyond');
  if (beyond.length === 0) return { kind: 'invoke' };
  // Every value invokes, or none does: what they grant beyond is said together.
  if (each.every(invokes) || !each.some(invokes)) return merged(beyond);
  const reason = isUnknown(action) ? ` (${action.reason})` : '';
  return {
    kind: 'unknown',
    why: `Action is ${describeValue(action)}, some of which invoke the function and some do not${reason}`,
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
    invokes: beyond.length < lambda.length,
  };
}

/** `writes such as lambda:UpdateFunctionCode (its code)`, else `reads such as lambda:GetFunction`: what is granted. */
export function grantedWords(actions: {
  readonly writes: readonly string[];
  readonly reads: readonly string[];
}): string {
  return actions.writes.length > 0
    ? `writes such as ${notableWrites(actions.writes)}`
    : `reads such as ${actions.reads.slice(0, 3).join(', ')}`;
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
