import { readFileSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { EXPORTED_BY_SEVERAL, isUnknown, type Unknown, unknown } from '../../model/values.js';
import { displayPathFor } from '../display-path.js';
import type { FileTexts } from '../file-texts.js';
import { asRecord } from './intrinsic-values.js';
import type { Resolver } from './intrinsics.js';
import { loneResourceReference } from './lone-reference.js';
import { giftResolver } from './nested-gift-resolver.js';
import { passedBack } from './nested-output-values.js';
import { choiceByDefaults, holdsNoEcho, otherStackValue, type ParentGift } from './nested-stacks.js';
import { parseTemplateText } from './template-text.js';

/** Exports of the scanned stacks, by export name: known text, or an Unknown that says what it is there. */
export type StackExports = ReadonlyMap<string, string | Unknown>;

/**
 * The exports (`Outputs.*.Export.Name`) of the scanned templates, each value resolved in the stack that
 * makes it: what an `Fn::ImportValue` of that name in another scanned stack gives. CDK links stacks of
 * one app this way (`MyStack:ExportsOutputFnGetAtt...`). A resource of the producer stays specific text
 * (`${Queue4A7E3555.Arn}`), as a parent's resource does for a nested stack (`otherStackValue`).
 *
 * Left out: names not known before deploy, or known only from parameter defaults (a deploy may export
 * another name). Values are resolved with the -p values, and for a nested producer with what its parent
 * gives. Files that cannot be read or parsed are left out here; the scan reports them itself.
 */
export function stackExports(
  files: readonly string[],
  given: Readonly<Record<string, string>> | undefined,
  maxBytes: number,
  fromParents: ReadonlyMap<string, ParentGift>,
  /** How a stack is named in messages: by the path the scan shows for its file. */
  shown: (file: string) => string = displayPathFor(process.cwd()),
  /** The scan's texts: a file is read and parsed once, for this and for its own scan. */
  texts?: FileTexts,
): Map<string, string | Unknown> {
  const found = new Map<string, string | Unknown>();
  const producers = new Map<string, string[]>();
  for (const file of new Set(files.map((f) => resolve(f)))) {
    const doc = producerCandidate(file, maxBytes, texts);
    const outputs = asRecord(doc?.Outputs);
    if (!doc || !outputs) continue;
    // Read as the stack's own scan reads it: what its parent gives, NoEcho texts included.
    const resolver = giftResolver(doc, given, fromParents.get(file));
    const stack = shown(file);
    for (const raw of Object.values(outputs)) {
      const output = asRecord(raw);
      const exportName = asRecord(output?.Export)?.Name;
      if (!output || exportName === undefined) continue;
      const { value: name, assumed } = resolver.aside(() => resolver.string(exportName));
      if (typeof name !== 'string' || assumed.length > 0) continue;
      const value = exportedValue(doc, resolver, output, stack);
      const stacks = producers.get(name) ?? [];
      producers.set(name, [...stacks, stack]);
      const before = found.get(name);
      // Two scanned stacks exporting one name (two environments of one app) may deploy either value.
      if (before === undefined) found.set(name, value);
      else if (before !== value)
        found.set(name, unknown(`${EXPORTED_BY_SEVERAL} (${[...stacks, stack].join(', ')})`));
    }
  }
  return found;
}

/** An output's value, resolved in the stack that exports it. */
function exportedValue(
  doc: Record<string, unknown>,
  resolver: Resolver,
  output: Record<string, unknown>,
  stack: string,
): string | Unknown {
  // An output whose condition holds only by the defaults may not be exported by another deploy.
  if (typeof output.Condition === 'string') {
    const condition = output.Condition;
    const holds = resolver.aside(() => resolver.conditionNamed(condition));
    if (holds.value !== true || holds.assumed.length > 0)
      return unknown(`exported by stack ${stack} only when its condition ${condition} holds`);
  }
  // An output may show a NoEcho parameter, which the importing stack's findings could print.
  if (holdsNoEcho(resolver, output.Value))
    return unknown(`exported by stack ${stack} from a NoEcho parameter (value not shown)`);
  // `!Sub '${Role.Arn}'` is `!GetAtt Role.Arn` (see loneResourceReference): that resource, as the importer links it.
  const read = resolver.aside(() => {
    const alone = loneResourceReference(output.Value, asRecord(doc.Resources) ?? {}, resolver);
    return resolver.value(alone ?? output.Value);
  });
  const value = read.value;
  // A resource a parent gave the stack (`Value: !Ref RoleParam`) is exported as given: the parent's, as nested outputs are.
  const known = passedBack(value, stack) ?? otherStackValue(value, stack, doc);
  // What the producer's defaults chose or picked may be another at deploy: not taken as that, as text from defaults
  // is not.
  const choice = known === undefined ? undefined : choiceByDefaults(resolver, output.Value, read, true);
  if (choice !== undefined) return unknown(`exported by stack ${stack}, ${choice}`);
  // Text worked out from the producer's defaults may change at deploy: not taken as what it exports.
  if (typeof known === 'string' && read.assumed.length > 0)
    return unknown(`exported by stack ${stack}, from parameter defaults a deploy may override`);
  if (known !== undefined) return known;
  return unknown(`exported by stack ${stack}${isUnknown(value) ? ` (${value.reason})` : ''}`);
}

/** The parsed template of a file that may export values; undefined when it cannot (cheap test first). */
function producerCandidate(
  file: string,
  maxBytes: number,
  texts: FileTexts | undefined,
): Record<string, unknown> | undefined {
  try {
    const text = texts
      ? texts.read(file)
      : statSync(file).size > maxBytes
        ? undefined
        : readFileSync(file, 'utf8');
    if (text === undefined || !text.includes('Export')) return undefined;
    if (texts) return asRecord(texts.parse(file, text).value);
    return asRecord(parseTemplateText(file, text).value);
  } catch {
    return undefined;
  }
}
