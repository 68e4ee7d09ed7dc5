import type { ScanError } from '../../findings/finding.js';
import type { Locator } from '../../model/source.js';
import { readApiDefinitionFiles } from './api-definition-files.js';
import { includeDefinitions } from './included-definitions.js';
import { readIncludedResourceTypes } from './included-resources.js';
import { type LocalReads, locatingIncluded } from './local-files.js';
import { readStateMachineFiles } from './state-machine-files.js';
import type { TemplateWarning } from './template.js';

/** What reading the definitions a template takes from local files gave. */
export interface Inclusion {
  /** Locates the template's nodes, and those of the files read (with their `file`: see Position). */
  readonly locator: Locator;
  readonly warnings: readonly TemplateWarning[];
  readonly errors: readonly ScanError[];
}

/**
 * Reads into the template the definitions it takes from local files, before it is modelled: the OpenAPI definitions
 * of AWS::Include (includeDefinitions), the types of the resources an AWS::Include in Resources brings
 * (readIncludedResourceTypes), state machines' definition files (readStateMachineFiles) and SAM APIs' OpenAPI
 * definition files (readApiDefinitionFiles). The template is
 * changed in place, once (what it gave is kept for the next call).
 */
export function readLocalDefinitions(
  doc: Record<string, unknown>,
  locator: Locator,
  maxBytes: number,
  /** Besides the template's folder tree and repository, where files are read: the working folder and the folders
   * scanned. */
  projectFolders: readonly string[],
): Inclusion | undefined {
  const done = READ.get(doc);
  if (done !== undefined) return done ?? undefined;
  const reads: LocalReads = { read: [], warnings: [], errors: [] };
  const limits = { maxBytes, projectFolders };
  includeDefinitions(doc, locator, limits, reads);
  readIncludedResourceTypes(doc, locator, limits, reads);
  readStateMachineFiles(doc, locator, limits, reads);
  readApiDefinitionFiles(doc, locator, limits, reads);
  const { read, warnings, errors } = reads;
  const inclusion =
    read.length === 0 && warnings.length === 0 && errors.length === 0
      ? undefined
      : { locator: read.length === 0 ? locator : locatingIncluded(locator, read), warnings, errors };
  READ.set(doc, inclusion ?? null);
  return inclusion;
}

/** Templates already read into (null: nothing to read), so a second call changes nothing. */
const READ = new WeakMap<object, Inclusion | null>();
