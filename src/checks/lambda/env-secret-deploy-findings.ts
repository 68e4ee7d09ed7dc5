/**
 * Findings on values CloudFormation resolves at deploy from a secret: not in the template, but written into the
 * function configuration, where they show in plaintext.
 */
import { listedWithAnd } from '../../findings/words.js';
import type {
  CustomResourceValue,
  EnvironmentVariable,
  SecretAttribute,
  ValueParameter,
} from '../../model/lambda.js';
import type { SecretsManagerReference } from '../../secrets/dynamic-references.js';
import type { CheckContext, Outcome } from '../define.js';
import { originOf, parameterLabel } from './env-secret-words.js';

/**
 * A value made from a resource attribute that is the secret itself (`!GetAtt Client.ClientSecret`): not in
 * the template, but CloudFormation resolves it at deploy and writes it into the function configuration,
 * as it does a `{{resolve:secretsmanager:…}}` dynamic reference. Certain, whatever the variable's name.
 */
export function secretAttributeFinding(
  variable: EnvironmentVariable,
  attributes: readonly SecretAttribute[],
  ctx: CheckContext,
): Outcome {
  const named = attributes.map((a) => `${a.placeholder} (${a.description})`);
  return ctx.fail(
    `Environment variable ${variable.name} is set from ${listedWithAnd(named)}: CloudFormation writes the resolved ` +
      'value into the function configuration at deploy, where it shows in plaintext.',
    {
      key: variable.name,
      where: ['Environment', 'Variables', variable.name],
      evidence: {
        variable: variable.name,
        kind: 'secret-attribute',
        attribute: attributes.map((a) => a.placeholder).join(', '),
        resourceType: attributes.map((a) => a.resourceType).join(', '),
        value: '(resolved at deploy: not in the template)',
        confidence: 'high',
      },
    },
  );
}

/**
 * A `{{resolve:secretsmanager:…}}` dynamic reference taking a secret's value: it keeps the secret out of the
 * template, but CloudFormation resolves it at deploy and writes it into the function configuration, where
 * anyone allowed lambda:GetFunctionConfiguration reads it (the CloudFormation user guide advises against
 * dynamic references where a value shows like this).
 */
export function resolvedSecretFinding(
  variable: EnvironmentVariable,
  reference: SecretsManagerReference,
  ctx: CheckContext,
  /** The reference sits where a password or key goes in the value (secretsManagerInSlot), not the whole of it. */
  inSlot = false,
): Outcome {
  const secret = secretNamed(reference.secretId, variable.referenceParameters ?? []);
  const what =
    reference.jsonKey === undefined ? `the whole of ${secret}` : `key ${reference.jsonKey} of ${secret}`;
  const how = inSlot ? `holds ${what}, where a password or key goes,` : `is set from ${what}`;
  return ctx.fail(
    `Environment variable ${variable.name} ${how} with a {{resolve:secretsmanager}} dynamic ` +
      'reference: CloudFormation writes the resolved value into the function configuration at deploy, where it ' +
      'shows in plaintext. Pass the secret name or ARN and read it at run time.',
    {
      key: variable.name,
      where: ['Environment', 'Variables', variable.name],
      // Out of the template and the repository, unlike a literal: exposed to readers of the configuration only.
      severity: 'medium',
      evidence: {
        variable: variable.name,
        kind: 'resolved-secret',
        secret: reference.secretId,
        ...(reference.jsonKey === undefined ? {} : { jsonKey: reference.jsonKey }),
        value: '(resolved at deploy: not in the template)',
        confidence: 'high',
      },
    },
  );
}

/**
 * The secret a reference reads, in words: `secret db-creds`; one a parameter names, as that parameter
 * (`the secret named by parameter SaltSecret (given at deploy)`), whose value is only the secret's name.
 */
function secretNamed(secretId: string, pickers: readonly ValueParameter[]): string {
  const named = pickers.filter((p) => secretId.includes(`\${${p.name}}`));
  const only = named.length === 1 ? named[0] : undefined;
  if (only !== undefined && secretId === `\${${only.name}}`)
    return `the secret named by ${parameterLabel(only)} (${originOf(only)})`;
  if (named.length === 0) return `secret ${secretId}`;
  const by = listedWithAnd(named.map((p) => `${parameterLabel(p)} (${originOf(p)})`));
  return `secret ${secretId}, named with ${by},`;
}

/**
 * A variable named as a secret (or with the value in a password slot) made from what a custom resource's provider
 * returns at deploy (`!Ref Gen`, `!GetAtt Gen.Password`): a generated password may be that, or an id may. Whether it
 * is a secret rests on a name alone (unknown, medium); if it is one, CloudFormation writes it into the function
 * configuration, where it shows in plaintext.
 */
export function customValueFinding(
  variable: EnvironmentVariable,
  values: readonly CustomResourceValue[],
  ctx: CheckContext,
  /** Caught only by where the text puts them (a URL's password), no name saying they hold a secret. */
  inSlot: boolean,
): Outcome {
  const why = inSlot ? 'sits where a password goes' : 'named as a secret';
  return ctx.unknown(
    `Environment variable ${variable.name} is set from ${listedWithAnd(values.map((v) => v.description))}, and ` +
      `${why}: if the value is one, CloudFormation writes it into the function configuration, where it shows in ` +
      'plaintext. Have the provider keep it in Secrets Manager, pass the secret name or ARN and read it at run time.',
    {
      key: variable.name,
      where: ['Environment', 'Variables', variable.name],
      severity: 'medium',
      evidence: {
        variable: variable.name,
        kind: 'custom-resource-value',
        resource: values.map((v) => v.placeholder).join(', '),
        value: '(returned by the provider at deploy: not in the template)',
        confidence: 'medium',
      },
    },
  );
}
