/**
 * The AWS::LanguageExtensions transform, as far as it changes what is deployed: `Fn::ForEach` loops in
 * Resources, Conditions and Outputs and inside resources (their properties), expanded before SAM sees the
 * template, as CloudFormation runs transforms in the order listed. (`Fn::Length` and `Fn::ToJsonString`,
 * which it adds too, are resolved with the other intrinsics.)
 *
 * Not done: the transform also resolves `Fn::FindInMap` (with DefaultValue) where CloudFormation wants
 * plain text, as in a resource's `Condition`; Parapet leaves those as written (a `Condition` that is not a
 * name is read as none). `${Identifier}` in plain strings outside `Fn::Sub` is left as written, as cfn-lint's
 * model of the transform leaves it; in a `Ref`, `Fn::GetAtt` or condition name it is an error saying to
 * write `!Sub` (in place of the resolver's "not defined").
 */

import { asRecord, type TemplateIssue } from '../intrinsic-values.js';
import { Resolver } from '../intrinsics.js';
import type { Origin } from '../sam/index.js';
import type { StackExports } from '../stack-exports.js';
import { FOR_EACH } from './identifiers.js';
import type { LeftAsWritten } from './left-as-written.js';
import { LoopExpander } from './loop-expander.js';
import type { LoopIssue } from './loop-issues.js';
import { transformOrderIssue } from './transform-order.js';

export { FOR_EACH } from './identifiers.js';
export { type LeftAsWritten, reportedByLoops } from './left-as-written.js';

import { LANGUAGE_EXTENSIONS, transformNames } from '../transforms.js';

export { LANGUAGE_EXTENSIONS } from '../transforms.js';
export type { LoopIssue } from './loop-issues.js';
export { MAX_LOOP_DEPTH, MAX_LOOP_ENTRIES } from './loop-limits.js';
export { IdsWithPatterns } from './unexpanded-ids.js';

import type { IdPattern } from './unexpanded-ids.js';

/** The sections where CloudFormation expands loops, and those where it refuses them. */
const LOOP_SECTIONS = ['Conditions', 'Resources', 'Outputs'] as const;
const NO_LOOP_SECTIONS = ['Parameters', 'Mappings', 'Rules', 'Metadata', 'Hooks'] as const;

interface LanguageExtensionsExpansion {
  /** The template with its loops expanded (the same object when there was nothing to expand). */
  readonly template: Record<string, unknown>;
  /** New objects the expansion built → what the user wrote them from (see `locatingOrigins`). */
  readonly origins: ReadonlyMap<object, Origin>;
  readonly issues: readonly LoopIssue[];
  /** What is no error but worth saying (SAM listed first in a template that writes no language extension). */
  readonly warnings: readonly LoopIssue[];
  /** Resource logical id → the parameters whose defaults the collections of the loops that made it used. */
  readonly assumed: ReadonlyMap<string, readonly string[]>;
  /** Each resource a loop made → the name of that loop (`Fn::ForEach::Topics`). */
  readonly madeBy: ReadonlyMap<string, string>;
  /**
   * The logical ids that loops in Resources that could not be expanded would make, as patterns of their
   * keys (`Fn${Name}` → /^Fn[A-Za-z0-9]*$/): a reference to one is to a resource that is not checked, not to
   * an undefined one.
   */
  readonly unexpandedIds: readonly IdPattern[];
  /**
   * Names written with a loop's `${Identifier}` outside `Fn::Sub` (`Ref: ${Name}Fn`), already reported
   * with what to write, and the objects holding them: what the resolver says about them later is noise.
   */
  readonly leftAsWritten: LeftAsWritten;
}

/**
 * Whether the template asks for the transform or writes a loop at the top of a section: a look at a few
 * keys, so templates without loops pay nothing. (A loop deeper down without the transform is one
 * CloudFormation rejects; it is left as written.)
 */
