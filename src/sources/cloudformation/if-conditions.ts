import { asRecord } from './intrinsic-values.js';

/** A condition a resource or an output names that Conditions does not define, where, and in which entry. */
export interface UndefinedConditionUse {
  readonly name: string;
  /** `node` holds the name under `key`: the entry's `Condition`, or index 0 of an `Fn::If`'s list. */
  readonly node: object;
  readonly key: string | number;
  /** The resource's or output's id. */
  readonly id: string;
}

/**
 * The conditions the entries of a section (Resources, Outputs) name that `defined` does not know, where first named
 * in the template's order: an entry's `Condition`, and the first element of each `Fn::If` in it (in Properties,
 * Metadata, UpdatePolicy, an output's Value or Export), whether or not a mapper reads it (a property no check reads, a
 * type Parapet does not model). CloudFormation refuses such a template: an `Fn::If`'s first element is a reference
 * to a condition of the Conditions section (CloudFormation User Guide, Condition functions; cfn-lint E1028). Each
 * name once: those in `told` are skipped, and those found are added to it. The `Fn::If`s of an entry for which
 * `readInside` is false are left (an output whose Condition may not hold), as are what an `Fn::Transform` makes, a
 * loop not expanded (`Fn::ForEach::…` key), a name a loop left as written (`${Name}`: the loop's to tell) and an
 * `Fn::If` whose first element is no text (malformed: the resolver's to tell).
 */
export function undefinedConditionsNamed(
  section: unknown,
  defined: (name: string) => boolean,
  told: Set<string>,
  readInside: (entry: Record<string, unknown>) => boolean = () => true,
): UndefinedConditionUse[] {
  const found: UndefinedConditionUse[] = [];
  const entries = asRecord(section) ?? {};
  for (const id in entries) {
    const entry = asRecord(entries[id]);
    if (id.startsWith('Fn::ForEach::') || entry === undefined) continue;
    const tell = (name: unknown, node: object, key: string | number) => {
      if (typeof name !== 'string' || name.includes('${') || defined(name) || told.has(name)) return;
      told.add(name);
      found.push({ name, node, key, id });
    };
    tell(entry.Condition, entry, 'Condition');
    if (!readInside(entry)) continue;
    for (const key in entry) {
      if (key !== 'Condition' && key !== 'Fn::Transform')
        walkIfs(entry[key], (args) => tell(args[0], args, 0));
    }
  }
  return found;
}

/** Calls `visit` with the arguments of each `Fn::If` in `value` (a list), in order; what a transform makes is left. */
function walkIfs(value: unknown, visit: (args: unknown[]) => void): void {
  if (value === null || typeof value !== 'object') return;
  if (Array.isArray(value)) {
    for (const item of value) walkIfs(item, visit);
    return;
  }
  const node = value as Record<string, unknown>;
  if (Object.hasOwn(node, 'Fn::Transform')) return;
  for (const key in node) {
    if (key.startsWith('Fn::ForEach::')) continue;
    const child = node[key];
    if (key === 'Fn::If' && Array.isArray(child)) visit(child);
    walkIfs(child, visit);
  }
}
