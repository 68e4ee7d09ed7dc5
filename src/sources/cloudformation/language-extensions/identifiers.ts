/**
 * A loop's identifier as the transform replaces it: `${Name}` or `&{Name}` in keys and `Fn::Sub` strings
 * (and `Ref: Name`, which the expander handles). Plain functions over the identifiers in scope.
 */

/** The key prefix of a loop: `Fn::ForEach::<Name>`. */
export const FOR_EACH = 'Fn::ForEach::';

/** The identifiers of the loops around a fragment, their current values, and the defaults their collections used. */
export interface Scope {
  readonly values: ReadonlyMap<string, string>;
  readonly assumed: readonly string[];
}

export const EMPTY_SCOPE: Scope = { values: new Map(), assumed: [] };

/**
 * The scope of one item of a loop: each of its identifiers set to the item's value for it (`item` has one
 * value per identifier, in their order), and `assumed`, the defaults its collection and identifiers used, added.
 */
export function itemScope(
  scope: Scope,
  identifiers: readonly string[],
  item: readonly string[],
  assumed: readonly string[],
): Scope {
  const values = new Map(scope.values);
  identifiers.forEach((identifier, i) => {
    values.set(identifier, item[i] as string);
  });
  return { values, assumed: assumed.length > 0 ? [...scope.assumed, ...assumed] : scope.assumed };
}

/** What a logical id may be made of. */
export const ALPHANUMERIC = /^[A-Za-z0-9]+$/;

/** `${Name}` or `&{Name}`: a loop identifier as keys and `Fn::Sub` strings write it. */
export const PLACEHOLDER = /([$&])\{([^${}]*)\}/g;

/** `${Name}` → the item, `&{Name}` → the item without its non-alphanumeric characters, for each identifier in scope. */
export function substitute(text: string, values: ReadonlyMap<string, string>): string {
  if (!text.includes('{')) return text;
  return text.replace(PLACEHOLDER, (whole, sign: string, name: string) => {
    const value = values.get(name);
    if (value === undefined) return whole;
    return sign === '&' ? value.replace(/[^A-Za-z0-9]/g, '') : value;
  });
}

/** Whether text holds `${Name}` or `&{Name}` for an identifier of the loops around it. */
export function holdsIdentifier(text: string, scope: Scope): boolean {
  for (const match of text.matchAll(PLACEHOLDER)) if (scope.values.has(match[2] as string)) return true;
  return false;
}

/** Whether a fragment's output key writes the loop's identifier (else every item makes the same key). */
export function usesIdentifier(key: string, identifier: string): boolean {
  return key.includes(`\${${identifier}}`) || key.includes(`&{${identifier}}`);
}