function usesLanguageExtensions(doc: Record<string, unknown>): boolean {
  if (transformNames(doc.Transform).includes(LANGUAGE_EXTENSIONS)) return true;
  for (const section of [...LOOP_SECTIONS, ...NO_LOOP_SECTIONS]) {
    const node = asRecord(doc[section]);
    if (node) for (const key in node) if (key.startsWith(FOR_EACH)) return true;
  }
  return false;
}

/**
 * The template as the transform leaves it, or undefined when it uses no language extension. `parameters`
 * are the values given on the command line, which a collection from a parameter uses before its default;
 * `exports`, those of the other stacks scanned, which a collection may import.
 */
export function expandLanguageExtensions(
  doc: Record<string, unknown>,
  parameters?: Readonly<Record<string, string>>,
  exports?: StackExports,
): LanguageExtensionsExpansion | undefined {
  if (!usesLanguageExtensions(doc)) return undefined;
  const transforms = transformNames(doc.Transform);
  const resourceIds = new Set(
    Object.keys(asRecord(doc.Resources) ?? {}).filter((id) => !id.startsWith(FOR_EACH)),
  );
  const expander = new LoopExpander(
    (report: (issue: TemplateIssue) => void) =>
      new Resolver(doc, resourceIds, report, parameters, undefined, undefined, undefined, exports),
    transforms.includes(LANGUAGE_EXTENSIONS) ? undefined : missingTransform(transforms),
  );
  const issues: LoopIssue[] = [];
  const order = transformOrderIssue(doc);
  if (order?.isError) issues.push(order.issue);
  for (const section of NO_LOOP_SECTIONS) {
    const node = asRecord(doc[section]);
    for (const key of node ? Object.keys(node) : []) {
      if (!key.startsWith(FOR_EACH)) continue;
      issues.push({
        message: `${key}: CloudFormation does not allow Fn::ForEach in ${section}, only in Resources, Conditions and Outputs; not expanded`,
        node: node as object,
        key,
      });
    }
  }

  let template = doc;
  for (const section of LOOP_SECTIONS) {
    const node = asRecord(doc[section]);
    if (!node) continue;
    const expanded = expander.section(section, node);
    if (expanded !== node) {
      if (template === doc) {
        template = { ...doc };
        expander.origins.set(template, { node: doc, copy: true });
      }
      template[section] = expanded;
    }
  }
  // A loop's name must not be a resource's logical id, written or made by a loop.
  const loopsInResources = Object.keys(asRecord(doc.Resources) ?? {}).filter((key) =>
    key.startsWith(FOR_EACH),
  );
  const ids = asRecord(template.Resources) ?? {};
  for (const key of loopsInResources) {
    const name = key.slice(FOR_EACH.length);
    if (!Object.hasOwn(ids, name)) continue;
    issues.push({
      message: `${key}: the loop's name ${name} is also the logical id of a resource; CloudFormation rejects the template`,
      node: doc.Resources as object,
      key,
      resource: key,
    });
  }
  const assumed = new Map<string, readonly string[]>();
  for (const [id, parameters] of expander.assumed) assumed.set(id, [...parameters].sort());
  return {
    template,
    origins: expander.origins,
    issues: [...issues, ...expander.issues],
    warnings: order && !order.isError ? [order.issue] : [],
    assumed,
    madeBy: expander.madeBy,
    unexpandedIds: expander.unexpandedIds,
    leftAsWritten: expander.leftAsWritten,
  };
}

/** What to write when loops are there but the transform is not, as the end of a sentence. */
function missingTransform(transforms: readonly string[]): string {
  const fixed =
    transforms.length === 0 ? LANGUAGE_EXTENSIONS : `[${[LANGUAGE_EXTENSIONS, ...transforms].join(', ')}]`;
  return (
    `CloudFormation rejects Fn::ForEach without the ${LANGUAGE_EXTENSIONS} transform: write Transform: ${fixed} ` +
    'at the top level (expanded and checked anyway)'
  );
}
