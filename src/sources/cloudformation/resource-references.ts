import type { ScanError } from '../../findings/finding.js';
import type { Locator } from '../../model/source.js';
import { asRecord, type TemplateIssue } from './intrinsic-values.js';
import type { Resolver } from './intrinsics.js';
import { type UndefinedName, undefinedNamesIn } from './output-references.js';

/** The undefined names of the Resources, as errors, and what the resolver says of each place where it reads one. */
export interface UndefinedInResources {
  readonly errors: readonly ScanError[];
  /** By the `Ref`, `Fn::GetAtt` or `Fn::Sub` written, the messages the resolver gives as it reads it: told already. */
  readonly told: ReadonlyMap<object, ReadonlySet<string>>;
}

const NONE: UndefinedInResources = { errors: [], told: new Map() };

/**
 * Template errors for the names the resources' Properties use (`Ref`, `Fn::GetAtt`, `${Name}` of an `Fn::Sub`) that
 * are neither a parameter, a pseudo parameter nor a resource: CloudFormation refuses the template ("Template format
 * error: Unresolved resource dependencies [Environment] in the Resources block of the template") before any
 * condition is worked out, so a resource with a Condition and each branch of an `Fn::If` are read too. Each resource
 * is walked once, whether or not a check reads the property (a stage's StageName, a function's Tags); the resolver,
 * which reports such a name where a reader resolves it, is told not to again (see `told`). What SAM generates, the ids
 * a loop or an inclusion may make and SAM's referenceable properties are defined (the resolver knows them); what an
 * `Fn::Transform` makes is left alone, as is a loop not expanded (`Fn::ForEach::…` key) and what `toldElsewhere`.
 */
export function undefinedNamesInResources(
  resources: Record<string, unknown>,
  resolver: Resolver,
  locator: Locator,
  /** What another step reports already (a loop's identifier left as written). */
  toldElsewhere: (issue: TemplateIssue) => boolean = () => false,
): UndefinedInResources {
  let errors: ScanError[] | undefined;
  const told = new Map<object, Set<string>>();
  for (const id in resources) {
    if (id.startsWith('Fn::ForEach::')) continue;
    const found: UndefinedName[] = [];
    undefinedNamesIn(asRecord(resources[id])?.Properties, resolver, found, true);
    const seen = new Set<string>();
    for (const { target, why, node, key } of found) {
      if (toldElsewhere({ message: why, node })) continue;
      told.set(node, (told.get(node) ?? new Set()).add(why));
      if (seen.has(target)) continue;
      seen.add(target);
      errors ??= [];
      errors.push({
        kind: 'template',
        message: `${id}: ${why} (CloudFormation refuses the template: Unresolved resource dependencies [${target}] in the Resources block)`,
        file: locator.file,
        resource: id,
        ...(locator.locate(node, key) ?? locator.locate(node)),
      });
    }
  }
  return errors === undefined ? NONE : { errors, told };
}
