import { basename } from 'node:path';
import type { ScanError } from '../../findings/finding.js';
import type { Locator } from '../../model/source.js';
import { includeOf } from './included-definitions.js';
import { asRecord } from './intrinsic-values.js';
import { isLocalFile, type LocalReads, readLocalFile } from './local-files.js';

/**
 * Reads the types of the resources that an `Fn::Transform: {Name: AWS::Include, Parameters: {Location: <file>}}`
 * written as a key of Resources brings from a file beside the template (a mapping of logical ids to declarations, as
 * the pipeline-atlantis template includes `./template-dashboard.yml`, whose one resource is a dashboard), so that
 * a check asking whether the template may add a resource of some type (an alarm) is not left unknown by an include
 * that adds none (see TransformMayAdd). The resources are not modelled: they stay unchecked, as the warning at the
 * transform says. A Location in S3 or made by an intrinsic, a file that cannot be read or parsed, or one whose
 * resources do not all declare a Type, leaves the include one that may add any resource: what it adds is unknown, not
 * absent. A file that cannot be read is a warning at the Location, one that does not parse an error at its line
 * (CloudFormation could not include it either), each naming the template's line; what its parse read on past (a
 * repeated key, an unknown tag, which leaves its types unknown too) is a warning at its line. Which files are read:
 * see readLocalFile.
 */
export function readIncludedResourceTypes(
  doc: Record<string, unknown>,
  locator: Locator,
  limits: { readonly maxBytes: number; readonly projectFolders: readonly string[] },
  reads: Pick<LocalReads, 'warnings' | 'errors'>,
): void {
  const resources = asRecord(doc.Resources);
  if (resources === undefined || !Object.hasOwn(resources, 'Fn::Transform')) return;
  const include = includeOf({ 'Fn::Transform': resources['Fn::Transform'] });
  const location = include?.location;
  const transform = asRecord(resources['Fn::Transform']);
  if (include === undefined || location === undefined || transform === undefined || !isLocalFile(location))
    return;
  const at = locator.locate(include.parameters, 'Location') ?? locator.locate(resources, 'Fn::Transform');
  const where = `the AWS::Include in Resources of ${basename(locator.file)}${at?.line === undefined ? '' : ` (line ${at.line})`}`;
  const unknownAdded =
    'what it adds is not known (Parapet checks none of it, and takes the template as one that may add any resource)';
  const unread = (why: string) =>
    reads.warnings.push({
      message: `the AWS::Include in Resources brings ${location}, which Parapet cannot read (${why}): ${unknownAdded}`,
      ...at,
    });
  const failed: ScanError[] = [];
  const read = readLocalFile(location, locator, `${location}, which ${where} brings`, limits, unread, failed);
  for (const error of failed) reads.errors.push({ ...error, message: `${error.message}; ${unknownAdded}` });
  if (read === undefined) return;
  // What the parse read on past (a repeated key; a tag that is no intrinsic function, which leaves what the file
  // adds unknown): warnings at the snippet's line, as its resources are not checked.
  const { file } = read.parsed.locator;
  const brought = `in ${location}, which ${where} brings`;
  for (const { message, line, column } of read.parsed.warnings)
    reads.warnings.push({ message: `${message} (${brought})`, file, line, column });
  for (const { message, line, column } of read.parsed.errors)
    reads.warnings.push({ message: `${message} (${brought}): ${unknownAdded}`, file, line, column });
  const declared = asRecord(read.parsed.value);
  if (declared === undefined || read.parsed.errors.length > 0) return;
  const types = Object.values(declared).map((declaration) => asRecord(declaration)?.Type);
  if (types.length === 0 || !types.every((type): type is string => typeof type === 'string')) return;
  TYPES.set(transform, [...new Set(types)]);
}

/**
 * The types of the resources the AWS::Include `transform` (the value of Resources' `Fn::Transform`) brings from a
 * local file, each once; undefined where they are not known (see readIncludedResourceTypes).
 */
export function includedResourceTypes(transform: unknown): readonly string[] | undefined {
  const node = asRecord(transform);
  return node === undefined ? undefined : TYPES.get(node);
}

const TYPES = new WeakMap<object, readonly string[]>();
