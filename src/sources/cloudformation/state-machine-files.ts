import type { Locator } from '../../model/source.js';
import { type DefinitionFileKind, fromFile, readDefinitionFiles } from './definition-files.js';
import type { JsonLeniency } from './json.js';
import { firstShortForm, type LocalReads } from './local-files.js';

/**
 * The state machine types whose definition may be a local file that `sam package` (SAM's DefinitionUri) or `aws
 * cloudformation package` (DefinitionS3Location: both are in its list of the properties it uploads) puts in S3,
 * rewriting the path to the object's location.
 */
const FILE_PROPERTIES: Readonly<Record<string, string>> = {
  'AWS::Serverless::StateMachine': 'DefinitionUri',
  'AWS::StepFunctions::StateMachine': 'DefinitionS3Location',
};

/**
 * A definition file in JSON (or a DefinitionString) may write a `${name}` where a value goes (`"TimeoutSeconds":
 * ${Timeout}`): CloudFormation fills DefinitionSubstitutions into its text before it parses it (json-loose.ts). It is
 * read as the text `${name}`, which the mapper fills as it fills a `${name}` in a string, unknown when not given.
 */
export const DEFINITION_JSON: JsonLeniency = { trailingCommas: false, placeholders: true };

/**
 * Reads the definition of each state machine whose DefinitionUri (SAM) or DefinitionS3Location is a path, not an
 * `s3://` URI nor a `{Bucket, Key}` map, from that file (JSON or YAML, relative to the template's folder), and puts
 * it in place of the path: the mapper reads it as the definition CloudFormation takes from S3, with its
 * DefinitionSubstitutions (definitionFromFile). Intrinsics in the file are not resolved: CloudFormation takes the
 * file as it is, and fills only its `${name}`s.
 *
 * A file that cannot be read is a warning at the property, one that does not parse an error in it: the definition
 * stays unknown. Which files are read: see readLocalFile. A state machine that also writes its definition in the
 * template (Definition, DefinitionString), which SAM and CloudFormation refuse, is read from the template.
 */
export function readStateMachineFiles(
  doc: Record<string, unknown>,
  locator: Locator,
  limits: { readonly maxBytes: number; readonly projectFolders: readonly string[] },
  reads: LocalReads,
): void {
  readDefinitionFiles(doc, locator, limits, reads, STATE_MACHINE_FILES);
}

/** The definition read from a local file in place of DefinitionUri or DefinitionS3Location; undefined otherwise. */
export function definitionFromFile(value: unknown): Record<string, unknown> | undefined {
  return fromFile(STATE_MACHINE_FILES, value);
}

const STATE_MACHINE_FILES: DefinitionFileKind = {
  properties: FILE_PROPERTIES,
  what: 'state machine definition',
  article: 'a',
  unchecked: 'what its states invoke',
  json: DEFINITION_JSON,
  skip: ({ properties }) => properties.Definition !== undefined || properties.DefinitionString !== undefined,
  onRead: ({ parsed, shortForms }, reads) => {
    const first = firstShortForm(shortForms, parsed.locator);
    if (first)
      reads.warnings.push({
        message:
          `${first.short.tag} is a YAML short form, which CloudFormation does not run in a state machine's ` +
          'definition file: give the value in DefinitionSubstitutions and write its ${name} there; Parapet does not ' +
          'read it',
        file: parsed.locator.file,
        ...first.at,
      });
  },
  read: new WeakSet(),
};
