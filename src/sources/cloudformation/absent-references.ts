import type { Locator } from '../../model/source.js';
import { asRecord } from './intrinsic-values.js';
import type { Resolver } from './intrinsics.js';
import { shownDefaults } from './map-resource.js';
import type { TemplateWarning } from './template.js';

/** A resource CloudFormation does not create: its Condition is false, with the parameters' defaults or whatever they are. */
interface Absent {
  readonly condition: string;
  /** The defaults that make it false (`Env=dev`), when a deploy with other values may create it. */
  readonly defaults?: readonly string[];
}

/** A place that names a resource: the node holding the Ref (or GetAtt, Sub, DependsOn) and its key. */
interface Reference {
  readonly target: string;
  readonly node: object;
  readonly key: string | number;
}

/**
 * Warnings for a resource that is created naming one that is not: a resource whose Condition is false (with
 * the values given, or with the parameters' defaults) named by a Ref, GetAtt, Sub or DependsOn of a resource
 * without a condition, or whose condition holds, or by an output without a condition. CloudFormation refuses such a template ("Unresolved resource
 * dependencies"); cfn-lint warns of it as W1001. What an `Fn::If` holds is left alone: the If may be on that
 * very condition. Only conditions the mapping already worked out are read (no condition is decided here: that
 * would change which cases of the template are explored). Cheap when no resource is left out: nothing is walked.
 */
export function referencesToAbsent(
  resources: Record<string, unknown>,
  doc: Record<string, unknown>,
  resolver: Resolver,
  locator: Locator,
): TemplateWarning[] {
  const absent = new Map<string, Absent>();
  const created: string[] = [];
  for (const id in resources) {
    const condition = asRecord(resources[id])?.Condition;
    if (typeof condition !== 'string') {
      created.push(id);
      continue;
    }
    const holds = resolver.settledCondition(condition);
    if (holds === true) created.push(id);
    if (holds !== false) continue;
    const byDefault = resolver.byDefault.get(condition);
    absent.set(
      id,
      byDefault ? { condition, defaults: shownDefaults(doc, byDefault.parameters) } : { condition },
    );
  }
  if (absent.size === 0) return [];
  const warnings: TemplateWarning[] = [];
  for (const id of created) {
    const decl = asRecord(resources[id]);
    // A resource that is not a mapping is reported where the template is read; nothing to walk here.
    if (!decl) continue;
    const seen = new Set<string>();
    for (const reference of referencesIn(decl, absent)) {
      if (seen.has(reference.target)) continue;
      seen.add(reference.target);
      const message = warning(`resource ${id}`, reference.target, absent.get(reference.target) as Absent);
      const at = locator.locate(reference.node, reference.key) ?? locator.locate(reference.node);
      warnings.push({ message, ...at });
    }
  }
  // An output without a Condition of its own is refused the same way.
  const outputs = asRecord(doc.Outputs) ?? {};
  for (const name in outputs) {
    const output = asRecord(outputs[name]);
    if (!output || output.Condition !== undefined) continue;
    const found: Reference[] = [];
    walk(output.Value, absent, found);
    const first = found[0];
    if (first === undefined) continue;
    const message = warning(`output ${name}`, first.target, absent.get(first.target) as Absent);
    warnings.push({ message, ...(locator.locate(first.node, first.key) ?? locator.locate(first.node)) });
  }
  return warnings;
}

function warning(who: string, target: string, { condition, defaults }: Absent): string {
  const refused = `CloudFormation refuses to deploy a template that names a resource it does not create (Unresolved resource dependencies [${target}])`;
  return defaults === undefined
    ? `${who} names ${target}, which is not created: its condition ${condition} is false; ${refused}`
    : `${who} names ${target}, which is created only when condition ${condition} holds: with the parameters' defaults (${defaults.join(', ')}) it is not, and ${refused}`;
}

/** The references of a resource's Properties and DependsOn to the absent resources, in order. */
function referencesIn(decl: Record<string, unknown>, absent: ReadonlyMap<string, unknown>): Reference[] {
  const found: Reference[] = [];
  const dependsOn = decl.DependsOn;
  if (typeof dependsOn === 'string' && absent.has(dependsOn))
    found.push({ target: dependsOn, node: decl, key: 'DependsOn' });
  if (Array.isArray(dependsOn))
    dependsOn.forEach((name, index) => {
      if (typeof name === 'string' && absent.has(name))
        found.push({ target: name, node: dependsOn, key: index });
    });
  walk(decl.Properties, absent, found);
  return found;
}

function walk(value: unknown, absent: ReadonlyMap<string, unknown>, found: Reference[]): void {
  if (value === null || typeof value !== 'object') return;
  if (Array.isArray(value)) {
    for (const item of value) walk(item, absent, found);
    return;
  }
  const record = value as Record<string, unknown>;
  for (const key in record) {
    const child = record[key];
    if (key === 'Fn::If') continue;
    if (key === 'Ref' && typeof child === 'string' && absent.has(child)) {
      found.push({ target: child, node: record, key });
    } else if (key === 'Fn::GetAtt') {
      const head = Array.isArray(child)
        ? child[0]
        : typeof child === 'string'
          ? child.split('.')[0]
          : undefined;
      if (typeof head === 'string' && absent.has(head)) found.push({ target: head, node: record, key });
    } else if (key === 'Fn::Sub') {
      const text = Array.isArray(child) ? child[0] : child;
      const variables = Array.isArray(child) ? asRecord(child[1]) : undefined;
      for (const name of subNames(text)) {
        if (absent.has(name) && !(variables && Object.hasOwn(variables, name)))
          found.push({ target: name, node: record, key });
      }
      if (variables) walk(variables, absent, found);
    } else walk(child, absent, found);
  }
}

/** The resource names a `Fn::Sub` text's `${Name}` and `${Name.Attribute}` hold (not `${!Literal}`). */
function subNames(text: unknown): string[] {
  if (typeof text !== 'string') return [];
  const names: string[] = [];
  let at = text.indexOf('${');
  while (at !== -1) {
    const end = text.indexOf('}', at + 2);
    if (end === -1) break;
    if (text.charCodeAt(at + 2) !== 33 /* ! */) names.push(text.slice(at + 2, end).split('.')[0] as string);
    at = text.indexOf('${', end + 1);
  }
  return names;
}
