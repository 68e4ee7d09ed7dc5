// biome-ignore-all lint/suspicious/noTemplateCurlyInString: `${...}` placeholders are written in these tests
import { describe, expect, it } from 'vitest';
import { structuredFields } from '../../src/secrets/fields.js';
import { detectSecretInNamedValue, detectSecretInTemplate } from '../../src/secrets/index.js';
import { BASE64, fake, join } from './fixtures.js';

/** No 5 characters of `secret` in a row in `output` (its redacted form shows 4 at most). */
function expectNoPiece(output: string, secret: string): void {
  for (let start = 0; start + 5 <= secret.length; start++)
    expect(output).not.toContain(secret.slice(start, start + 5));
}

const PASSWORD = 'Tr0ub4dor&3xyz';
const TOKEN = fake(71, 24);

describe('structuredFields', () => {
  it('walks a JSON object, nested objects and arrays, naming each path', () => {
    expect(
      structuredFields('{"db":{"user":"app","port":5432},"tokens":["a"],"on":true,"none":null}'),
    ).toEqual([
      { path: 'db.user', key: 'user', value: 'app' },
      { path: 'db.port', key: 'port', value: '5432' },
      { path: 'tokens[0]', key: 'tokens', value: 'a' },
    ]);
  });

  it('shows a key that reads as a token as …, in a JSON object and in a connection string', () => {
    const key = join('AKIA', fake(72, 16).toUpperCase());
    expect(structuredFields(`{"${key}":"x","ok":"y"}`).map((f) => f.path)).toEqual(['…', 'ok']);
    expect(structuredFields(`${key}=x;Server=db`).map((f) => [f.path, f.key])).toEqual([
      ['…', key],
      ['Server', 'Server'],
    ]);
  });

  it('reads a connection string of two or more Key=value entries, quotes taken off', () => {
    expect(structuredFields('Server=db; User Id=app ;Password="pw";')).toEqual([
      { path: 'Server', key: 'Server', value: 'db' },
      { path: 'User Id', key: 'User Id', value: 'app' },
      { path: 'Password', key: 'Password', value: 'pw' },
    ]);
  });

  it('keeps a quoted value whole, a `;` in it included, a doubled quote read as one', () => {
    expect(structuredFields(`Server=db;Password="a;b";Options='it''s;on' ;`)).toEqual([
      { path: 'Server', key: 'Server', value: 'db' },
      { path: 'Password', key: 'Password', value: 'a;b' },
      { path: 'Options', key: 'Options', value: "it's;on" },
    ]);
    // A quote left open does not end the entry at a quote: the `;` splits it, and the rest is no entry.
    expect(structuredFields('Server=db;Password="a;b')).toEqual([]);
  });

  it('reads a value in braces whole, as ODBC does: a `;` in it included, `}}` as `}`, the braces taken off', () => {
    expect(structuredFields('Driver={ODBC Driver 18};Server=x;Pwd={p@ss;word123};')).toEqual([
      { path: 'Driver', key: 'Driver', value: 'ODBC Driver 18' },
      { path: 'Server', key: 'Server', value: 'x' },
      { path: 'Pwd', key: 'Pwd', value: 'p@ss;word123' },
    ]);
    expect(structuredFields('Server=x; Pwd = {a}}b;c} ;Uid=app').map((f) => f.value)).toEqual([
      'x',
      'a}b;c',
      'app',
    ]);
    // A brace left open is no quoting: the `;` splits the entry, and the rest is no entry, as for a quote.
    expect(structuredFields('Server=x;Pwd={a;b')).toEqual([]);
  });

  it("says what an Azure Storage connection string's AccountKey and SharedAccessSignature hold", () => {
    expect(
      structuredFields(
        'BlobEndpoint=https://app.example.com;AccountName=app;AccountKey=k;SharedAccessSignature=s',
      ),
    ).toEqual([
      { path: 'BlobEndpoint', key: 'BlobEndpoint', value: 'https://app.example.com' },
      { path: 'AccountName', key: 'AccountName', value: 'app' },
      {
        path: 'AccountKey',
        key: 'AccountKey',
        value: 'k',
        named: { category: 'secret', words: 'ACCOUNT_KEY' },
      },
      {
        path: 'SharedAccessSignature',
        key: 'SharedAccessSignature',
        value: 's',
        named: { category: 'secret', words: 'SHARED_ACCESS_SIGNATURE' },
      },
    ]);
  });

  it.each([
    ['plain text', 'hello'],
    ['a JSON array', '["a","b"]'],
    ['broken JSON', '{"password": "x"'],
    ['one entry', 'password=x'],
    ['a URL', 'https://example.com/a;b=c'],
  ])('finds no fields in %s', (_what, text) => {
    expect(structuredFields(text)).toEqual([]);
  });
});

