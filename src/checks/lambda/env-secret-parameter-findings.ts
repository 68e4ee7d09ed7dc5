/**
 * Findings on a variable set from template parameters given at deploy, judged by names and place: a NoEcho one is
 * the author's own word that the value is secret (fails); one without NoEcho rests on a name alone (unknown).
 */
import { listedWithAnd } from '../../findings/words.js';
import type { EnvironmentVariable, ValueParameter } from '../../model/lambda.js';
import type { CheckContext, Outcome } from '../define.js';
import { noEchoNotShown, originOf, parameterLabel } from './env-secret-words.js';

/**
 * A parameter without NoEcho, given at deploy, in a variable named as a secret (or in a password slot): unknown, at
 * medium, as whether the value is a secret rests on a name alone (a NoEcho one is the author's own word, and fails).
 * If it is one, the function configuration shows it in plaintext, and so do CloudFormation's stack parameters
 * (DescribeStacks, the console), which NoEcho would hide.
 */
export function givenSecretFinding(
  variable: EnvironmentVariable,
  parameters: readonly ValueParameter[],
  ctx: CheckContext,
): Outcome {
  const names = parameters.map((p) => p.name);
  const from = listedWithAnd(parameters.map((p) => `${parameterLabel(p)} (${originOf(p)})`));
  return namedSecretUnknown(
    ctx,
    variable,
    `Environment variable ${variable.name} is set from ${from} and named as a secret: if the value is one, the ` +
      'function configuration shows it in plaintext, and so does CloudFormation, the parameter having no NoEcho ' +
      '(DescribeStacks, the console). Pass the name or ARN of a Secrets Manager secret and read it at run time.',
    names.join(', '),
    '(given at deploy: not in the template)',
  );
}

/**
 * The unknown, at medium, for a variable named as a secret whose value is set at deploy from `parameters` (template
 * parameters, or an SSM parameter a dynamic reference reads): `value` says where it comes from, never what it is.
 */
export function namedSecretUnknown(
  ctx: CheckContext,
  variable: EnvironmentVariable,
  message: string,
  parameters: string,
  value: string,
): Outcome {
  return ctx.unknown(message, {
    key: variable.name,
    where: ['Environment', 'Variables', variable.name],
    severity: 'medium',
    evidence: { variable: variable.name, kind: 'secret-parameter', parameters, value, confidence: 'medium' },
  });
}

/**
 * A NoEcho parameter in a variable whose name, or the parameter's, says it is a secret (or in a password slot):
 * what the value is does not matter, the template's author marked it secret and the template writes it into the
 * function configuration, where it shows in plaintext. High when its default is used (written in a template);
 * otherwise medium, as a `{{resolve:secretsmanager:…}}` reference: out of the template and the repository, not
 * out of the configuration.
 */
export function noEchoFinding(
  variable: EnvironmentVariable,
  parameters: readonly ValueParameter[],
  ctx: CheckContext,
): Outcome {
  const names = parameters.map((p) => p.name);
  const only = parameters.length === 1 ? parameters[0] : undefined;
  const origins = only ? originOf(only) : listedWithAnd(parameters.map((p) => `${p.name}: ${originOf(p)}`));
  // A default is written in the template itself: as high as any literal secret.
  const written = parameters.some((p) => p.origin === 'default');
  return ctx.fail(
    `Environment variable ${variable.name} is set from ${listedWithAnd(parameters.map(parameterLabel))} (${origins}): ` +
      'the template writes the value its author marked secret into the function configuration, ' +
      'where it shows in plaintext (NoEcho only hides it from CloudFormation). Pass the name or ARN of a ' +
      'Secrets Manager secret and read it at run time.',
    {
      key: variable.name,
      where: ['Environment', 'Variables', variable.name],
      ...(written ? {} : { severity: 'medium' as const }),
      evidence: {
        variable: variable.name,
        kind: 'no-echo-parameter',
        parameters: names.join(', '),
        value: noEchoNotShown(names),
        confidence: 'high',
      },
    },
  );
}
