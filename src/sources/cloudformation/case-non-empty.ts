import { own } from '../../model/own.js';
import { comparisonUnder, throughNotAndReferences } from './condition-comparisons.js';
import { asRecord } from './intrinsic-values.js';

/**
 * The parameters a case of the conditions keeps from being empty, each with the condition that does it, as findings
 * word it (`condition UseKms holds`): a condition that comes down to a comparison with '' that does not hold there
 * (`UseKms: !Not [!Equals [!Ref KeyArn, '']]` holding, `NoKey: !Equals [!Ref KeyArn, '']` not holding), also as a
 * part of an `!And` that holds or of an `!Or` that does not (every part then goes that way). Fn::Equals is true
 * exactly when its two values are equal (CloudFormation User Guide, condition functions: Fn::Equals), so wherever
 * such a comparison does not hold, the parameter is other than ''. The SRA templates set a log group's key so:
 * `KmsKeyId: !If [UseKms, !Ref KeyArn, !Ref AWS::NoValue]`.
 */
export function nonEmptyInCase(
  conditions: Record<string, unknown> | undefined,
  taken: ReadonlyMap<string, boolean>,
): Map<string, string> {
  const found = new Map<string, string>();
  for (const [name, holds] of taken)
    for (const parameter of notEmptyWhere(own(conditions, name), holds, conditions, 0))
      if (!found.has(parameter))
        found.set(parameter, `condition ${name} ${holds ? 'holds' : 'does not hold'}`);
  return found;
}

/** The parameters a condition's definition keeps from '' where it has the value `value`. */
function notEmptyWhere(
  definition: unknown,
  value: boolean,
  conditions: Record<string, unknown> | undefined,
  depth: number,
): string[] {
  // A bound, not a set of names seen: CloudFormation rejects circular conditions, and this only reads.
  if (depth > 16) return [];
  const compared = comparisonUnder(definition, value, conditions);
  if (compared) {
    const { parameter, value: text } = compared.comparison;
    return !compared.holds && text === '' ? [parameter] : [];
  }
  const inner = throughNotAndReferences(definition, value, conditions);
  const record = asRecord(inner.definition);
  const parts = inner.value ? record?.['Fn::And'] : record?.['Fn::Or'];
  if (!Array.isArray(parts)) return [];
  return parts.flatMap((part) => notEmptyWhere(part, inner.value, conditions, depth + 1));
}
