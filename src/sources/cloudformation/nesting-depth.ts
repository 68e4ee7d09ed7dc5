import { positionOf } from './positions.js';

/**
 * Maps and lists nested deeper than this in a template are not read: the walks over a template recurse, one call
 * (or a few) per level, and would exhaust the stack on a value nested some thousands deep. CloudFormation states
 * no limit on nesting, only on size (a template body of 51,200 bytes, 1 MB from S3: "CloudFormation quotas" in its
 * User Guide), which holds tens of thousands of levels; real templates nest a few dozen at most. YAML text is refused
 * by its parser (js-yaml) past 100 levels, but its aliases nest what they name without writing it: each anchor
 * `&a1 [*a0]` one level deeper than the last (tooDeepIn).
 *
 * Why not more: with the limit lifted, a scan at Node's default stack (984 KB) overflowed at about 700 levels of
 * `Fn::Not` in `Fn::Or` in a condition (16 calls each two levels), 1,300 of `Fn::And`, 1,600 of `Fn::Select` of
 * `Fn::Sub`, 2,650 of plain lists (the cycle search), measured in 2026-11. A file an AWS::Include brings may nest
 * this deep again below where the template names it. 300 levels (a 100-deep `Fn::Join`) would leave too little room.
 */
export const MAX_NESTING = 200;

/** The keys (or list indexes) down to the first map or list nested deeper than MAX_NESTING, once found. */
export interface TooDeep {
  path?: (string | number)[];
}

/**
 * What is nested too deep, for the file's scan error: the resource (or section) that holds it and the first keys
 * down to it (`resource F (Properties.Environment.Variables.A.Fn::Join...)`). `levels`: how deep Parapet reads (YAML
 * text, as its reader takes it: see yaml.ts); `more`: the path goes on past what is known of it.
 */
export function tooDeepMessage(
  path: readonly (string | number)[],
  outcome = NOTHING_CHECKED,
  { levels = MAX_NESTING, more = false }: TooDeepWording = {},
): string {
  const [section, name, ...rest] = path;
  const holder =
    section === 'Resources' && name !== undefined
      ? `resource ${name}`
      : section === undefined
        ? 'the file'
        : `${section}${name === undefined ? '' : `.${name}`}`;
  const keys = rest.length === 0 && !more ? '' : ` (${shownKeys(rest, more)})`;
  return `${holder}${keys} nests maps and lists deeper than ${levels} levels, which Parapet does not read${outcome}`;
}

/** How deep Parapet reads where it is not MAX_NESTING, and whether the keys to what is too deep go on unknown. */
export interface TooDeepWording {
  readonly levels?: number;
  readonly more?: boolean;
}

/** The first keys of `path`, joined, and `...` where it goes on. */
function shownKeys(path: readonly (string | number)[], more = false): string {
  return `${path.slice(0, 6).join('.')}${path.length > 6 || more ? '...' : ''}`;
}

/**
 * What is nested too deep in a file that is not a template (parapet.yaml), for its error: the keys down to it
 * (`suppressions.198.0.0...`), as the file writes them.
 */
export function tooDeepInFileMessage(
  path: readonly (string | number)[],
  { levels = MAX_NESTING, more = false }: TooDeepWording = {},
): string {
  const holder = path.length === 0 && !more ? 'the file' : shownKeys(path, more);
  return `${holder} nests maps and lists deeper than ${levels} levels, which Parapet does not read`;
}

/** What follows from a template file Parapet does not read, as its scan error ends. */
export const NOTHING_CHECKED = ', so nothing in this file was checked';

/** What a string's JSON text nested too deep is, for the scan error at the property that holds it. */
export function tooDeepTextMessage(property: string, path: readonly (string | number)[]): string {
  const keys = path.length === 0 ? '' : ` (${shownKeys(path)})`;
  return `${property} is JSON text that nests maps and lists deeper than ${MAX_NESTING} levels${keys}, which Parapet does not read: it is taken as not known`;
}

/** Line and column of the first map or list nested deeper than MAX_NESTING in valid JSON text; undefined where none is. */
export function tooDeepPosition(text: string): { line: number; column: number } | undefined {
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === 0x22 /* " */) {
      for (i++; i < text.length && text.charCodeAt(i) !== 0x22; i++) if (text.charCodeAt(i) === 0x5c) i++;
    } else if (code === 0x7b /* { */ || code === 0x5b /* [ */) {
      if (++depth > MAX_NESTING) return positionOf(text, i);
    } else if (code === 0x7d /* } */ || code === 0x5d /* ] */) depth--;
  }
  return undefined;
}

/**
 * The keys down to the first map or list nested deeper than MAX_NESTING in a parsed value, and that map or list (or
 * the one shared by aliases that leads there); undefined where none is. A map or list that YAML aliases share is
 * walked once: its height is kept, so a chain of aliases each naming the last twice costs no more than the text.
 */
export function tooDeepIn(
  value: unknown,
): { readonly path: (string | number)[]; readonly node: object } | undefined {
  const heights = new Map<object, number>();
  const path: (string | number)[] = [];
  let deep: object | undefined;
  // The levels of maps and lists from `node` (at `depth`) down; -1 once something deeper than MAX_NESTING is found.
  const height = (node: unknown, depth: number): number => {
    if (node === null || typeof node !== 'object') return 0;
    const known = heights.get(node);
    if (depth > MAX_NESTING || (known !== undefined && depth + known - 1 > MAX_NESTING)) {
      deep = node;
      return -1;
    }
    if (known !== undefined) return known;
    let highest = 0;
    const entries: [string | number, unknown][] = Array.isArray(node)
      ? node.map((item, index) => [index, item])
      : Object.entries(node);
    for (const [key, child] of entries) {
      const below = height(child, depth + 1);
      if (below < 0) {
        path.unshift(key);
        return -1;
      }
      highest = Math.max(highest, below);
    }
    heights.set(node, highest + 1);
    return highest + 1;
  };
  return height(value, 1) < 0 && deep !== undefined ? { path, node: deep } : undefined;
}

/**
 * The values a YAML file's aliases may expand it to, at most: a chain of anchors each naming the last twice
 * (`&a2 [*a1, *a1]`) doubles with each, so 40 lines stand for a trillion values, which the scan's walks would visit
 * one by one. A template of 1 MB (CloudFormation's most) writes far fewer.
 */
export const MAX_EXPANDED_VALUES = 1_000_000;

/**
 * The map or list whose values, aliases expanded, first pass MAX_EXPANDED_VALUES; undefined where the whole value
 * stays under it. Each map or list is counted once (its count kept), so this costs what the text holds.
 */
export function overExpanded(value: unknown): object | undefined {
  const sizes = new Map<object, number>();
  let over: object | undefined;
  const size = (node: unknown): number => {
    if (node === null || typeof node !== 'object') return 1;
    const known = sizes.get(node);
    if (known !== undefined) return known;
    let total = 1;
    for (const child of Array.isArray(node) ? node : Object.values(node)) {
      total += size(child);
      if (over !== undefined) return total;
      if (total > MAX_EXPANDED_VALUES) {
        over = node;
        return total;
      }
    }
    sizes.set(node, total);
    return total;
  };
  size(value);
  return over;
}

/** Whether YAML text may hold an alias (`*name` after a space, a line's start or a flow indicator). */
export function mayHoldAlias(text: string): boolean {
  return /(?:^|[\s[{,])\*[^\s,\]}]/.test(text);
}
