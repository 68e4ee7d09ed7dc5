/** A secret in a value written in the template or given with `-p`. */
import { listedWithAnd } from '../../findings/words.js';
import type { EnvironmentVariable, ValueParameter } from '../../model/lambda.js';
import { detectSecretInNamedValue, type SecretHit } from '../../secrets/index.js';
import type { CheckContext, Outcome } from '../define.js';
import { hitEvidence, inField, noEchoNotShown, originOf, parameterLabel } from './env-secret-words.js';

/** A finding on a known value that holds a secret; undefined when it holds none. */
export function literalSecretFinding(
  variable: EnvironmentVariable,
  value: string,
  ctx: CheckContext,
): Outcome | undefined {
  const parameters: readonly ValueParameter[] = variable.parameters ?? [];
  if (onlyResourceIds(value, parameters)) return undefined;
  const hit = detect(variable.name, value, parameters);
  if (hit === undefined) return undefined;
  return ctx.fail(message(variable.name, hit, parameters), {
    key: variable.name,
    where: ['Environment', 'Variables', variable.name],
    evidence: {
      ...hitEvidence(variable.name, hit, shown(hit, parameters)),
      ...(parameters.length > 0 ? { parameters: parameters.map((p) => p.name).join(', ') } : {}),
    },
  });
}

/**
 * Whether the value is made only of the ids or names that parameters of AWS-specific types give (`!Ref AmiId`,
 * `!Join [",", !Ref Subnets]`), with nothing but separators between them: the id of a resource of the account, which
 * CloudFormation checks the parameter's value against, is no secret whatever the variable is called (a key pair's
 * name is not its private key). Text of its own (even symbols only: `${AmiId}!@#$%`) or another parameter beside
 * them is judged as any value is.
 */
function onlyResourceIds(value: string, parameters: readonly ValueParameter[]): boolean {
  if (!allResourceIds(parameters)) return false;
  // Longest first, so that an id holding another (`sg-1` in `sg-12`) is taken out whole.
  const texts = parameters.flatMap((p) => p.resourceIdTexts ?? []).sort((a, b) => b.length - a.length);
  let rest = value;
  for (const text of texts) rest = rest.split(text).join('');
  return /^[\s,;:|/._-]*$/u.test(rest);
}

/** Whether every parameter the value is made from gives known resource ids or names (none when there are none). */
function allResourceIds(parameters: readonly ValueParameter[]): boolean {
  return parameters.length > 0 && parameters.every((p) => p.resourceIdTexts !== undefined);
}

/**
 * A secret in the value, judged by the variable's name and then by the names of the parameters it is
 * made from: `DB_CONN: !Ref DbPassword` holds a password too.
 */
function detect(name: string, value: string, parameters: readonly ValueParameter[]): SecretHit | undefined {
  const hit = detectSecretInNamedValue(name, value);
  if (hit !== undefined) return hit;
  for (const parameter of parameters) {
    const byParameter = detectSecretInNamedValue(parameter.name, value, 'parameter');
    if (byParameter !== undefined) return byParameter;
  }
  return undefined;
}

function message(name: string, hit: SecretHit, parameters: readonly ValueParameter[]): string {
  const found = `${hit.description} (${hit.confidence} confidence)`;
  if (parameters.length === 0) {
    const literal = hit.kind === 'named-secret' ? `literal ${found}` : found;
    return `Environment variable ${name} holds a plaintext secret${inField(hit)}: ${literal}.`;
  }
  const from = parameters.map((p) => `${parameterLabel(p)} (${originOf(p)})`);
  const hidden = parameters.some((p) => p.noEcho) ? ' (NoEcho only hides it from CloudFormation)' : '';
  if (allResourceIds(parameters)) {
    // The ids are no secret (onlyResourceIds): what holds it is the text written beside them.
    return (
      `Environment variable ${name} holds a plaintext secret${inField(hit)} in text written beside the resource id ` +
      `or name that ${listedWithAnd(from)} ${parameters.length === 1 ? 'gives' : 'give'}: ${found}. ` +
      `The function configuration shows it in plaintext${hidden}.`
    );
  }
  return (
    `Environment variable ${name} is set from ${listedWithAnd(from)} and holds a secret${inField(hit)}: ${found}. ` +
    `The function configuration shows it in plaintext${hidden}.`
  );
}

/**
 * The evidence's value: a NoEcho parameter's value is not shown at all, not even its prefix or length (the
 * template's author said it is never to be shown); any other secret as `redact` shows it. A NoEcho value no longer
 * reaches a check as text: this stays as a second guard.
 */
function shown(hit: SecretHit, parameters: readonly ValueParameter[]): string {
  const noEcho = parameters.filter((p) => p.noEcho).map((p) => p.name);
  if (noEcho.length === 0) return hit.redacted;
  return noEchoNotShown(noEcho);
}
