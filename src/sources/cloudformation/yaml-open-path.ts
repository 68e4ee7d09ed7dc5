// Where js-yaml stopped reading YAML text nested past its maxDepth, as keys: it throws without the value, so the keys
// are told from the nodes it had open then (their children so far, and where each began) and the text before each.

/**
 * A node js-yaml has open: where it began, the values of its children so far (a mapping's keys and values in turn),
 * and its tag (null where it has none; undefined until its first child opens, which is when the parser holds it).
 */
export interface OpenNode {
  start: number;
  starts: number[] | undefined;
  results: unknown[] | undefined;
  tag?: string | null;
}

/**
 * The keys down to the map or list js-yaml was in when it stopped for nesting too deep (`stack`, the nodes open then,
 * outermost first), as the parsed value would hold them: each node's key in the node that holds it, where the text
 * before it tells which (see keyIn), and the key a tag wraps its value in (`wrapperKey`: `Fn::If` for `!If [...]`).
 * `more` where a node's key is not told: the keys stop there.
 */
export function openPath(
  stack: readonly OpenNode[],
  text: string,
  wrapperKey: (tag: string) => string | undefined,
): { path: (string | number)[]; more: boolean } {
  const path: (string | number)[] = [];
  // stack[0] holds the document's node, which has no key.
  for (let i = 2; i < stack.length; i++) {
    const parent = stack[i - 1] as OpenNode;
    const wrapper = parent.tag === undefined || parent.tag === null ? undefined : wrapperKey(parent.tag);
    if (wrapper !== undefined) path.push(wrapper);
    const key = keyIn(parent, (stack[i] as OpenNode).start, text);
    if (key === undefined) return { path, more: true };
    if (key !== SAME_NODE) path.push(key);
  }
  return { path, more: false };
}

/** What keyIn gives for a node js-yaml opens again for what it has begun (see there). */
const SAME_NODE = Symbol('same node');

/**
 * The key in `parent` of a map or list js-yaml opened at `start` inside it, told by what the text writes before it
 * (comments, tags and anchors passed over): a mapping's value follows its key's `:` (the key is the parent's last
 * child), a list's item follows `-` (its index: see itemsBefore), `[` or `,` (the parent's children so far).
 * SAME_NODE where nothing of the parent's is written before it: js-yaml opens a node again for the value it begins (a
 * flow list after `- `, or on a line of its own). Undefined where the text does not tell.
 */
function keyIn(
  parent: OpenNode,
  start: number,
  text: string,
): string | number | typeof SAME_NODE | undefined {
  let at = start - 1;
  for (;;) {
    while (at >= 0 && ' \t\r\n'.includes(text.charAt(at))) at--;
    if (at < parent.start) break;
    const comment = commentStart(text, at);
    if (comment === undefined) return undefined;
    // A tag or an anchor (`!If`, `&name`) is what the parent, or the node opened again for it, begins with.
    const word = comment < 0 ? propertyStart(text, at) : comment;
    if (word < 0) break;
    at = word - 1;
  }
  if (at < parent.start) return SAME_NODE;
  const before = text.charAt(at);
  const count = parent.results?.length ?? 0;
  if (before === ':') return count % 2 === 1 ? String(parent.results?.[count - 1]) : undefined;
  if (before === '-') return itemsBefore(text, parent.start, at);
  return before === '[' || before === ',' ? count : undefined;
}

/**
 * The items of a block list written before its item marked by the `-` at `marker` (from `from`, where the list
 * begins): each line with a `-` in the marker's column, after only spaces and other markers (`- - x`). Counted in the
 * text: js-yaml opens no node for an empty item (`-` alone, the next item below it), though the list holds null there.
 */
function itemsBefore(text: string, from: number, marker: number): number {
  const column = marker - (text.lastIndexOf('\n', marker) + 1);
  let items = 0;
  for (let line = text.lastIndexOf('\n', from) + 1; line < marker; line = text.indexOf('\n', line) + 1) {
    const at = line + column;
    if (
      at < marker &&
      text.charAt(at) === '-' &&
      ' \t\r\n'.includes(text.charAt(at + 1) || '\n') &&
      /^[ -]*$/.test(text.slice(line, at))
    )
      items++;
    if (text.indexOf('\n', line) < 0) break;
  }
  return items;
}

/** Where the tag or anchor that ends at `at` begins (`!If`, `!!str`, `&name`); -1 where no such word ends there. */
function propertyStart(text: string, at: number): number {
  let begin = at;
  while (begin > 0 && !' \t\r\n'.includes(text.charAt(begin - 1))) begin--;
  return text.charAt(begin) === '!' || text.charAt(begin) === '&' ? begin : -1;
}

/**
 * Where the comment that `at` is in begins (a `#` at the line's start or after a space or tab); -1 where it is in
 * none; undefined where the line quotes something before a `#` (which may then be in the quotes: not told).
 */
function commentStart(text: string, at: number): number | undefined {
  const line = text.lastIndexOf('\n', at) + 1;
  for (let i = line; i <= at; i++) {
    const char = text.charAt(i);
    if (char === '"' || char === "'")
      return text.includes('#', i) && text.indexOf('#', i) <= at ? undefined : -1;
    if (char === '#' && (i === line || text.charAt(i - 1) === ' ' || text.charAt(i - 1) === '\t')) return i;
  }
  return -1;
}
