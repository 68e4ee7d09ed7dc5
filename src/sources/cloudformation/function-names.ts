import type { LambdaFunction, Reference } from '../../model/lambda.js';
import { isUnknown, namesOtherStack, unknown, type Value } from '../../model/values.js';

/** A function name as CloudFormation allows it, with `${...}` for parts known at deploy. */
const NAME = String.raw`((?:[\w-]|\$\{[^}]+\})+)`;
/** `:live`, `:3`, `:$LATEST`, `:${Stage}`: a version or alias after the name (group 2). */
const QUALIFIER = String.raw`(?::((?:[\w$-]|\$\{[^}]+\})+))?`;
/**
 * The ways a FunctionName (of a permission, a mapping, a URL...) names a function of the deploy's own account and
 * region, as Lambda's "Name formats" list them: the name, a partial ARN, a full ARN. Only with the account and
 * region the deploy's pseudo parameters give: a literal account or region may be another's.
 */
const FORMS = [
  new RegExp(`^${NAME}${QUALIFIER}$`),
  new RegExp(String.raw`^\$\{AWS::AccountId\}:function:${NAME}${QUALIFIER}$`),
  new RegExp(
    String.raw`^arn:(?:aws|\$\{AWS::Partition\}):lambda:\$\{AWS::Region\}:\$\{AWS::AccountId\}:function:${NAME}${QUALIFIER}$`,
  ),
];

/** The functions of the template by the name each is given (text, or the shape of text known at deploy). */
export function functionsByName(functions: readonly LambdaFunction[]): Map<string, string | null> {
  const byName = new Map<string, string | null>();
  for (const fn of functions) {
    // A function's Ref is its name: `function:${Fn}` in an ARN names Fn whatever its name turns out to be.
    byName.set(`\${${fn.id}}`, fn.id);
    const name = isUnknown(fn.name) ? fn.name.template : fn.name;
    if (name === undefined || name === '') continue;
    // Two functions of one name (one deployed in each case of a condition): neither is meant for sure.
    byName.set(name, byName.has(name) ? null : fn.id);
  }
  return byName;
}

/**
 * The function of the template a reference names by its name or ARN rather than by `!Ref`: `cleanup-fn`,
 * `!Sub cleanup-${Suffix}` beside a function named `!Sub cleanup-${Suffix}`, `!Sub arn:${AWS::Partition}:lambda:
 * ${AWS::Region}:${AWS::AccountId}:function:cleanup-${Suffix}`. The same text, or the same expression of the same
 * parameters, is the same name. Undefined when it names none of them, or more than one.
 */
export function functionNamed(
  ref: Reference,
  byName: ReadonlyMap<string, string | null>,
): { readonly id: string; readonly qualifier?: Value<string> } | undefined {
  const text = isUnknown(ref) ? ref.template : ref;
  if (text === undefined || byName.size === 0) return undefined;
  for (const form of FORMS) {
    const match = form.exec(text);
    const name = match?.[1];
    if (name === undefined) continue;
    // `${Fn}` of another stack's Fn (an import, a parent's value) is that stack's function, not this one's.
    const placeholder = /^\$\{([^}]+)\}$/.exec(name)?.[1];
    if (isUnknown(ref) && placeholder !== undefined && namesOtherStack(ref, placeholder)) return undefined;
    const id = byName.get(name) ?? undefined;
    if (id === undefined) return undefined;
    const qualifier = match?.[2];
    return qualifier === undefined ? { id } : { id, qualifier: qualifierValue(qualifier, text) };
  }
  return undefined;
}

/**
 * The version or alias written after a function's name or ARN (`live` of `fn:live`): text, or, where it holds a
 * `${...}` (a parameter, a version's number), a value known only at deploy.
 */
export function qualifierValue(written: string, reference: string): Value<string> {
  if (!written.includes('${')) return written;
  return unknown(`the version or alias of ${reference} is known only at deploy`, written);
}
