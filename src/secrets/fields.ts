/**
 * The named fields of a structured value: a JSON object (`{"user":"admin","password":"…"}`, a config passed whole
 * in one variable) or a `key=value;` connection string (`Server=db;User Id=app;Password=…;`). Each field's name
 * says what its value is, as a variable's name does.
 */

export interface Field {
  /** Where the field sits: `password`, `db.password`, `users[0].token`, `Password`. */
  readonly path: string;
  /** The name judged: the field's key, or for an item of an array the array's key. */
  readonly key: string;
  readonly value: string;
}

/**
 * Bounds on what is walked. All of a function's environment variables take 4 KB at most (Lambda quotas,
 * docs.aws.amazon.com/lambda/latest/dg/gettingstarted-limits.html), but code scanning will ask of longer text.
 */
const MAX_DEPTH = 8;
const MAX_FIELDS = 256;

/** The fields of `text` when it is a JSON object or a connection string; none otherwise. */
export function structuredFields(text: string): Field[] {
  return jsonFields(text) ?? connectionStringFields(text);
}

function jsonFields(text: string): Field[] | undefined {
  if (!text.startsWith('{') || !text.endsWith('}')) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return undefined;
  }
  const fields: Field[] = [];
  walk(parsed, '', '', 0, fields);
  return fields;
}

function walk(node: unknown, path: string, key: string, depth: number, out: Field[]): void {
  if (out.length >= MAX_FIELDS || depth > MAX_DEPTH) return;
  if (typeof node === 'string' || typeof node === 'number') {
    if (path !== '') out.push({ path, key, value: String(node) });
    return;
  }
  if (Array.isArray(node)) {
    for (const [index, item] of node.entries()) walk(item, `${path}[${index}]`, key, depth + 1, out);
    return;
  }
  if (typeof node !== 'object' || node === null) return;
  for (const [name, value] of Object.entries(node)) {
    const shown = shownKey(name);
    walk(value, path === '' ? shown : `${path}.${shown}`, name, depth + 1, out);
  }
}

/**
 * A key as a finding may show it in a path: a key is a name, but a JSON key can hold anything, a token too
 * (`{"AKIA…": "…"}`), and nothing secret is printed. One that does not read as a name (over 40 characters, or a run
 * of 20 letters and digits without a separator) is shown as `…`; the name rules still judge the key itself.
 */
function shownKey(name: string): string {
  return name.length > 40 || /[A-Za-z0-9]{20}/.test(name) ? '…' : name;
}

/** `Key=value` entries, `;`-separated, two at least, every one of them such an entry; a value may be quoted. */
const ENTRY = /^([A-Za-z][A-Za-z0-9 _.-]{0,63}?)\s*=\s*(.*)$/s;

function connectionStringFields(text: string): Field[] {
  const entries = text
    .split(';')
    .map((entry) => entry.trim())
    .filter((entry) => entry.length > 0);
  if (entries.length < 2 || entries.length > MAX_FIELDS) return [];
  const fields: Field[] = [];
  for (const entry of entries) {
    const match = ENTRY.exec(entry);
    if (match === null) return [];
    const key = match[1] ?? '';
    fields.push({ path: shownKey(key), key, value: unquoted(match[2] ?? '') });
  }
  return fields;
}

function unquoted(value: string): string {
  return /^(["']).*\1$/s.test(value) ? value.slice(1, -1) : value;
}
