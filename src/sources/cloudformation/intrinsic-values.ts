import { isUnknown, unknown, type Value } from '../../model/values.js';

// The shapes a resolved template value takes, and the small helpers every reader of a template uses.

/** `Ref` / `Fn::GetAtt` to a resource in the same template: a link, not a value. */
export class ResourceRef {
  constructor(
    readonly logicalId: string,
    readonly attribute?: string,
  ) {}
  /** The name `!Sub` would write for it: `Bucket`, `Bucket.Arn`. */
  get placeholder(): string {
    return this.attribute ? `${this.logicalId}.${this.attribute}` : this.logicalId;
  }
  get template(): string {
    return `\${${this.placeholder}}`;
  }
}

/** `AWS::NoValue`: the property is removed. */
export const NO_VALUE: unique symbol = Symbol('AWS::NoValue');

export type Resolved = unknown; // JSON values, Unknown, ResourceRef; NO_VALUE only transiently

export interface TemplateIssue {
  readonly message: string;
  readonly node?: object;
  readonly key?: string | number;
}

export interface ParameterInfo {
  readonly type: string;
  readonly default?: unknown;
}

/**
 * A parameter value as CloudFormation reads it: text. YAML reads an unquoted `Default: 5` as a number;
 * CloudFormation sees the text written. (Dates stay text: the template schema has no timestamps.)
 */
export function parameterText(value: unknown): string {
  return typeof value === 'string' ? value : String(value);
}

/** Whether a parameter's declaration says `NoEcho: true` (YAML or JSON may write it as text). */
export function isNoEcho(decl: Record<string, unknown> | undefined): boolean {
  return decl?.NoEcho === true || decl?.NoEcho === 'true';
}

/** The names a `Fn::Sub` string refers to (`${Name}`, `${Res.Attr}`), in order; `${!Literal}` is text. */
export function subNames(text: string): string[] {
  const names: string[] = [];
  for (let open = text.indexOf('${'); open !== -1; open = text.indexOf('${', open + 2)) {
    const close = text.indexOf('}', open + 2);
    if (close === -1) break;
    if (text[open + 2] !== '!') names.push(text.slice(open + 2, close).trim());
  }
  return names;
}

/** The name of the intrinsic function an object is, if it is one (a single `Ref`, `Condition` or `Fn::*` key). */
export function intrinsicName(input: unknown): string | undefined {
  if (input === null || typeof input !== 'object' || Array.isArray(input)) return undefined;
  const key = onlyKey(input);
  if (key === undefined) return undefined;
  return isIntrinsicKey(key, (input as Record<string, unknown>)[key]) ? key : undefined;
}

/**
 * The key of an object that has exactly one, else undefined. Asked of nearly every value of a template,
 * so it stops at the second key instead of listing them all (Object.keys made an array per call).
 * Parsed values are plain objects: `for...in` sees their own keys only.
 */
export function onlyKey(object: object): string | undefined {
  let only: string | undefined;
  for (const key in object) {
    if (only !== undefined) return undefined;
    only = key;
  }
  return only;
}

/** Whether the only key of an object, with its value, makes the object an intrinsic function. */
export function isIntrinsicKey(key: string, value: unknown): boolean {
  if (key === 'Ref' || key.startsWith('Fn::') || key.startsWith('!')) return true;
  return key === 'Condition' && typeof value === 'string';
}

/** Text of a resolved scalar; Unknown (with its shape) for references and unknowns; undefined for absent. */
export function toText(value: Resolved): Value<string | undefined> {
  if (value === undefined || value === null || value === NO_VALUE) return undefined;
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (isUnknown(value)) return value;
  if (value instanceof ResourceRef) {
    return unknown(
      `${value.attribute ? `attribute ${value.attribute} of` : 'reference to'} resource ${value.logicalId}`,
      value.template,
      { resources: [value.placeholder] },
    );
  }
  return unknown('not a string');
}

export function containsUnknown(value: Resolved): boolean {
  if (isUnknown(value) || value instanceof ResourceRef) return true;
  if (value === null || typeof value !== 'object') return false;
  return Object.values(value).some(containsUnknown);
}

export function asRecord(value: unknown): Record<string, unknown> | undefined {
  return value !== null && typeof value === 'object' && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}
