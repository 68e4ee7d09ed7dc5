import { isUnknown, type Unknown, type Value } from './values.js';

/** The unpublished version: what an unqualified function name or ARN invokes. */
export const LATEST = '$LATEST';

/**
 * A reference that invokes a function through one of its versions or aliases. `qualifier` is the alias name or
 * version number the reference carries (`live` of `!Ref FnAlias` or `fn:live`, `3`, a placeholder known only at
 * deploy); absent when the reference is unqualified, which invokes `$LATEST`.
 */
export interface Qualified {
  readonly qualifier?: Value<string>;
}

/** The version or alias a reference invokes: `$LATEST` when it names the function unqualified. */
export function invokedQualifier(ref: Qualified): Value<string> {
  return ref.qualifier ?? LATEST;
}

/** Version numbers are digits; an alias name never is (Lambda refuses an all-digit alias name). */
const VERSION_NUMBER = /^\d+$/;

/** `${FnVersion.Version}`: the number of a version the template publishes, known only at deploy. */
const VERSION_ATTRIBUTE = /^\$\{[^}.]+\.Version\}$/;

type QualifierKind = 'latest' | 'version' | 'alias' | undefined;

function kindOf(qualifier: Value<string>): QualifierKind {
  if (isUnknown(qualifier)) {
    return qualifier.template !== undefined && VERSION_ATTRIBUTE.test(qualifier.template)
      ? 'version'
      : undefined;
  }
  if (qualifier === LATEST) return 'latest';
  return VERSION_NUMBER.test(qualifier) ? 'version' : 'alias';
}

/**
 * Whether an event invoke config on qualifier `configured` applies to invocations of `invoked`: Lambda keeps one
 * per function version or alias, and uses the one of the qualifier invoked. True for the same text (or the same
 * expression of the same parameters, such as `${Stage}` twice); false when they name different qualifiers for
 * sure (`$LATEST` and an alias, two aliases, a version and `$LATEST`); undefined when that cannot be told before
 * deploy: a parameter, or a version number beside an alias, which may point at that version.
 */
export function sameQualifier(invoked: Value<string>, configured: Value<string>): boolean | undefined {
  // The same value, known or not: an event invoke config is, as a caller, on its own qualifier.
  if (invoked === configured) return true;
  if (!isUnknown(invoked) && !isUnknown(configured)) {
    const kinds = new Set([kindOf(invoked), kindOf(configured)]);
    return kinds.has('version') && kinds.has('alias') ? undefined : false;
  }
  const template = (value: Value<string>) => (isUnknown(value) ? value.template : undefined);
  if (template(invoked) !== undefined && template(invoked) === template(configured)) return true;
  const unknownOne = (isUnknown(invoked) ? invoked : configured) as Unknown;
  const other = unknownOne === invoked ? configured : invoked;
  if (!isUnknown(other) && unknownOne.oneOf !== undefined && !unknownOne.oneOf.includes(other)) return false;
  // A version the template publishes is never `$LATEST`.
  const kinds = [kindOf(invoked), kindOf(configured)];
  return kinds.includes('version') && kinds.includes('latest') ? false : undefined;
}

/** A qualifier in words for a message: `$LATEST (unqualified)`, `alias live`, `version 3`. */
export function describeQualifier(qualifier: Value<string>): string {
  const kind = kindOf(qualifier);
  if (kind === 'latest') return '$LATEST (unqualified)';
  if (isUnknown(qualifier)) {
    const shape = qualifier.template ?? qualifier.reason;
    // `${FnVersion.Version}`: the number that version resource gets at deploy.
    const publisher = /^\$\{([^}.]+)\.Version\}$/.exec(shape)?.[1];
    if (kind === 'version')
      return publisher === undefined ? `version ${shape}` : `the version ${publisher} publishes`;
    return `version or alias ${shape} (not known before deploy)`;
  }
  return `${kind} ${qualifier}`;
}
