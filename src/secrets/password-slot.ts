/**
 * Where text built with `!Sub` puts a `${Name}` placeholder: in a slot that takes a password or a secret, so that the
 * value given for it at deploy is one, whatever it is called.
 */
import { connectionStringSecretName } from './fields.js';
import { secretName } from './names.js';

/**
 * Whether text built with `${name}` puts it where a password goes: a URL's (`postgres://app:${DbPass}@db/x`), a
 * connection string's (`Server=db;User Id=app;Password=${Blob};`, `pwd=${Blob}`, `ApiKey=${Blob}`) or a JSON
 * field named like a secret (`{"user":"app","password":"${Blob}"}`).
 */
export function inPasswordSlot(template: string | undefined, name: string): boolean {
  if (template === undefined) return false;
  const placeholder = `\${${name}}`;
  const url =
    template.includes(`:${placeholder}@`) &&
    /^[a-z][a-z0-9+.-]*:\/\/[^/\s]*$/i.test(template.split('@')[0] ?? '');
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
    if (/(?:^|[;\s])(?:password|pwd)\s*=\s*$/i.test(before)) return true;
    const entry = /(?:^|;)\s*([A-Za-z][A-Za-z0-9 _.-]{0,63}?)\s*=\s*$/.exec(before)?.[1];
    if (entry !== undefined && connectionStringSecretName(entry) !== undefined) return true;
    const jsonKey = template.startsWith(`${placeholder}"`, at)
      ? /"([^"\\]{1,64})"\s*:\s*"$/.exec(before)?.[1]
      : undefined;
    if (jsonKey !== undefined && secretName(jsonKey) !== undefined) return true;
    at = template.indexOf(placeholder, at + 1);
  }
  return false;
}
