/**
 * Plain objects keyed by names that come from input (a template's conditions, parameters, mappings and
 * logical ids, a policy's condition keys, the -p names): every plain object also answers to the names of
 * Object.prototype (`constructor`, `toString`, `valueOf`, `hasOwnProperty`, `__proto__`, ...), so a
 * lookup by such a name must ask for the object's own properties, and a write must make one.
 */

/** `record[key]` when the record itself has `key`; undefined for a name it only inherits, or no record. */
export function own<T>(record: Readonly<Record<string, T>> | undefined, key: string): T | undefined {
  return record !== undefined && Object.hasOwn(record, key) ? record[key] : undefined;
}

/**
 * Sets `record[key]` as the record's own property. An assignment to `__proto__` would set the record's
 * prototype instead (dropping the key, or making every other key inherit from the value).
 */
export function setOwn<T>(record: Record<string, T>, key: string, value: NoInfer<T>): void {
  if (key === '__proto__') {
    Object.defineProperty(record, key, { value, writable: true, enumerable: true, configurable: true });
  } else record[key] = value;
}
