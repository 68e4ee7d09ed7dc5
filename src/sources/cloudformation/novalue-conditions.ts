import type { Locator } from '../../model/source.js';
import { asRecord } from './intrinsic-values.js';
import type { TemplateWarning } from './template.js';

/**
 * Why a condition comparing `Ref AWS::NoValue` is not decided, worded to follow "it" (see whyUndecided).
 * CloudFormation documents AWS::NoValue only as a value an `Fn::If` returns, to remove a property ("Pseudo
 * parameters reference"); what `Fn::Equals` compares it as is not documented, so it is not read as false.
 */
export const NO_VALUE_COMPARED =
  'compares Ref AWS::NoValue, which CloudFormation documents only as a value for Fn::If to return';

/**
 * A warning at each `Ref: AWS::NoValue` written in a condition of the Conditions section
 * (`IsPrimary: !Equals [!Ref 'AWS::NoValue', us-east-1]`, most likely meant as `!Ref AWS::Region`): the
 * condition is taken as not known before deploy, and checked both ways where it decides something.
 */
export function noValueInConditions(doc: Record<string, unknown>, locator: Locator): TemplateWarning[] {
  const conditions = asRecord(doc.Conditions);
  if (!conditions) return [];
  const warnings: TemplateWarning[] = [];
  for (const name of Object.keys(conditions)) {
    for (const ref of noValueRefs(conditions[name])) {
      warnings.push({
        message:
          `condition ${name} ${NO_VALUE_COMPARED} (to remove a property); what it compares as is not ` +
          'documented, so Parapet takes the condition as not known before deploy and checks both ways ' +
          '(did you mean another pseudo parameter, such as AWS::Region?)',
        ...(locator.locate(ref) ?? locator.locate(conditions, name)),
      });
    }
  }
  return warnings;
}

/** The `{ Ref: AWS::NoValue }` objects within a condition's definition. */
function noValueRefs(value: unknown, found: object[] = []): object[] {
  if (value === null || typeof value !== 'object') return found;
  if (!Array.isArray(value) && (value as { Ref?: unknown }).Ref === 'AWS::NoValue') {
    found.push(value);
    return found;
  }
  for (const child of Array.isArray(value) ? value : Object.values(value)) noValueRefs(child, found);
  return found;
}
