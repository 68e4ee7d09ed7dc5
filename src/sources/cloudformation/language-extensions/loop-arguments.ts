import { asRecord, intrinsicName, onlyKey } from '../intrinsic-values.js';
import { FOR_EACH, type Scope, usesIdentifier } from './identifiers.js';

/** A loop's three arguments, checked: `[identifier, collection, fragment]`. */
export interface LoopArguments {
  /** The list the user wrote: where a problem with the collection is located. */
  readonly args: readonly unknown[];
  /** The loop's identifier, or its several ones in the order written (see several-identifiers.ts). */
  readonly identifiers: readonly string[];
  /** As written: reading it needs the resolver (see collection.ts). */
  readonly collection: unknown;
  /** The fragment: the keys each item makes, and their values. */
  readonly output: Record<string, unknown>;
}

/** Why a loop's arguments cannot be expanded, and where; no `node` means the loop's own key. */
export interface BadArguments {
  readonly problem: string;
  readonly node?: object;
  readonly key?: string | number;
}

/**
 * The name of an identifier written as `Ref` in a list of identifiers (to a parameter, or to the identifier
 * of a loop around it), or why it has none, as the end of a sentence.
 */
export type NameOf = (written: object) => string | { readonly problem: string };

/** A loop's arguments (`args`, the value of its `Fn::ForEach::<Name>` key) as CloudFormation accepts them, or why not. */
export function loopArguments(args: unknown, scope: Scope, nameOf: NameOf): LoopArguments | BadArguments {
  if (!Array.isArray(args) || args.length !== 3)
    return { problem: `takes 3 arguments (an identifier, a collection, a fragment), not ${described(args)}` };
  const [identifier, collection, fragment] = args as [unknown, unknown, unknown];
  const listed = Array.isArray(identifier) ? identifierList(identifier, nameOf) : undefined;
  if (listed && 'problem' in listed) return listed;
  if (!listed && (typeof identifier !== 'string' || identifier === ''))
    return {
      problem: `the identifier (first argument) must be a name, not ${described(identifier)}`,
      node: args,
      key: 0,
    };
  const identifiers = listed ?? [identifier as string];
  for (const [i, name] of identifiers.entries()) {
    const at = listed ? { node: identifier as object, key: i } : { node: args, key: 0 };
    // Pseudo parameters are all named AWS::*: `${AWS::Region}` and `Ref: AWS::Region` would mean both the
    // item and the region.
    if (name.startsWith('AWS::'))
      return {
        problem: `the identifier ${name} is named as CloudFormation's pseudo parameters (AWS::*), so \${${name}} and Ref: ${name} would mean two things; write a name of your own`,
        ...at,
      };
    if (scope.values.has(name))
      return { problem: `the identifier ${name} is already that of an enclosing loop`, ...at };
  }
  const output = asRecord(fragment);
  // A fragment may be one loop alone, though its only key starts with `Fn::` as an intrinsic's does.
  if (!output || (intrinsicName(output) !== undefined && !isLoopAlone(output)))
    return {
      problem: `the fragment (third argument) must be a mapping of output keys, not ${described(fragment)}`,
      node: args,
      key: 2,
    };
  for (const key of Object.keys(output)) {
    if (key.startsWith(FOR_EACH) || identifiers.some((name) => usesIdentifier(key, name))) continue;
    return { problem: `the output key '${key}' ${noIdentifierIn(identifiers)}`, node: output, key };
  }
  return { args, identifiers, collection, output };
}

/** The names of a list of identifiers (`[Name, !Ref Param]`), each one once, or why not and where. */
function identifierList(list: readonly unknown[], nameOf: NameOf): string[] | BadArguments {
  if (list.length < 2)
    return {
      problem: `a list of identifiers (first argument) takes 2 or more, not ${list.length} (write one identifier as a name alone)`,
      node: list,
    };
  const names: string[] = [];
  for (const [i, written] of list.entries()) {
    const where = `identifier ${i + 1} of the list (first argument)`;
    let name: string | { readonly problem: string };
    if (typeof written === 'string' && written !== '') name = written;
    else if (asRecord(written) && onlyKey(written as object) === 'Ref') {
      const named = nameOf(written as object);
      name = typeof named === 'string' ? named : { problem: `${where} ${named.problem}` };
    } else name = { problem: `${where} must be a name or a Ref to a parameter, not ${described(written)}` };
    if (typeof name !== 'string') return { ...name, node: list, key: i };
    if (names.includes(name))
      return { problem: `the identifier ${name} is in the list twice`, node: list, key: i };
    names.push(name);
  }
  return names;
}

/** What an output key that writes none of the loop's identifiers lacks, after the key. */
function noIdentifierIn(identifiers: readonly string[]): string {
  const [first] = identifiers;
  if (identifiers.length === 1)
    return `does not use \${${first}} or &{${first}}, so every item would make the same key`;
  const written = identifiers.map((name) => `\${${name}}`);
  return (
    `does not use any of its identifiers (${written.slice(0, -1).join(', ')}, ${written.at(-1)} or their &{} ` +
    'forms), so every item would make the same key'
  );
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