describe('secrets in the fields of a JSON value or connection string', () => {
  it('fails a literal password in a JSON field, saying which, never showing it', () => {
    const value = `{"host":"db.internal","user":"admin","password":"${PASSWORD}"}`;
    const found = detectSecretInNamedValue('DB_CONFIG', value);
    expect(found).toEqual({
      kind: 'named-secret',
      description: 'value of a field named like a password (PASSWORD)',
      confidence: 'medium',
      redacted: `…(${PASSWORD.length} chars)`,
      field: 'password',
    });
    expect(JSON.stringify(found)).not.toContain(PASSWORD.slice(0, 5));
  });

  it.each([
    ['a nested field', `{"db":{"credentials":{"dbPassword":"${PASSWORD}"}}}`, 'db.credentials.dbPassword'],
    [
      'an item of an array',
      `{"clients":[{"name":"a","client_secret":"${TOKEN}"}]}`,
      'clients[0].client_secret',
    ],
    ['an API key', `{"url":"https://api.example.com","apiKey":"${TOKEN}"}`, 'apiKey'],
    [
      'a JSON object in a string field',
      JSON.stringify({ db: JSON.stringify({ password: PASSWORD }) }),
      'db.password',
    ],
    ['a connection string entry', `Endpoint=https://x.example.com;ApiKey=${TOKEN};`, 'ApiKey'],
    ['a short connection-string password', 'Server=db;User Id=sa;Password=abc12;', 'Password'],
  ])('says where: %s', (_what, value, field) => {
    const found = detectSecretInNamedValue('APP_CONFIG', value);
    expect(found?.field).toBe(field);
    expect(JSON.stringify(found)).not.toContain(PASSWORD.slice(0, 5));
    expect(JSON.stringify(found)).not.toContain(TOKEN.slice(0, 5));
  });

  it("fails an Azure Storage connection string's AccountKey, saying which field, never showing it", () => {
    const key = fake(73, 86, BASE64).concat('==');
    const value = `DefaultEndpointsProtocol=https;AccountName=orders;AccountKey=${key};EndpointSuffix=core.windows.net`;
    const found = detectSecretInNamedValue('STORAGE', value);
    expect(found).toEqual({
      kind: 'named-secret',
      description: 'value of a field named like a secret (ACCOUNT_KEY)',
      confidence: 'high',
      redacted: `${key.slice(0, 4)}…(${key.length} chars)`,
      field: 'AccountKey',
    });
    expectNoPiece(JSON.stringify(found), key);
    expect(
      detectSecretInNamedValue(
        'STORAGE',
        'DefaultEndpointsProtocol=https;AccountName=orders;EndpointSuffix=core.windows.net',
      ),
    ).toBeUndefined();
  });

  it('reads an ODBC password in braces whole, a `;` in it, never showing it; one from a parameter is not written', () => {
    const password = `${PASSWORD.slice(0, 4)};${PASSWORD.slice(4)}`;
    const found = detectSecretInNamedValue('ODBC', `Driver={ODBC Driver 18};Server=x;Pwd={${password}};`);
    expect(found).toEqual({
      kind: 'named-secret',
      description: 'value of a field named like a password (PWD)',
      confidence: 'medium',
      redacted: `…(${password.length} chars)`,
      field: 'Pwd',
    });
    expectNoPiece(JSON.stringify(found), password);
    expect(detectSecretInTemplate('Driver={ODBC Driver 18};Server=x;Pwd={${DbPassword}};')).toBeUndefined();
  });

  it('reads a quoted secret holding a `;` whole, quoted with \' or "', () => {
    const quoted = `${TOKEN.slice(0, 9)};${TOKEN.slice(9)}`;
    const apiKey = detectSecretInNamedValue(
      'APP_CONFIG',
      `Endpoint=https://x.example.com;ApiKey="${quoted}"`,
    );
    expect(apiKey).toMatchObject({
      kind: 'named-secret',
      field: 'ApiKey',
      redacted: `${TOKEN.slice(0, 4)}…(${quoted.length} chars)`,
    });
    expectNoPiece(JSON.stringify(apiKey), quoted);
    expect(detectSecretInNamedValue('DB', "Server=db;User Id=app;Password='pw;1'")).toMatchObject({
      kind: 'named-secret',
      field: 'Password',
      redacted: '…(4 chars)',
    });
  });

  it("passes the Azurite emulator's published key, in a connection string or alone; another key of its shape fails", () => {
    // Microsoft's well-known key for devstoreaccount1, built here so that no scanner reads this file as holding it.
    const azurite = join(
      'Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2U',
      'VErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==',
    );
    const storage = (key: string) =>
      `DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=${key};BlobEndpoint=http://127.0.0.1:10000/devstoreaccount1;`;
    expect(detectSecretInNamedValue('AZ_AZURITE', storage(azurite))).toBeUndefined();
    expect(detectSecretInNamedValue('AZURE_STORAGE_KEY', azurite)).toBeUndefined();
    expect(detectSecretInNamedValue('BLOB', azurite)).toBeUndefined();
    const other = fake(74, 86, BASE64).concat('==');
    const found = detectSecretInNamedValue('AZ_AZURITE', storage(other));
    expect(found).toMatchObject({ kind: 'named-secret', confidence: 'high', field: 'AccountKey' });
    expectNoPiece(JSON.stringify(found), other);
  });

  it('leaves a provider token to the value patterns, and a long connection-string password as before', () => {
    const github = join('gh', 'p_', fake(72, 36));
    expect(detectSecretInNamedValue('CONFIG', `{"gh":"${github}"}`)).toMatchObject({ kind: 'github-token' });
    expect(detectSecretInNamedValue('CONN', 'Server=db;Password=Str0ngP4ss!;')).toMatchObject({
      kind: 'connection-string-password',
    });
  });

  it.each([
    ['an empty password', '{"user":"admin","password":""}'],
    ['a placeholder', '{"user":"admin","password":"<password>"}'],
    ['a ${...} placeholder', '{"user":"admin","password":"${DB_PASSWORD}"}'],
    ['a dynamic reference', '{"password":"{{resolve:secretsmanager:prod/db:SecretString:password}}"}'],
    [
      'names of where secrets are',
      '{"passwordSecretArn":"arn:aws:secretsmanager:us-east-1:1:secret:db","tokenTable":"t"}',
    ],
    ['no field named like a secret', `{"host":"db.internal","user":"admin","port":5432,"hash":"${TOKEN}"}`],
    ['numbers about secrets', '{"max_tokens":4096,"password_min_length":12}'],
    ['a connection string without a secret', 'Server=db.internal;Database=orders;User Id=app;'],
  ])('passes %s', (_what, value) => {
    expect(detectSecretInNamedValue('DB_CONFIG', value)).toBeUndefined();
  });
});

describe('secrets in JSON fields around values not known before deploy', () => {
  it('fails a literal password in a field beside a placeholder', () => {
    expect(
      detectSecretInTemplate(`{"host":"\${Db.Endpoint.Address}","password":"${PASSWORD}"}`),
    ).toMatchObject({
      kind: 'named-secret',
      field: 'password',
    });
  });

  it('passes a field that is or holds a placeholder: that part is not in the template', () => {
    expect(detectSecretInTemplate('{"host":"db","password":"${DbPassword}"}')).toBeUndefined();
    expect(detectSecretInTemplate('{"host":"db","password":"pre-${DbPassword}"}')).toBeUndefined();
  });
});
