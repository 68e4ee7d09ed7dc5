/**
 * What a condition comes down to when read through `!Not` and `!Condition` references: a comparison of a parameter
 * with a literal. Shared by the modules that reason about cases of conditions (possible-cases, case-non-empty,
 * default-conditions); it imports no resolver, so that intrinsics.ts can use case-non-empty without an import cycle.
 */
import { own } from '../../model/own.js';
import { asRecord } from './intrinsic-values.js';

/** `!Equals [!Ref P, literal]` (either way round): the parameter (or pseudo parameter) and the literal. */
export function parameterComparison(definition: unknown): { parameter: string; value: string } | undefined {
  const args = asRecord(definition)?.['Fn::Equals'];
  if (!Array.isArray(args) || args.length !== 2) return undefined;
  for (const [ref, literal] of [args, [...args].reverse()]) {
    const parameter = asRecord(ref)?.Ref;
    if (typeof parameter === 'string' && (typeof literal === 'string' || typeof literal === 'number'))
      return { parameter, value: String(literal) };
  }
  return undefined;
}

/**
 * The parameter comparison a condition comes down to through `Fn::Not` and `Condition` references, and its
 * value where the condition has the value `holds` (each Not turns it over).
 */
export function comparisonUnder(
  definition: unknown,
  holds: boolean,
  conditions: Record<string, unknown> | undefined,
): { comparison: { parameter: string; value: string }; holds: boolean } | undefined {
  const inner = throughNotAndReferences(definition, holds, conditions);
  const comparison = parameterComparison(inner.definition);
  return comparison && { comparison, holds: inner.value };
}

/**
 * A condition's definition through `!Not` (each turns the value over) and `!Condition` references, and the value
 * it then has where the condition has `value`.
 */
export function throughNotAndReferences(
  definition: unknown,
  value: boolean,
  conditions: Record<string, unknown> | undefined,
): { definition: unknown; value: boolean } {
  // A bound, not a set of names seen: CloudFormation rejects circular conditions, and this only reads.
  for (let depth = 0; depth < 16; depth++) {
    const record = asRecord(definition);
    const negated = record?.['Fn::Not'];
    if (Array.isArray(negated) && negated.length === 1) {
      definition = negated[0];
      value = !value;
    } else if (typeof record?.Condition === 'string' && Object.keys(record).length === 1) {
      definition = own(conditions, record.Condition);
    } else break;
  }
  return { definition, value };
}
