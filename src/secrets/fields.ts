/**
 * The named fields of a structured value: a JSON object (`{"user":"admin","password":"…"}`, a config passed whole
 * in one variable) or a `key=value;` connection string (`Server=db;User Id=app;Password=…;`). Each field's name
 * says what its value is, as a variable's name does.
 */

import { type SecretName, secretName } from './names.js';

export interface Field {
  /** Where the field sits: `password`, `db.password`, `users[0].token`, `Password`. */
  readonly path: string;
  /** The name judged: the field's key, or for an item of an array the array's key. */
  readonly key: string;
  readonly value: string;
  /**
   * What the key says of the value where its format gives it a secret under a name the name rules do not read as
   * one: a connection string's `AccountKey` (see connectionStringSecretName). Absent where the name rules judge it.
   */
  readonly named?: SecretName;
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

/**
 * Connection-string keys that hold a secret though the name rules do not read them so. Azure Storage: `AccountKey` is
 * the storage account's access key (Shared Key authorization) and `SharedAccessSignature` a SAS token, both keys its
 * SDKs read from a connection string (`DefaultEndpointsProtocol=https;AccountName=…;AccountKey=…;EndpointSuffix=…`,
 * learn.microsoft.com/azure/storage/common/storage-configure-connection-string).
 */
const CONNECTION_STRING_SECRETS: ReadonlyMap<string, SecretName> = new Map([
  ['accountkey', { category: 'secret', words: 'ACCOUNT_KEY' }],
  ['sharedaccesssignature', { category: 'secret', words: 'SHARED_ACCESS_SIGNATURE' }],
]);

/** What a connection string's key says of its value: as any name does, or as the format gives it (`AccountKey`). */
export function connectionStringSecretName(key: string): SecretName | undefined {
  return secretName(key) ?? formatSecretName(key);
}

/** A key the format gives a secret under a name the name rules do not read as one (`AccountKey`). */
function formatSecretName(key: string): SecretName | undefined {
  return CONNECTION_STRING_SECRETS.get(key.toLowerCase().replace(/[^a-z]/g, ''));
}

/** What may separate entries: `;` and white space, `;;` and a trailing `;` too. */
const SEPARATORS = /[\s;]*/y;

/**
 * One `Key=value` entry and the `;` that ends it. A value quoted with `"` or `'` runs to its closing quote, a `;` in
 * it included (`Password="a;b"`); a quote doubled in it stands for itself, as ADO.NET reads connection strings. A
 * value in braces runs to its closing brace, `;` included, `}}` standing for `}`, as ODBC reads them
 * (`Pwd={p@ss;word}`; MS-ODBCSTR, ODBCConnectionString: `ValueFormat1 = LCB ValueContent1 RCB`, `ValueContent1 =
 * *(nonRCB / ESCAPEDRCB)`; SQLDriverConnect: a value with `;` in it must be in braces).
 */
const ENTRY =
  /([A-Za-z][A-Za-z0-9 _.-]{0,63}?)\s*=\s*("(?:[^"]|"")*"|'(?:[^']|'')*'|\{(?:[^}]|\}\})*\}|[^;]*?)\s*(?:;|$)/y;

/** `Key=value` entries, `;`-separated, two at least, every one of them such an entry; a value may be quoted or in braces. */
function connectionStringFields(text: string): Field[] {
  const fields: Field[] = [];
  let at = 0;
  while (at < text.length) {
    SEPARATORS.lastIndex = at;
    SEPARATORS.exec(text);
    at = SEPARATORS.lastIndex;
    if (at >= text.length) break;
    ENTRY.lastIndex = at;
    const match = ENTRY.exec(text);
    if (match === null || fields.length >= MAX_FIELDS) return [];
    at = ENTRY.lastIndex;
    const key = match[1] ?? '';
    const named = formatSecretName(key);
    const value = unquoted(match[2] ?? '');
    // A key the format names (`SharedAccessSignature`) is a name, however long its run of letters.
    fields.push(named === undefined ? { path: shownKey(key), key, value } : { path: key, key, value, named });
  }
  return fields.length < 2 ? [] : fields;
}

/** A quoted value without its quotes, a doubled quote in it as one; a value in braces without them, `}}` as `}`. */
function unquoted(value: string): string {
  if (/^\{.*\}$/s.test(value)) return value.slice(1, -1).replaceAll('}}', '}');
  const quote = /^(["']).*\1$/s.exec(value)?.[1];
  return quote === undefined ? value : value.slice(1, -1).replaceAll(quote + quote, quote);
}
