import type { Locator } from '../../model/source.js';
import { asRecord } from './intrinsic-values.js';
import type { ParseIssue } from './yaml.js';

/**
 * Takes `AllowedValues: []` out of the template's parameter declarations, saying so at each. CloudFormation's user
 * guide says only that AllowedValues is "an array containing the list of values allowed for the parameter"; what it
 * makes of an empty one is not documented, and cfn-lint reads one as no constraint (its E2015 and W2030 test the list
 * for being empty). Read as refusing every value, it made every case of a condition on the parameter impossible, and
 * every finding of those cases went untold: it is read as if it were absent, which hides nothing. Done once, on the
 * template as parsed, so that each reader of AllowedValues (cases, -p values, Select indexes, Rules) sees the same.
 */
export function takeOutEmptyAllowedValues(doc: Record<string, unknown>, locator: Locator): ParseIssue[] {
  const parameters = asRecord(doc.Parameters);
  if (!parameters) return [];
  const issues: ParseIssue[] = [];
  for (const [name, raw] of Object.entries(parameters)) {
    const decl = asRecord(raw);
    if (!decl || !Array.isArray(decl.AllowedValues) || decl.AllowedValues.length > 0) continue;
    const at = locator.locate(decl, 'AllowedValues') ?? locator.locate(parameters, name);
    issues.push({
      message:
        `parameter ${name}: AllowedValues is empty, a list of no value; CloudFormation does not document what it ` +
        `makes of one (cfn-lint reads it as no constraint): Parapet reads ${name} as if it had no AllowedValues. ` +
        'List the values a deploy may give it, or remove AllowedValues',
      line: at?.line ?? 1,
      column: at?.column ?? 1,
    });
    delete decl.AllowedValues;
  }
  return issues;
}
