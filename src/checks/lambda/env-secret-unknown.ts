/** What a variable whose value is not known before deploy shows of a secret. */
import type { CustomResourceValue, EnvironmentVariable, ValueParameter } from '../../model/lambda.js';
import {
  detectSecretInTemplate,
  isSecretReferenceName,
  namesSecretStore,
  secretName,
} from '../../secrets/index.js';
import { inPasswordSlot } from '../../secrets/password-slot.js';
import type { CheckContext, Outcome } from '../define.js';
import { customValueFinding } from './env-secret-deploy-findings.js';
import { givenSecretFinding, noEchoFinding } from './env-secret-parameter-findings.js';
import {
  judgedParameterName,
  ssmParameterFinding,
  ssmReferenceFinding,
  ssmReferenceNamedSecret,
} from './env-secret-ssm-reference.js';
import { hitEvidence, inField } from './env-secret-words.js';

/**
 * What a value not known before deploy shows: a secret written in its literal text around the unknown parts
 * (`postgresql://app:Pa55w0rd@${Db.Endpoint.Address}/orders`), or a NoEcho parameter given at deploy that
 * the variable's or the parameter's name says is a secret.
 */
export function unknownValueFinding(
  variable: EnvironmentVariable,
  template: string | undefined,
  ctx: CheckContext,
): Outcome | undefined {
  const parameters = variable.parameters ?? [];
  // Each parameter with the name it is judged by, worked out once.
  const judged = parameters.map((p) => ({ p, name: judgedParameterName(p, variable.name) }));
  // A NoEcho value is never known to checks (what they made of it could tell it): such a variable is judged by
  // its NoEcho parameters alone, by names, or by where the text puts one (a URL's or a connection string's password).
  if (parameters.some((p) => p.noEcho)) {
    const secrets = judged
      .filter(({ p, name }) => p.noEcho && namedSecret(variable, p, name, template))
      .map(({ p }) => p);
    return secrets.length === 0 ? undefined : noEchoFinding(variable, secrets, ctx);
  }
  const hit = template === undefined ? undefined : detectSecretInTemplate(template);
  if (hit !== undefined) {
    return ctx.fail(
      `Environment variable ${variable.name} holds a plaintext secret${inField(hit)} written in the template: ` +
        `${hit.description} (${hit.confidence} confidence); the rest of its value is set at deploy.`,
      {
        key: variable.name,
        where: ['Environment', 'Variables', variable.name],
        evidence: hitEvidence(variable.name, hit, hit.redacted),
      },
    );
  }
  // Given at deploy and not NoEcho: the same value lands in the function configuration, and CloudFormation shows it
  // too. A parameter named as a pointer (`DbPasswordSecretArn`) holds no secret, nor one of an AWS-specific type (an
  // AMI id read from SSM, a key pair's name), which CloudFormation checks against the account's resources.
  const givenJudged = judged.filter(
    ({ p, name }) =>
      p.origin === 'deploy' &&
      p.resourceId === undefined &&
      !isSecretReferenceName(name) &&
      !namesSecretStore(name) &&
      namedSecret(variable, p, name, template),
  );
  const given = givenJudged.map(({ p }) => p);
  // Read from SSM at deploy as a `{{resolve:ssm}}` reference is, and said so; beside another parameter, as that one.
  if (given.length > 0 && given.every((p) => p.fromSsm !== undefined))
    return ssmParameterFinding(
      variable,
      given,
      ctx,
      givenJudged.every(({ name }) => !secretByName(variable, name)),
    );
  if (given.length > 0) return givenSecretFinding(variable, given, ctx);
  const custom = customValuesNamedSecret(variable, template);
  if (custom !== undefined) return customValueFinding(variable, custom.values, ctx, custom.inSlot);
  // After the parameters, so that one given at deploy beside the reference is the one named.
  const ssm = ssmReferenceNamedSecret(variable, template);
  return ssm === undefined ? undefined : ssmReferenceFinding(variable, ssm, ctx);
}

/**
 * The custom resource values (`!Ref Gen`, `${Gen.Password}`) of a variable named as a secret, or those the text puts
 * in a password slot; undefined when there is none, or when the name says the value is where a secret is kept.
 */
function customValuesNamedSecret(
  variable: EnvironmentVariable,
  template: string | undefined,
): { values: readonly CustomResourceValue[]; inSlot: boolean } | undefined {
  const values = variable.customValues ?? [];
  if (values.length === 0 || namesSecretStore(variable.name)) return undefined;
  if (secretName(variable.name) !== undefined) return { values, inSlot: false };
  const inSlot = values.filter((v) => inPasswordSlot(template, v.placeholder));
  return inSlot.length === 0 ? undefined : { values: inSlot, inSlot: true };
}

/** Whether the variable's name or the parameter's judged name (judgedParameterName) says it holds a secret. */
function secretByName(variable: EnvironmentVariable, judgedName: string): boolean {
  return (secretName(variable.name) ?? secretName(judgedName)) !== undefined;
}

/**
 * Whether a parameter in a variable holds a secret by name: the variable's or the parameter's name says so (not a
 * variable naming where a secret is kept, `DB_PASSWORD_SECRET`), or the text puts it in a password slot. Not a
 * parameter whose AllowedValues the template lists, nor an empty default.
 */
function namedSecret(
  variable: EnvironmentVariable,
  p: ValueParameter,
  judgedName: string,
  template: string | undefined,
): boolean {
  return (
    !p.listed &&
    !p.empty &&
    !namesSecretStore(variable.name) &&
    (secretByName(variable, judgedName) || inPasswordSlot(template, p.name))
  );
}
