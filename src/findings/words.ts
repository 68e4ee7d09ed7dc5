/** How findings list a few names in a sentence: `Errors`, `Errors and Throttles`, `A, B and C`. */
export function listedWithAnd(names: readonly string[]): string {
  return listedWith(names, 'and');
}

/** `transform SlicWatch-v2, which Parapet does not run,`: the macros a template's absence results rest on. */
export function transformsNotRunWords(names: readonly string[]): string {
  return `transform${names.length > 1 ? 's' : ''} ${listedWithAnd(names)}, which Parapet does not run,`;
}

/**
 * `parameter Idx`, `parameters Idx, Other`: the parameters a sentence names, listed with commas or as `listed` lists
 * them (`parameters A and B` with listedWithAnd).
 */
export function parametersNamed(
  names: readonly string[],
  listed: (names: readonly string[]) => string = (all) => all.join(', '),
): string {
  return `parameter${names.length === 1 ? '' : 's'} ${listed(names)}`;
}

/** `a`, `a or b`, `a, b or c`: alternatives. */
export function listedWithOr(names: readonly string[]): string {
  return listedWith(names, 'or');
}

function listedWith(names: readonly string[], word: string): string {
  return names.length < 2
    ? names.join('')
    : `${names.slice(0, -1).join(', ')} ${word} ${names[names.length - 1]}`;
}

/** Text that opens a sentence: its first letter in upper case. */
export function capitalized(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
