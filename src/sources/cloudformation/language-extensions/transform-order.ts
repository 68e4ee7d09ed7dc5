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
 * say what CloudFormation does then. A template that writes some of it gets an error naming what SAM would meet;
 * one that writes none of it, a warning: the order changes nothing there. Undefined in the right order.
 */
export function transformOrderIssue(
  doc: Record<string, unknown>,
): { readonly issue: LoopIssue; readonly isError: boolean } | undefined {
  const transforms = transformNames(doc.Transform);
  const sam = transforms.indexOf(SAM_TRANSFORM);
  if (sam === -1 || sam > transforms.indexOf(LANGUAGE_EXTENSIONS)) return undefined;
  const used = languageExtensionsUsed(doc);
  const listed = `Transform lists ${SAM_TRANSFORM} before ${LANGUAGE_EXTENSIONS}, whose documentation says it must come first`;
  const at = { node: doc, key: 'Transform' };
  if (used.length === 0)
    return {
      issue: {
        message:
          `${listed}; this template writes nothing ${LANGUAGE_EXTENSIONS} adds (Fn::ForEach, Fn::Length, ` +
          'Fn::ToJsonString, an intrinsic function in DeletionPolicy or UpdateReplacePolicy, a DefaultValue of ' +
          `Fn::FindInMap), so the order changes nothing Parapet checks: write ${LANGUAGE_EXTENSIONS} first, or ` +
          'leave it out',
        ...at,
      },
      isError: false,
    };
  return {
    issue: {
      message:
        `${listed}: transforms run in the order listed, so SAM would meet ${used.join(', ')} unprocessed; write ` +
        `${LANGUAGE_EXTENSIONS} first (Parapet processes them in that order anyway)`,
      ...at,
    },
    isError: true,
  };
}

/** What the template writes of AWS::LanguageExtensions, in the words of the warning, in a fixed order. */
function languageExtensionsUsed(doc: Record<string, unknown>): string[] {
  const found = new Set<string>();
  const walk = (value: unknown): void => {
    if (Array.isArray(value)) {
      for (const item of value) walk(item);
      return;
    }
    const node = asRecord(value);
    if (node === undefined) return;
    for (const key of Object.keys(node)) {
      if (key.startsWith(FOR_EACH)) found.add('Fn::ForEach loops');
      else if (key === 'Fn::Length' || key === 'Fn::ToJsonString') found.add(key);
      else if (key === 'Fn::FindInMap' && Array.isArray(node[key]) && (node[key] as unknown[]).length > 3)
        found.add('the DefaultValue of Fn::FindInMap');
      walk(node[key]);
    }
  };
  walk(doc);
  for (const decl of Object.values(asRecord(doc.Resources) ?? {})) {
    const resource = asRecord(decl);
    for (const policy of ['DeletionPolicy', 'UpdateReplacePolicy'])
      if (resource?.[policy] !== undefined && typeof resource[policy] !== 'string')
        found.add(`an intrinsic function in ${policy}`);
  }
  const order = [
    'Fn::ForEach loops',
    'Fn::Length',
    'Fn::ToJsonString',
    'the DefaultValue of Fn::FindInMap',
    'an intrinsic function in DeletionPolicy',
    'an intrinsic function in UpdateReplacePolicy',
  ];
  return order.filter((what) => found.has(what));
}
