/**
 * A `{{resolve:ssm:…}}` dynamic reference in a variable named as a secret (or in a password slot): as an
 * `AWS::SSM::Parameter::Value<String>` parameter in the same place. CloudFormation reads a String (or StringList)
 * parameter and writes its value into the function configuration at deploy, in plaintext; whether it is a secret
 * rests on a name alone (unknown). A secret kept in SSM is a SecureString, which `resolve:ssm` does not read and
 * Lambda environment variables cannot take (`ssm-secure`, a scan error).
 */
import { listedWithAnd } from '../../findings/words.js';
import { wholeSsmReference } from '../../model/dynamic-references.js';
import type { EnvironmentVariable, ValueParameter } from '../../model/lambda.js';
import { namesSecretStore, nameWords, parameterValueName, secretName } from '../../secrets/index.js';
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

/**
 * `AWS::SSM::Parameter::Value<String>` parameters (ValueParameter.fromSsm) given at deploy in a variable named as a
 * secret (or in a password slot): CloudFormation reads the value from Parameter Store and writes it into the function
 * configuration, as it does a `{{resolve:ssm}}` reference's, and shows it in DescribeStacks as the parameter's
 * ResolvedValue (CloudFormation API reference, Parameter).
 */
export function ssmParameterFinding(
  variable: EnvironmentVariable,
  parameters: readonly ValueParameter[],
  ctx: CheckContext,
  /** Caught only by where the text puts them (a URL's password), no name saying they hold a secret. */
  inSlot = false,
): Outcome {
  const read = parameters.map((p) => `parameter ${p.name} (${ssmParameterWords(p)})`);
  const why = inSlot ? 'sits where a password goes' : 'named as a secret';
  // A list (a StringList in Parameter Store): the variable holds an item of it, or all of them joined with commas.
  const lists = parameters.filter((p) => p.fromSsm?.list === true).length;
  // A number (`Value<Number>`) is a secret only as a PIN is: said so.
  const numbers = parameters.every((p) => p.fromSsm?.number === true);
  const value = numbers
    ? {
        read: 'whose value',
        one: 'if the value is one (a number may be a PIN)',
        written: '',
        kept: 'a String parameter',
      }
    : lists === parameters.length
      ? {
          read: 'whose items',
          one: 'if an item is one',
          written: ' (the whole list joined with commas where !Join takes it)',
          kept: 'a StringList parameter',
        }
      : {
          read: 'whose value',
          one: 'if the value is one',
          written: '',
          kept: lists === 0 ? 'a String parameter' : 'a String or StringList parameter',
        };
  return namedSecretUnknown(
    ctx,
    variable,
    `Environment variable ${variable.name} is set from ${listedWithAnd(read)}, ${value.read} CloudFormation reads ` +
      `from Parameter Store at deploy, and ${why}: ${value.one}, CloudFormation writes it into the function ` +
      `configuration${value.written}, where it shows in plaintext (and ${value.kept} keeps it unencrypted), and shows ` +
      "it as the parameter's ResolvedValue (DescribeStacks). Keep it in a SecureString or Secrets Manager, pass the " +
      'name and read it at run time.',
    parameters.map((p) => p.name).join(', '),
    '(read from SSM Parameter Store at deploy: not in the template)',
  );
}

/**
 * `SSM parameter /dt/token, its default`, or `an SSM parameter named at deploy`; `, a list` after either for a list,
 * `, a number` for a number.
 */
function ssmParameterWords(parameter: ValueParameter): string {
  const path = parameter.fromSsm?.path;
  const list = parameter.fromSsm?.list ? ', a list' : parameter.fromSsm?.number ? ', a number' : '';
  if (path === undefined) return `an SSM parameter named at deploy${list}`;
  return `SSM parameter ${path}, ${parameter.fromSsm?.given ? 'given with -p' : 'its default'}${list}`;
}

/** Last words of a parameter's name that name the SSM parameter it reads (`TokenSsm`, `DbPassParam`). */
const SSM_NAMING_WORDS = new Set(['ssm', 'param', 'params', 'parameter', 'parameters', 'path', 'name']);

/** Last words of a list-typed parameter's name that say it is a list (`TokenSsmList`), before the SSM naming words. */
const LIST_WORDS = new Set(['list', 'lists']);

/**
 * The name a parameter in a variable is judged by. For an `AWS::SSM::Parameter::Value<String>` parameter, the name of
 * what it holds: its name without the last words that
 * name the SSM parameter it reads (`DtConnectionAuthTokenSSM` holds the token, read from SSM, not a pointer to it),
 * and for a list (`Value<List<String>>`) first without a last `List` (`TokenSsmList` holds tokens).
 * Other names as they are (`ApiKeySecretArn` still holds an ARN), and of another parameter as parameterValueName
 * reads it beside the variable it sets (`GitHubClientSecretParameter` holds the client secret).
 */
export function judgedParameterName(parameter: ValueParameter, variable: string): string {
  if (parameter.fromSsm === undefined) return parameterValueName(parameter.name, variable);
  const words = nameWords(parameter.name);
  if (parameter.fromSsm.list && words.length > 1 && LIST_WORDS.has(words.at(-1) as string)) words.pop();
  while (words.length > 1 && SSM_NAMING_WORDS.has(words.at(-1) as string)) words.pop();
  return words.join('_');
}
