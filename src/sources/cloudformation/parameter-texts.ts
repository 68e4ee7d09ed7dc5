/**
 * A parameter declaration's values as text, as the cases of conditions read them (possible-cases.ts and
 * compared-values.ts, which each need them: one module, so that neither imports the other).
 */
import { asRecord, parameterText } from './intrinsic-values.js';

/** A parameter's AllowedValues as texts (an empty list stays empty), undefined without them. */
export function allowedValues(declaration: unknown): string[] | undefined {
  const allowed = asRecord(declaration)?.AllowedValues;
  return Array.isArray(allowed) ? allowed.map(parameterText) : undefined;
}

/** A parameter's Default as text, undefined without one. */
export function defaultText(decl: Record<string, unknown> | undefined): string | undefined {
  return decl?.Default === undefined ? undefined : parameterText(decl.Default);
}
