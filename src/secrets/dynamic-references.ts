import { secretName } from './names.js';
import { inPasswordSlot } from './password-slot.js';

/** What a `{{resolve:secretsmanager:…}}` dynamic reference takes: the secret, and the JSON key when one. */
export interface SecretsManagerReference {
  readonly secretId: string;
  /** The JSON key of SecretString it takes; undefined: the whole secret. */
  readonly jsonKey?: string;
}

// `${Secret}` placeholders of a !Sub may stand inside (a reference to the template's own secret).
const REFERENCE = /\{\{\s*resolve:secretsmanager:((?:\$\{[^}]*\}|[^}])*)\}\}/i;

/**
 * The first Secrets Manager dynamic reference in `text`:
 * `{{resolve:secretsmanager:secret-id:SecretString:json-key:version-stage:version-id}}`, the secret id a name
 * or a full ARN (whose own colons count: `arn:aws:secretsmanager:region:account:secret:name`).
 */
export function secretsManagerReference(text: string): SecretsManagerReference | undefined {
  const inner = REFERENCE.exec(text)?.[1];
  if (inner === undefined) return undefined;
  const parts = fields(inner);
  const idParts = parts[0] === 'arn' ? 7 : 1;
  const secretId = parts.slice(0, idParts).join(':');
  const jsonKey = parts[idParts + 1];
  return jsonKey ? { secretId, jsonKey } : { secretId };
}

/**
 * Whether what a reference takes is secret material: the whole secret (a secret's string is its secret,
 * most often a password or a JSON of credentials), or a JSON key, or a variable, whose name says so
 * (`password`, `DB_PASSWORD`). `host` or `username` of a database secret is not.
 */
export function takesSecretMaterial(reference: SecretsManagerReference, variable: string): boolean {
  if (reference.jsonKey === undefined) return true;
  return secretName(reference.jsonKey) !== undefined || secretName(variable) !== undefined;
}

/** `${resolve:secretsmanager:…}`: a `{{resolve:secretsmanager:…}}` reference in an Unknown's shape. */
const SECRETS_MANAGER_PLACEHOLDER = /\$\{(resolve:secretsmanager:[^{}]*)\}/g;

/**
 * The Secrets Manager reference an Unknown's shape puts where a password or key goes (`postgres://app:{{…}}@db`,
 * `?api_key={{…}}`: see inPasswordSlot), so that what it takes is secret whatever the key and the variable are called;
 * undefined when none does. The one in the slot, not the first (`postgres://{{…:username}}:{{…:password}}@db`).
 */
export function secretsManagerInSlot(shape: string): SecretsManagerReference | undefined {
  for (const match of shape.matchAll(SECRETS_MANAGER_PLACEHOLDER))
    if (inPasswordSlot(shape, match[1] as string)) return secretsManagerReference(`{{${match[1]}}}`);
  return undefined;
}

/** The colon-separated fields of a reference, a `${AWS::StackName}` placeholder kept whole. */
function fields(text: string): string[] {
  const out: string[] = [];
  let field = '';
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i] as string;
    if (ch === '$' && text[i + 1] === '{') depth++;
    else if (ch === '}' && depth > 0) depth--;
    if (ch === ':' && depth === 0) {
      out.push(field);
      field = '';
    } else field += ch;
  }
  out.push(field);
  return out;
}
