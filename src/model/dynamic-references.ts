import { isUnknown, Unknown, type Value } from './values.js';

/**
 * CloudFormation dynamic references (`{{resolve:ssm:name}}`, `{{resolve:ssm-secure:name}}`,
 * `{{resolve:secretsmanager:id}}`): CloudFormation retrieves the value "when necessary during stack and change
 * set operations" (user guide, "Get values stored in other services using dynamic references"), after the
 * intrinsic functions and the transforms have run. Text holding one is not known before deploy: it is an Unknown,
 * as a parameter without default is, and the reference takes the place of a `${...}` in its shape:
 * `arn:aws:s3:::{{resolve:ssm:b}}/*` is `arn:aws:s3:::${resolve:ssm:b}/*`, a part that may be anything, `*`
 * included. Its reason names the reference as the template writes it: a parameter name or a secret id, never the
 * value, which Parapet never reads.
 */

/**
 * A dynamic reference as written; its inner text may hold the `${Name}` of an `Fn::Sub` not known before deploy. No part
 * runs across a `{` (a `${` left open would otherwise make each match scan the rest of the text: quadratic).
 */
const WRITTEN = /\{\{resolve:((?:\$\{[^{}]*\}|[^{}])*)\}\}/g;

/** How the name of a `${...}` that stands for a dynamic reference in an Unknown's shape starts: `${resolve:ssm:b}`. */
export const DYNAMIC_REFERENCE_PLACEHOLDER = 'resolve:';

/** Starts the reason of a value not known before deploy because it holds a dynamic reference. */
export const DYNAMIC_REFERENCE_REASON = 'dynamic reference ';

/** A dynamic reference in an Unknown's shape. */
const PLACEHOLDER = /\$\{resolve:([^{}]*)\}/g;

/** What each service a reference names holds, as reasons word it. */
const STORES: Readonly<Record<string, string>> = {
  ssm: 'SSM Parameter Store',
  'ssm-secure': 'SSM Parameter Store (SecureString)',
  secretsmanager: 'Secrets Manager',
};

/**
 * Known text as CloudFormation deploys it: an Unknown when it holds a dynamic reference, else the text itself.
 * Cheap for the text of most properties, which holds no `{{`.
 */
export function dynamicReferenceText(text: string): Value<string> {
  if (!text.includes('{{resolve:')) return text;
  const first = WRITTEN.exec(text);
  WRITTEN.lastIndex = 0;
  if (first === null) return text;
  return new Unknown(dynamicReferenceReason(first[0], first[1] as string), placeholders(text));
}

/**
 * An Unknown whose shape holds a dynamic reference as written (`{{resolve:ssm:/${Env}/bucket}}` of an `Fn::Sub`):
 * the reference a `${...}` of its own, and the reason its (the first one's), which may give any text where the rest
 * (`${AWS::Partition}`, a resource) may only give specific text (see mayComeFromOutside, iam/templates.ts). The names the reference held are no longer in the shape, so what its details
 * say of them (a resource, a name without wildcard) is dropped, and what says the value is wholly one parameter or
 * resource, or one of a list of texts, too: a reference may give anything.
 */
export function dynamicReferenceShape(value: Unknown): Unknown {
  const template = value.template;
  // Every intrinsic's Unknown comes here: most hold no reference, and a search for the text is cheaper than the regex.
  if (template === undefined || !template.includes('{{resolve:')) return value;
  const first = WRITTEN.exec(template);
  WRITTEN.lastIndex = 0;
  if (first === null) return value;
  const shape = placeholders(template);
  const kept = (names: readonly string[] | undefined) => {
    const left = names?.filter((name) => shape.includes(`\${${name}}`));
    return left === undefined || left.length === 0 ? undefined : left;
  };
  const resources = kept(value.resources);
  const noWildcard = kept(value.noWildcard);
  const otherStacks = kept(value.otherStacks);
  return new Unknown(dynamicReferenceReason(first[0], first[1] as string), shape, {
    ...(resources ? { resources } : {}),
    ...(noWildcard ? { noWildcard } : {}),
    ...(otherStacks ? { otherStacks } : {}),
  });
}

/** A resolved value with its dynamic references made unknown: text, or an Unknown's shape; anything else as it is. */
export function withoutDynamicReferences<T>(value: T): T | Unknown {
  if (typeof value === 'string') return dynamicReferenceText(value) as T | Unknown;
  if (isUnknown(value)) return dynamicReferenceShape(value);
  return value;
}

/**
 * An Unknown's shape with its dynamic references written back as the template writes them
 * (`{{resolve:secretsmanager:${DbSecret}:SecretString:password}}`): for readers of what a reference takes, and for
 * what a finding says (the engine writes back every message and evidence: see toFinding, engine/evaluate.ts).
 */
export function writtenDynamicReferences(shape: string): string {
  if (!shape.includes('${resolve:')) return shape;
  return shape.replace(PLACEHOLDER, (_whole, inner: string) => `{{resolve:${fromPlaceholder(inner)}}}`);
}

/** A whole `{{resolve:ssm:name}}` (`:version` too) as the template writes it; `${...}` of an `Fn::Sub` may be in the name. */
const WHOLE_SSM = /^\{\{resolve:ssm:((?:\$\{[^{}]*\}|[^:{}])+)(?::\d+)?\}\}$/;

/** The SSM parameter an Unknown's shape reads when it is wholly one `{{resolve:ssm:name}}`, as written; else undefined. */
export function wholeSsmReference(shape: string): string | undefined {
  return WHOLE_SSM.exec(writtenDynamicReferences(shape))?.[1];
}

/** Text without its dynamic references (`{{resolve:secretsmanager:${Name}:SecretString:salt}}` and the like). */
export function outsideDynamicReferences(text: string): string {
  return text.includes('{{resolve:') ? text.replace(WRITTEN, '') : text;
}

/** Why text holding `reference` (inner: what follows `resolve:`) is not known before deploy. */
function dynamicReferenceReason(reference: string, inner: string): string {
  const store = STORES[inner.slice(0, inner.indexOf(':'))];
  return store === undefined
    ? `${DYNAMIC_REFERENCE_REASON}${reference}, resolved at deploy`
    : `${DYNAMIC_REFERENCE_REASON}${reference}, read from ${store} at deploy`;
}

/** Each dynamic reference of text as a `${...}` of its own: `${resolve:ssm:b}`. */
function placeholders(text: string): string {
  return text.replace(WRITTEN, (_whole, inner: string) => `\${resolve:${toPlaceholder(inner)}}`);
}

// A `${Name}` inside a reference is written `$(Name)` in its placeholder, whose name holds no brace; no parameter
// name or secret id a reference takes holds `$(` (SSM names take [a-zA-Z0-9_.-/], secret names [A-Za-z0-9/_+=.@-]).
function toPlaceholder(inner: string): string {
  return inner.replace(/\$\{([^}]*)\}/g, '$$($1)');
}

function fromPlaceholder(inner: string): string {
  return inner.replace(/\$\(([^)]*)\)/g, '$${$1}');
}
