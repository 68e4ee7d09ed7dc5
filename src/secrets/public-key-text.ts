/**
 * Public key material written as text, and what is written beside it: PEM blocks of certificates and public keys,
 * and OpenSSH public key lines (an authorized_keys file). Such material is public as far as it goes; the text
 * beside it (after a certificate, an SSH key's comment) is a value of its own, judged as one (detect.ts).
 *
 * Every reading here is linear in the length of the text, so that a certificate chain of any length is read
 * with the text beside it: a value is read once from start to end, whatever it holds.
 */
import { joinedBase64Lines } from './base64-lines.js';
import { isCertificateAnnotations, type PemBlock } from './certificate-annotations.js';
import { derKeyMaterial } from './key-material.js';
import { isLabelledDigest } from './ssh-comment-label.js';

/**
 * The labels of PEM blocks that hold only public material (RFC 7468: certificates, public keys, CRLs, certificate
 * requests; OpenPGP's public key block and RFC 4716's SSH2 public key too).
 */
const PUBLIC_PEM_LABELS =
  '(?:TRUSTED |X509 )?CERTIFICATE|(?:RSA |EC |SSH2 )?PUBLIC KEY|X509 CRL|(?:NEW )?CERTIFICATE REQUEST|PGP PUBLIC KEY BLOCK';

/**
 * The labels of PEM blocks of PKCS#7 / CMS (RFC 7468 §8), public where their body is a bundle of certificates alone
 * (pkcs7.ts): a signed or enveloped message holds what its author put in it.
 */
const BUNDLE_PEM_LABELS = new Set(['PKCS7', 'CMS']);

/** The BEGIN line of a public PEM block, or of one public where its body says so; its label is the first group. */
const PUBLIC_PEM_BEGIN = new RegExp(
  `-{4,5} ?BEGIN (${PUBLIC_PEM_LABELS}|${[...BUNDLE_PEM_LABELS].join('|')}) ?-{4,5}`,
  'g',
);

/** Base64 and line breaks (`\\n` written out too) from where it is asked to the end of the text. */
const BASE64_TO_END = /(?:[A-Za-z0-9+/=\s]|\\n)*$/y;

/**
 * `text` without its public PEM blocks, trimmed of the line breaks around them: a certificate is public only as far
 * as it goes, and what follows it (`…-----END CERTIFICATE-----\nhunter2`) is a value of its own. `text` itself when
 * it has no such block; empty when it is nothing else.
 */
export function outsidePublicPem(text: string): string {
  const split = publicPemBlocks(text);
  return split === undefined ? text : outsideOf(split);
}

/** A text's public PEM blocks, each with the text before it, and the text after the last. */
interface PemSplit {
  readonly blocks: PemBlock[];
  readonly after: string;
}

/** The text outside the blocks, joined by line breaks and trimmed of those around it. */
function outsideOf({ blocks, after }: PemSplit): string {
  return withoutLineBreaksAround([...blocks.map(({ before }) => before), after].join('\n'));
}

/**
 * The public PEM blocks of `text`, undefined when it has none. A block runs from its BEGIN line to the first END
 * line of the same label; one cut short (no END line) runs to the end of the text when all that follows its BEGIN
 * line is base64 and line breaks.
 */
function publicPemBlocks(text: string): PemSplit | undefined {
  if (!text.includes('BEGIN ')) return undefined;
  const blocks: PemBlock[] = [];
  const endLines = new EndLines(text);
  let from = 0;
  PUBLIC_PEM_BEGIN.lastIndex = 0;
  for (let begin = PUBLIC_PEM_BEGIN.exec(text); begin !== null; begin = PUBLIC_PEM_BEGIN.exec(text)) {
    const label = begin[1] ?? '';
    const body = begin.index + begin[0].length;
    let end = endLines.after(label, body);
    if (end === undefined) {
      BASE64_TO_END.lastIndex = body;
      if (!BASE64_TO_END.test(text)) continue;
      end = { start: text.length, end: text.length };
    }
    if (BUNDLE_PEM_LABELS.has(label) && !isCertificateBundle(text.slice(body, end.start))) continue;
    blocks.push({ before: text.slice(from, begin.index), pem: text.slice(begin.index, end.end) });
    from = end.end;
    PUBLIC_PEM_BEGIN.lastIndex = end.end;
  }
  return blocks.length === 0 ? undefined : { blocks, after: text.slice(from) };
}

/** The body of a PKCS#7 PEM block, its line breaks (written out as `\n` too) left out, is a certificate bundle. */
function isCertificateBundle(body: string): boolean {
  return derKeyMaterial(body.replace(/\\n|\s+/g, '')) === 'certificate-store';
}

/**
 * Where the END line of a label starts and ends, first after a position. A label found to have none after a position
 * has none after any later one: remembered, so that a text of BEGIN lines without END lines is still read once.
 */
class EndLines {
  private readonly lines = new Map<string, RegExp>();
  /** The label's, past which it has no END line. */
  private readonly noneAfter = new Map<string, number>();

  constructor(private readonly text: string) {}

  after(label: string, position: number): { start: number; end: number } | undefined {
    if (position >= (this.noneAfter.get(label) ?? Number.POSITIVE_INFINITY)) return undefined;
    let line = this.lines.get(label);
    if (line === undefined) {
      line = new RegExp(`-{4,5} ?END ${label} ?-{4,5}`, 'g');
      this.lines.set(label, line);
    }
    line.lastIndex = position;
    const found = line.exec(this.text);
    if (found === null) {
      this.noneAfter.set(label, position);
      return undefined;
    }
    return { start: found.index, end: found.index + found[0].length };
  }
}

