/**
 * Builds fake secrets at run time. No token-shaped literal sits in the source, so repository
 * secret scanners (and push protection) have nothing to flag, and each fake is deterministic.
 */
import { generateKeyPairSync } from 'node:crypto';
export const BASE62 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
export const BASE64 = `${BASE62}+/`;
export const BASE64URL = `${BASE62}-_`;
export const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
export const HEX = '0123456789abcdef';
export const UPPER_DIGITS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';

/** `length` characters of `alphabet`, from a xorshift generator seeded with `seed`. */
export function fake(seed: number, length: number, alphabet = BASE62): string {
  let state = seed >>> 0 || 1;
  let out = '';
  for (let index = 0; index < length; index++) {
    state ^= state << 13;
    state >>>= 0;
    state ^= state >>> 17;
    state ^= state << 5;
    state >>>= 0;
    out += alphabet[state % alphabet.length];
  }
  return out;
}

/** Joins parts, so that a provider prefix and its body never meet in the source. */
export const join = (...parts: string[]): string => parts.join('');

export function fakeJwt(seed: number): string {
  const part = (json: object) => Buffer.from(JSON.stringify(json)).toString('base64url');
  return [
    part({ alg: 'HS256', typ: 'JWT' }),
    part({ sub: 'user-42', iat: 1_790_000_000 }),
    fake(seed, 43, BASE64URL),
  ].join('.');
}

export function fakePem(seed: number, type = 'RSA '): string {
  const line = (offset: number) => fake(seed + offset, 64, BASE64);
  return join(
    '-----BEGIN ',
    type,
    'PRIVATE',
    ' KEY-----\n',
    line(1),
    '\n',
    line(2),
    '\n-----END ',
    type,
    'PRIVATE',
    ' KEY-----',
  );
}

const BYTES = String.fromCharCode(...Array.from({ length: 256 }, (_, code) => code));

/** Base64 of a fake file: its magic bytes, then `length` pseudo-random bytes. */
export function fakeFile(magic: readonly number[], seed: number, length = 48): string {
  return Buffer.concat([Buffer.from(magic), Buffer.from(fake(seed, length, BYTES), 'latin1')]).toString(
    'base64',
  );
}

/** An SSH wire-format string: its length (uint32, big-endian), then its bytes (RFC 4251 §5). */
function sshString(part: Buffer | string): Buffer {
  const bytes = Buffer.from(part);
  const length = Buffer.alloc(4);
  length.writeUInt32BE(bytes.length);
  return Buffer.concat([length, bytes]);
}

/** An OpenSSH public key line: the base64 of the key type's string and then `parts`, as SSH strings, and `comment`. */
export function sshLine(type: string, parts: readonly Buffer[], comment = 'deploy@ci'): string {
  const blob = Buffer.concat([type, ...parts].map(sshString)).toString('base64');
  return comment === '' ? `${type} ${blob}` : `${type} ${blob} ${comment}`;
}

/**
 * The base64 body of a fake OpenSSH private key, as OpenSSH's PROTOCOL.key lays it out: `openssh-key-v1\0`, the
 * cipher name (`none`, or `aes256-ctr` for one a passphrase encrypts), the KDF and its options, one public key, and
 * `length` pseudo-random bytes standing for the private section.
 */
export function openSshPrivateBody(cipher: string, seed: number, length = 240): string {
  const count = Buffer.alloc(4);
  count.writeUInt32BE(1);
  return Buffer.concat([
    Buffer.from('openssh-key-v1\0', 'latin1'),
    sshString(cipher),
    sshString(cipher === 'none' ? 'none' : 'bcrypt'),
    sshString(cipher === 'none' ? '' : Buffer.from(fake(seed, 24, BYTES), 'latin1')),
    count,
    sshString(
      Buffer.concat([sshString('ssh-ed25519'), sshString(Buffer.from(fake(seed + 1, 32, BYTES), 'latin1'))]),
    ),
    sshString(Buffer.from(fake(seed + 2, length, BYTES), 'latin1')),
  ]).toString('base64');
}

/** An authorized_keys line of an Ed25519 key made for the test run, with `comment`. */
export function sshEd25519(comment: string): string {
  return sshLine('ssh-ed25519', [RUN_ED25519], comment);
}

const RUN_ED25519 = generateKeyPairSync('ed25519')
  .publicKey.export({ type: 'spki', format: 'der' })
  .subarray(-32);

/** Whether `found`, as JSON, shows 8 characters of `secret` in a row (a finding must show none). */
export function showsSecret(found: unknown, secret: string): boolean {
  const output = JSON.stringify(found);
  for (let start = 0; start + 8 <= secret.length; start += 1)
    if (output.includes(secret.slice(start, start + 8))) return true;
  return false;
}
