/**
 * Where text built with `!Sub` puts a `${Name}` placeholder: in a slot that takes a password or a secret, so that the
 * value given for it at deploy is one, whatever it is called.
 */
import { connectionStringSecretName } from './fields.js';
import { secretName } from './names.js';

/**
 * Whether text built with `${name}` puts it where a password goes: a URL's (`postgres://app:${DbPass}@db/x`), a
 * connection string's (`Server=db;User Id=app;Password=${Blob};`, `pwd=${Blob}`, `ApiKey=${Blob}`), a URL query
 * parameter or a JSON field named like a secret (`?api_key=${Key}`, `{"user":"app","password":"${Blob}"}`).
 */
export function inPasswordSlot(template: string | undefined, name: string): boolean {
  if (template === undefined) return false;
  const placeholder = `\${${name}}`;
  // What comes before it is the scheme and the user alone (the name may hold a `/`: `${resolve:ssm:/db/pw}`).
  const at = template.indexOf(`:${placeholder}@`);
  const url = at !== -1 && /^[a-z][a-z0-9+.-]*:\/\/[^/@\s]*$/i.test(template.slice(0, at));
  return url || passwordKeyBefore(template, placeholder);
}

/**
 * `Password=${Blob}` or `pwd = ${Blob}` at the start of a connection-string entry, an entry whose key is named like
 * a secret (`ApiKey=${Blob}`, `AccountKey=${Blob}`), or a JSON field's whole string (`"password": "${Blob}"`).
 */
function passwordKeyBefore(template: string, placeholder: string): boolean {
  let at = template.indexOf(placeholder);
  while (at !== -1) {
    const before = template.slice(0, at);
    if (endingMatch(PASSWORD_KEY, before)) return true;
    const entry = endingMatch(ENTRY_KEY, before)?.[1];
    if (entry !== undefined && connectionStringSecretName(entry) !== undefined) return true;
    const jsonKey = template.startsWith(`${placeholder}"`, at)
      ? endingMatch(JSON_KEY, before)?.[1]
      : undefined;
    if (jsonKey !== undefined && secretName(jsonKey) !== undefined) return true;
    // A URL's query parameter named like a secret (`https://api.example.com/v1?api_key=${Key}`).
    const queryKey = IN_URL.test(template) ? endingMatch(QUERY_KEY, before)?.[1] : undefined;
    if (queryKey !== undefined && secretName(queryKey) !== undefined) return true;
    at = template.indexOf(placeholder, at + 1);
  }
  return false;
}

// Each ends where the placeholder starts (`$`); global only so that endingMatch can say where to start.
const PASSWORD_KEY = /(?:^|[;\s])(?:password|pwd)\s*=\s*$/gi;
const ENTRY_KEY = /(?:^|;)\s*([A-Za-z][A-Za-z0-9 _.-]{0,63}?)\s*=\s*$/g;
const JSON_KEY = /"([^"\\]{1,64})"\s*:\s*"$/g;
const QUERY_KEY = /[?&]([A-Za-z0-9_.-]{1,64})=$/g;
const IN_URL = /^[a-z][a-z0-9+.-]*:\/\//i;

/**
 * How far before a placeholder its key is looked for: the key (64 characters at most), its `=` or `:` and the spaces
 * around them. A key further off, past that many spaces, is not read.
 */
const KEY_REACH = 256;

/**
 * The match of a pattern ending at the end of `before`, looked for only in its last KEY_REACH characters: a regex
 * ending in `$` is tried at each position from the start, so reading the whole text before each of a template's
 * placeholders is quadratic (a `!Sub` of ten thousand `${Env}` took 2 s). `^` still matches only at the text's start.
 */
function endingMatch(pattern: RegExp, before: string): RegExpExecArray | null {
  pattern.lastIndex = Math.max(0, before.length - KEY_REACH);
  const match = pattern.exec(before);
  pattern.lastIndex = 0;
  return match;
}