/** Trimmed of whitespace and of line breaks written out as `\n` (a JSON string's, a single-quoted YAML one's). */
function withoutLineBreaksAround(text: string): string {
  const isBreak = (at: number) => /\s/.test(text.charAt(at));
  const isWrittenBreak = (at: number) => text.startsWith('\\n', at);
  let start = 0;
  let end = text.length;
  while (start < end) {
    if (isBreak(start)) start += 1;
    else if (end - start >= 2 && isWrittenBreak(start)) start += 2;
    else break;
  }
  while (end > start) {
    if (isBreak(end - 1)) end -= 1;
    else if (end - start >= 2 && isWrittenBreak(end - 2)) end -= 2;
    else break;
  }
  return text.slice(start, end);
}

/** OpenSSH public key types (`ssh-keygen -t`), and their certificates (`…-cert-v01@openssh.com`). */
const SSH_KEY_TYPE =
  /^(?:ssh-(?:rsa|dss|ed25519|ed448)|ecdsa-sha2-nistp(?:256|384|521)|sk-(?:ssh-ed25519|ecdsa-sha2-nistp256)@openssh\.com)(?:-cert-v01@openssh\.com)?$/;

/**
 * An authorized_keys line, `[options] type base64 [comment]`, without the options; the comment is its third group.
 */
const SSH_LINE = /^(\S+) (AAAA[A-Za-z0-9+/]+={0,2})(?: ([^\r\n]*))?$/;

/**
 * The comment `ssh-keygen` writes by default, `user@host` (its `-C` option replaces it): it names where the key was
 * made, and is no secret however it reads.
 */
const USER_AT_HOST = /^[A-Za-z0-9._-]+@[A-Za-z0-9.-]+$/;

/** Text written beside public key material. */
export interface BesideKeys {
  readonly text: string;
  /**
   * Whether it is an OpenSSH public key's comment: a label by custom (`release signing key`), which a name about the
   * key (SIGNING_KEY) does not make a secret.
   */
  readonly comment: boolean;
}

/**
 * What `text` holds beside its public key material, each piece to be judged on its own: what is written outside
 * its public PEM blocks (one piece; nothing where it is only what certificate tools write beside a bundle's blocks,
 * certificate-annotations.ts), or the comments of its OpenSSH public key lines (one a line; ssh-keygen's
 * default `user@host` and a label with a digest, `host-key-<md5 hex>`, left out: both name the key). `text` itself
 * when it is no such material; nothing when it is nothing else.
 */
export function besidePublicKeys(text: string): BesideKeys[] {
  const split = publicPemBlocks(text);
  if (split !== undefined) {
    const outside = outsideOf(split);
    if (outside === '' || isCertificateAnnotations(split.blocks, split.after)) return [];
    return [{ text: outside, comment: false }];
  }
  const comments = sshKeyComments(text);
  if (comments === undefined) return [{ text, comment: false }];
  return comments
    .filter((comment) => comment.length > 0 && !USER_AT_HOST.test(comment) && !isLabelledDigest(comment))
    .map((comment) => ({ text: comment, comment: true }));
}

/** Whether the whole of `text` is public key material: public PEM blocks, OpenSSH public keys, base64 DER. */
export function isPublicKeyMaterial(text: string): boolean {
  // Every PEM block of it public, and nothing else: text beside a certificate can be a password.
  const beside = besidePublicKeys(text);
  if (beside.length === 0) return true;
  if (beside.length > 1 || beside[0]?.text !== text || beside[0]?.comment) return false;
  // Base64 DER wrapped in lines (`openssl base64`, a PEM body without its armour) is read joined.
  const kind = derKeyMaterial(joinedBase64Lines(text) ?? text);
  return kind === 'public-key' || kind === 'certificate' || kind === 'certificate-store';
}

/**
 * The comments of one or more OpenSSH public key lines (an authorized_keys file), each of whose base64 names the
 * same key type as its first field: `ssh-ed25519 AAAAC3NzaC1lZDI1NTE5…` holds the string `ssh-ed25519` first
 * (RFC 4253 §6.6). Undefined when `text` is not such lines alone.
 */
function sshKeyComments(text: string): string[] | undefined {
  if (!text.includes(' AAAA')) return undefined;
  const lines = text
    .split(/\r?\n|\\n/)
    .map((line) => line.trim())
    .filter((line) => line.length > 0);
  const comments: string[] = [];
  for (const line of lines) {
    const comment = sshKeyComment(line);
    if (comment === undefined) return undefined;
    comments.push(comment);
  }
  return comments;
}

/** The comment of an OpenSSH public key line (empty when it has none); undefined when it is no such line. */
function sshKeyComment(line: string): string | undefined {
  const match = SSH_LINE.exec(line);
  const type = match?.[1] ?? '';
  if (match === null || !SSH_KEY_TYPE.test(type)) return undefined;
  const blob = Buffer.from(match[2] ?? '', 'base64');
  if (blob.length < 4 + type.length) return undefined;
  const named = blob.readUInt32BE(0) === type.length && blob.toString('latin1', 4, 4 + type.length) === type;
  return named ? (match[3] ?? '').trim() : undefined;
}
