import type { ScanError } from '../../findings/finding.js';
import type { Locator } from '../../model/source.js';
import { asRecord } from './intrinsic-values.js';

/** Resources whose `Parameters` go to a nested stack: CloudFormation takes a string for each. */
/** The resources that nest a stack: a template's own, or a Serverless Application Repository application. */
export const NESTING_TYPES: readonly string[] = [
  'AWS::CloudFormation::Stack',
  'AWS::Serverless::Application',
];

/** Intrinsics that always give a list. */
const LIST_FUNCTIONS = ['Fn::Split', 'Fn::GetAZs', 'Fn::Cidr'];

/**
 * A list given to a nested stack's parameter: a list written out, a `Ref` to a list parameter
 * (CommaDelimitedList, `List<...>`), or `Fn::Split`, `Fn::GetAZs` or `Fn::Cidr`, in either branch of an `Fn::If` too.
 * CloudFormation takes only strings there: the nested stack fails to create ("Value of property Parameters must
 * be an object with String (or simple type) properties"). The child reads such a value as not known before deploy.
 */
export function listsGivenToNestedStacks(
  resources: Record<string, unknown>,
  parameters: Record<string, unknown> | undefined,
  locator: Locator,
): ScanError[] {
  const errors: ScanError[] = [];
  for (const [id, raw] of Object.entries(resources)) {
    const decl = asRecord(raw);
    if (typeof decl?.Type !== 'string' || !NESTING_TYPES.includes(decl.Type)) continue;
    const given = asRecord(asRecord(decl.Properties)?.Parameters);
    if (!given) continue;
    for (const [name, value] of Object.entries(given)) {
      // `Parameters: !If [...]` chooses the whole map at deploy: its branches are not looked into.
      if (name.startsWith('Fn::')) continue;
      const list = listIn(value, parameters);
      if (list === undefined) continue;
      errors.push({
        kind: 'template',
        message:
          `${id}: parameter ${name} of the nested stack is given ${list}; CloudFormation takes only text for a ` +
          'nested stack\'s parameters and fails to create it: join the list (`!Join [",", ...]`) and split it in ' +
          'the nested stack',
        file: locator.file,
        resource: id,
        ...locator.locate(given, name),
      });
    }
  }
  return errors;
}

/** How `value` is a list, in words (`a list`, `the CommaDelimitedList parameter Subnets`); undefined if it is not. */
function listIn(value: unknown, parameters: Record<string, unknown> | undefined): string | undefined {
  if (Array.isArray(value)) return 'a list';
  const record = asRecord(value);
  if (!record) return undefined;
  const ref = record.Ref;
  if (typeof ref === 'string') {
    if (ref === 'AWS::NotificationARNs') return 'the list pseudo parameter AWS::NotificationARNs';
    const type = asRecord(parameters?.[ref])?.Type;
    return typeof type === 'string' && isListType(type) ? `the ${type} parameter ${ref}` : undefined;
  }
  const fn = LIST_FUNCTIONS.find((key) => key in record);
  if (fn !== undefined) return `a list (${fn})`;
  const choice = record['Fn::If'];
  if (Array.isArray(choice)) {
    for (const branch of choice.slice(1)) {
      const list = listIn(branch, parameters);
      if (list !== undefined) return list;
    }
  }
  return undefined;
}

/** CommaDelimitedList, `List<AWS::EC2::Subnet::Id>`, `AWS::SSM::Parameter::Value<List<String>>`. */
function isListType(type: string): boolean {
  return (
    type === 'CommaDelimitedList' ||
    type.startsWith('List<') ||
    type.includes('<List<') ||
    type.includes('<CommaDelimitedList>')
  );
}
