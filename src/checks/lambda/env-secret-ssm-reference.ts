/**
 * A `{{resolve:ssm:…}}` dynamic reference in a variable named as a secret (or in a password slot): as an
 * `AWS::SSM::Parameter::Value<String>` parameter in the same place. CloudFormation reads a String (or StringList)
 * parameter and writes its value into the function configuration at deploy, in plaintext; whether it is a secret
 * rests on a name alone (unknown). A secret kept in SSM is a SecureString, which `resolve:ssm` does not read and
 * Lambda environment variables cannot take (`ssm-secure`, a scan error).
 */
import { wholeSsmReference } from '../../model/dynamic-references.js';
import type { EnvironmentVariable } from '../../model/lambda.js';
import { namesSecretStore, secretName } from '../../secrets/index.js';
import { inPasswordSlot } from '../../secrets/password-slot.js';
import type { CheckContext, Outcome } from '../define.js';
import { namedSecretUnknown } from './env-secret-parameter-findings.js';

/** `${resolve:ssm:/app/db/password}`: a `{{resolve:ssm:…}}` reference in an Unknown's shape. */
const SSM_PLACEHOLDER = /\$\{(resolve:ssm:[^{}]*)\}/g;

/** The SSM parameter name of the first `{{resolve:ssm:…}}` in the variable that names or puts it as a secret. */
export function ssmReferenceNamedSecret(
  variable: EnvironmentVariable,
  template: string | undefined,
): string | undefined {
  if (template === undefined || namesSecretStore(variable.name)) return undefined;
  for (const match of template.matchAll(SSM_PLACEHOLDER)) {
    const placeholder = match[1] as string;
    // The name as the template writes it (`/${AWS::StackName}/token`), never a value.
    const parameter = wholeSsmReference(match[0]) ?? placeholder;
    if (secretName(variable.name) !== undefined || inPasswordSlot(template, placeholder)) return parameter;
  }
  return undefined;
}

export function ssmReferenceFinding(
  variable: EnvironmentVariable,
  parameter: string,
  ctx: CheckContext,
): Outcome {
  return namedSecretUnknown(
    ctx,
    variable,
    `Environment variable ${variable.name} is set from SSM parameter ${parameter} with a {{resolve:ssm}} dynamic ` +
      'reference and named as a secret: if the value is one, CloudFormation writes it into the function ' +
      'configuration at deploy, where it shows in plaintext (and a String parameter keeps it unencrypted). Keep it ' +
      'in a SecureString or Secrets Manager, pass the name and read it at run time.',
    parameter,
    '(read from SSM Parameter Store at deploy: not in the template)',
  );
}
