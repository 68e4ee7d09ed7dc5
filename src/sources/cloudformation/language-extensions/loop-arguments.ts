import { asRecord, intrinsicName } from '../intrinsic-values.js';
import { FOR_EACH, type Scope, usesIdentifier } from './identifiers.js';

/** A loop's three arguments, checked: `[identifier, collection, fragment]`. */
interface LoopArguments {
  /** The list the user wrote: where a problem with the collection is located. */
  readonly args: readonly unknown[];
  readonly identifier: string;
  /** As written: reading it needs the resolver (see collection.ts). */
  readonly collection: unknown;
  /** The fragment: the keys each item makes, and their values. */
  readonly output: Record<string, unknown>;
}

/** Why a loop's arguments cannot be expanded, and where; no `node` means the loop's own key. */
interface BadArguments {
  readonly problem: string;
  readonly node?: object;
  readonly key?: string | number;
}

/** A loop's arguments (`args`, the value of its `Fn::ForEach::<Name>` key) as CloudFormation accepts them, or why not. */
export function loopArguments(args: unknown, scope: Scope): LoopArguments | BadArguments {
  if (!Array.isArray(args) || args.length !== 3)
    return { problem: `takes 3 arguments (an identifier, a collection, a fragment), not ${described(args)}` };
  const [identifier, collection, fragment] = args as [unknown, unknown, unknown];
  if (typeof identifier !== 'string' || identifier === '')
    return {
      problem: `the identifier (first argument) must be a name, not ${described(identifier)}`,
      node: args,
      key: 0,
    };
  // Pseudo parameters are all named AWS::*: `${AWS::Region}` and `Ref: AWS::Region` would mean both the
  // item and the region.
  if (identifier.startsWith('AWS::'))
    return {
      problem: `the identifier ${identifier} is named as CloudFormation's pseudo parameters (AWS::*), so \${${identifier}} and Ref: ${identifier} would mean two things; write a name of your own`,
      node: args,
      key: 0,
    };
  if (scope.values.has(identifier))
    return {
      problem: `the identifier ${identifier} is already that of an enclosing loop`,
      node: args,
      key: 0,
    };
  const output = asRecord(fragment);
  // A fragment may be one loop alone, though its only key starts with `Fn::` as an intrinsic's does.
  if (!output || (intrinsicName(output) !== undefined && !isLoopAlone(output)))
    return {
      problem: `the fragment (third argument) must be a mapping of output keys, not ${described(fragment)}`,
      node: args,
      key: 2,
    };
  for (const key of Object.keys(output)) {
    if (key.startsWith(FOR_EACH) || usesIdentifier(key, identifier)) continue;
    return {
      problem: `the output key '${key}' does not use \${${identifier}} or &{${identifier}}, so every item would make the same key`,
      node: output,
      key,
    };
  }
  return { args, identifier, collection, output };
}

/** A value as a message names it: its intrinsic, its length, or the value itself. */
export function described(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return `a list of ${value.length}`;
  if (typeof value === 'object') return intrinsicName(value) ?? 'a mapping';
  return typeof value === 'string' ? `'${value}'` : String(value);
}

function isLoopAlone(node: Record<string, unknown>): boolean {
  for (const key in node) return key.startsWith(FOR_EACH);
  return false;
}
