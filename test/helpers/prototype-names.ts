import { expect } from 'vitest';

/**
 * The names every plain JavaScript object answers to (the properties of Object.prototype: `constructor`,
 * `toString`, `valueOf`, `hasOwnProperty`, `__proto__`, `__defineGetter__`, ...): names a template, a
 * config or a -p value may use, which must never find what the object inherits.
 */
export const PROTOTYPE_NAMES: readonly string[] = Object.getOwnPropertyNames(Object.prototype);

/** A name nothing declares, whose results the prototype names must give too. */
export const ORDINARY_NAME = 'Undeclared';

/**
 * Asserts that `run` treats `name` as it treats an ordinary name nobody declared: the same result (errors,
 * Unknowns, findings), with the ordinary name in its place, compared as JSON.
 */
export function expectLikeOrdinaryName(
  run: (name: string) => unknown,
  name: string,
  ordinaryName = ORDINARY_NAME,
): void {
  const ordinary = JSON.stringify(run(ordinaryName));
  expect(JSON.stringify(run(name))).toBe(ordinary.replaceAll(ordinaryName, name));
}
