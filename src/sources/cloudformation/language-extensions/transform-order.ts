import { listedWithOr } from '../../../findings/words.js';
import { asRecord } from '../intrinsic-values.js';
import { SAM_TRANSFORM } from '../sam/index.js';
import { LANGUAGE_EXTENSIONS, transformNames } from '../transforms.js';
import { FOR_EACH } from './identifiers.js';
import type { LoopIssue } from './loop-issues.js';

/**
 * What a template that lists SAM's transform before AWS::LanguageExtensions gets. The transform's page ("Remarks",
 * AWS::LanguageExtensions transform, CloudFormation Template Reference) says that with both, "the
 * AWS::LanguageExtensions transform must come before the AWS::Serverless transform in the list": transforms run in
 * the order listed, so SAM meets what the template writes of the language extensions unprocessed. The page does not
 * say what CloudFormation does then, so the verdict rests on what SAM reads:
 * - an error where SAM reads the construct: a Fn::ForEach in Resources (a loop of resources is no resource SAM can
 *   read), an intrinsic function in any resource's DeletionPolicy or UpdateReplacePolicy (SAM checks every
 *   resource's are text, samtranslator/sdk/resource.py, "Every DeletionPolicy member must be a string."; cfn-lint#2346
 *   saw the change set fail), anything (a loop too) in an AWS::Serverless resource or in Globals;
 * - a warning where SAM passes it through (a resource of another type, Outputs, Conditions): SAM touches only its own
 *   resources, and AWS::LanguageExtensions processes the rest after it; or where the template writes none of it.
 * Undefined in the right order.
 */
export function transformOrderIssue(
  doc: Record<string, unknown>,
): { readonly issue: LoopIssue; readonly isError: boolean } | undefined {
  const transforms = transformNames(doc.Transform);
  const sam = transforms.indexOf(SAM_TRANSFORM);
  if (sam === -1 || sam > transforms.indexOf(LANGUAGE_EXTENSIONS)) return undefined;
  const uses = languageExtensionsUsed(doc);
  const listed = `Transform lists ${SAM_TRANSFORM} before ${LANGUAGE_EXTENSIONS}, whose documentation says it must come first`;
  const at = { node: doc, key: 'Transform' };
  const read = uses.filter((use) => use.samReads);
  if (read.length > 0)
    return {
      issue: {
        message:
          `${listed}: transforms run in the order listed, so SAM would meet ${words(read)} unprocessed; write ` +
          `${LANGUAGE_EXTENSIONS} first (Parapet processes them in that order anyway)`,
        ...at,
      },
      isError: true,
    };
  if (uses.length > 0) {
    // One construct is `it`, but `Fn::ForEach loops` (a plural however many) is `them`.
    const kinds = new Set(uses.map((use) => use.what));
    const them = kinds.size === 1 && !kinds.has(LOOPS) ? 'it' : 'them';
    return {
      issue: {
        message:
          `${listed}; SAM passes ${words(uses)} through unchanged, as no SAM resource, Globals, DeletionPolicy or ` +
          `UpdateReplacePolicy holds ${them}, and ${LANGUAGE_EXTENSIONS} processes ${them} after SAM: write ` +
          `${LANGUAGE_EXTENSIONS} first, as its documentation asks`,
        ...at,
      },
      isError: false,
    };
  }
  return {
    issue: {
      message:
        `${listed}; this template writes nothing ${LANGUAGE_EXTENSIONS} adds (${listedWithOr(CONSTRUCTS)}), so ` +
        `the order changes nothing Parapet checks: write ${LANGUAGE_EXTENSIONS} first, or leave it out`,
      ...at,
    },
    isError: false,
  };
}

/** One construct of AWS::LanguageExtensions the template writes, where (a resource's id, a section). */
interface Use {
  readonly what: Construct;
  readonly where: string | undefined;
  readonly samReads: boolean;
}

const LOOPS = 'Fn::ForEach loops';

/**
 * What AWS::LanguageExtensions adds that a template may write, in the order messages name them: the one list of
 * them, which a Use's `what` is typed by (languageExtensionsUsed finds each) and the messages name from.
 */
const CONSTRUCTS = [
  LOOPS,
  'Fn::Length',
  'Fn::ToJsonString',
  'the DefaultValue of Fn::FindInMap',
  'an intrinsic function in DeletionPolicy',
  'an intrinsic function in UpdateReplacePolicy',
] as const;

type Construct = (typeof CONSTRUCTS)[number];

/** `Fn::Length (in Fn, Globals), Fn::ToJsonString (in Api)`: each construct once, in CONSTRUCTS' order, with where it sits. */
function words(uses: readonly Use[]): string {
  return CONSTRUCTS.flatMap((what) => {
    const of = uses.filter((use) => use.what === what);
    if (of.length === 0) return [];
    const where = [...new Set(of.flatMap((use) => (use.where === undefined ? [] : [use.where])))];
    if (where.length === 0) return [what];
    const shown = where.length > 3 ? [...where.slice(0, 3), `${where.length - 3} more`] : where;
    return [`${what} (${what.includes(' in ') ? 'of' : 'in'} ${shown.join(', ')})`];
  }).join(', ');
}

/** What the template writes of AWS::LanguageExtensions, and whether SAM reads each (see transformOrderIssue). */
function languageExtensionsUsed(doc: Record<string, unknown>): Use[] {
  const uses: Use[] = [];
  const walk = (value: unknown, where: string | undefined, samReads: boolean): void => {
    if (Array.isArray(value)) {
      for (const item of value) walk(item, where, samReads);
      return;
    }
    const node = asRecord(value);
    if (node === undefined) return;
    for (const key of Object.keys(node)) {
      // A loop makes what it stands for only when AWS::LanguageExtensions runs: where SAM reads (its own resources,
      // Globals) it meets a key it cannot read; elsewhere (Outputs, Conditions, a plain resource) it passes it on.
      if (key.startsWith(FOR_EACH)) uses.push({ what: LOOPS, where, samReads });
      else if (key === 'Fn::Length' || key === 'Fn::ToJsonString') uses.push({ what: key, where, samReads });
      else if (key === 'Fn::FindInMap' && Array.isArray(node[key]) && (node[key] as unknown[]).length > 3)
        uses.push({ what: 'the DefaultValue of Fn::FindInMap', where, samReads });
      walk(node[key], where, samReads);
    }
  };
  for (const [section, value] of Object.entries(doc)) {
    if (section === 'Resources') continue;
    walk(value, section, section === 'Globals');
  }
  const resources = asRecord(doc.Resources) ?? {};
  for (const [id, decl] of Object.entries(resources)) {
    if (id.startsWith(FOR_EACH)) {
      uses.push({ what: LOOPS, where: undefined, samReads: true });
      walk(decl, undefined, true);
      continue;
    }
    const resource = asRecord(decl);
    const type = resource?.Type;
    walk(decl, id, typeof type === 'string' && type.startsWith('AWS::Serverless::'));
    for (const policy of ['DeletionPolicy', 'UpdateReplacePolicy'] as const)
      if (resource?.[policy] !== undefined && typeof resource[policy] !== 'string')
        uses.push({ what: `an intrinsic function in ${policy}`, where: id, samReads: true });
  }
  return uses;
}
