/**
 * An OpenSSH public key's comment that names the key by its fingerprint, `host-key-<md5 hex>`, as some tools write
 * it: a label and a digest, no secret. A label that says the text after it is a credential (`api-<40 hex>`, an old
 * GitHub token's shape; `token-`, `secret-`, `auth-`) does not make the hex a fingerprint: such a comment is judged
 * as any comment (detect.ts), and `token-`, `secret-` or `sk-` and 32 hex digits or more fails as a token-like value
 * (patterns.ts).
 */
import { wordShare } from './entropy.js';

/**
 * A label and a digest: hex of an MD5, SHA-1 or SHA-256 length (32, 40, 64 digits, in one case) after a label and a
 * dash. Hex is read as a digest or an identifier everywhere (entropy.ts's looksRandom); the label is the first group.
 */
const LABELLED_DIGEST =
  /^([A-Za-z][A-Za-z0-9]*(?:[-_.][A-Za-z0-9]+)*)-(?:[0-9a-f]{32}|[0-9a-f]{40}|[0-9a-f]{64}|[0-9A-F]{32}|[0-9A-F]{40}|[0-9A-F]{64})$/;

/**
 * Word parts that say a label's hex is a credential, found anywhere in the label, case-insensitive (`apiKey`,
 * `authtoken`, `db_password`, `OAuth`, `xoxb`, `glpat`): a few unrelated words hold them too (`rapid`, `compass`),
 * and a comment so labelled is only judged as any comment, not failed for it.
 */
const CREDENTIAL_PART =
  /api|token|secret|pass|pwd|auth|cred|session|access|priv|bearer|hmac|jwt|licen|xox|glpat/i;

/**
 * Credential words too short to look for inside others (`sk` is in `disk`, `pat` in `path`): whole words of the
 * label only. `sk-` (Stripe's and OpenAI's secret keys), a personal access token's `pat`, GitHub's token prefixes,
 * Pulumi's access token `pul-<40 hex>` (as gitleaks reads it).
 */
const CREDENTIAL_WORDS: ReadonlySet<string> = new Set([
  'sk',
  'pat',
  'pw',
  'ghp',
  'gho',
  'ghu',
  'ghs',
  'ghr',
  'pul',
]);

/**
 * Whether an OpenSSH key's comment names the key: a label and a digest, the label made mostly of words, none of
 * them a credential's.
 *
 * `key` is no credential word here, though `API_KEY` is one in a variable's name (names.ts): the text is a key's
 * comment, and `host-key-<md5>`, `deploy_key-<sha1>` name which SSH key it is, as `ssh-host-<md5>` does. So `key`
 * is taken out of the label before the words are counted, and a label of `key` alone (Mailgun's API key
 * `key-<32 hex>`), or of `key` and no word (`key1-`), names nothing and is judged as any comment. A key that is a
 * credential says so in another word (`api-key-`, `access-key-`, `private-key-`, `session-key-`), found above.
 */
export function isLabelledDigest(comment: string): boolean {
  const label = LABELLED_DIGEST.exec(comment)?.[1];
  if (label === undefined || CREDENTIAL_PART.test(label)) return false;
  const words = label.split(/[^A-Za-z]+|(?<=[a-z])(?=[A-Z])/).map((word) => word.toLowerCase());
  if (words.some((word) => CREDENTIAL_WORDS.has(word))) return false;
  const beyondKey = label.replace(/key/gi, '');
  return wordShare(beyondKey) >= 0.5;
}
