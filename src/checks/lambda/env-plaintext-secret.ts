import type { EnvironmentVariable, SecretAttribute, ValueParameter } from '../../model/lambda.js';
import { isUnknown, shapeOf } from '../../model/values.js';
import {
  type SecretsManagerReference,
  secretsManagerReference,
  takesSecretMaterial,
} from '../../secrets/dynamic-references.js';
import {
  detectSecretInNamedValue,
  detectSecretInTemplate,
  isSecretReferenceName,
  namesSecretStore,
  type SecretHit,
  secretName,
} from '../../secrets/index.js';
import { type CheckContext, defineCheck, type Outcome } from '../define.js';
import { environmentOf } from './environment.js';

export default defineCheck({
  id: 'lambda.env-plaintext-secret',
  title: 'Lambda environment variable holds a plaintext secret',
  severity: 'high',
  resource: 'lambda.function',
  description:
    'Looks at every environment variable whose value is written in the template (a literal, or the ' +
    'default of a parameter) or given with `-p` for a secret: provider tokens and keys, private keys, ' +
    'passwords in URLs, long random-looking strings, and the values of variables (or parameters) named ' +
    'like PASSWORD, SECRET, TOKEN or API_KEY, short and common ones included (`hunter2`, `changeme`: weak ' +
    'passwords once deployed), also as fields of a JSON object or a `key=value;` connection string in the ' +
    'value (`{"user":"admin","password":"…"}` fails naming its "password" field). A secret passed as a ' +
    'parameter is a finding too: it still lands in plaintext in the function configuration, and the ' +
    'finding names the parameter and says whether its default or a `-p` value was used.',
  details:
    'A value built with `!Sub` or `!Join` around parts not known before deploy is read for the provider ' +
    'tokens, keys and URL passwords written in its literal text ' +
    '(`postgresql://app:Pa55w0rd@${Db.Endpoint.Address}`), and for the JSON or connection-string fields ' +
    'named like secrets written there; a part not known (`app:${DbPassword}@`, ' +
    '`"password":"${DbPassword}"`) is no literal secret. A `NoEcho` parameter in a variable whose name, ' +
    "or the parameter's, is named like a secret, or put in a URL's password or a JSON or " +
    'connection-string field named like a secret, fails whatever its value: the template writes the value ' +
    'its author marked secret into the function configuration (high when its default is used, medium when ' +
    'it is given at deploy or with `-p`). Its value is never read (what a check made of it could tell ' +
    'it), here or from a parent stack: it is judged so, by names and place. A parameter without NoEcho ' +
    'given only at deploy, in such a variable or slot, is `unknown` (medium): whether its value is a ' +
    'secret rests on a name, and if it is, CloudFormation shows it too (DescribeStacks); a parameter ' +
    'named as a pointer (`DbPasswordSecretArn`) is skipped. Values that point at a secret (Secrets ' +
    'Manager or SSM names and ARNs, parameter names, paths, `!GetAtt` / `!Ref` of a resource, a name in a ' +
    'variable named `<secret>_SECRET` such as `LICENSE_KEY_SECRET: nr-license-key`), identifiers (`*_ID`: ' +
    'a Cognito app client id), base64 of a file (PNG, JPEG, GIF, PDF, ZIP, gzip), tokens issued to be ' +
    'public (Stripe publishable keys `pk_live_`/`pk_test_`, Mapbox public tokens `pk.`) unless the name ' +
    'says the value is secret (`STRIPE_SECRET_KEY`, a password or private key name), public keys and ' +
    'certificates, made to be shared (PEM `PUBLIC KEY` and `CERTIFICATE` blocks, OpenSSH `ssh-ed25519 ' +
    'AAAA…` lines, base64 DER told by its ASN.1 header: `MIIBIjANBgkqhkiG9w0BAQEFAAOC…` is an RSA public ' +
    'key), placeholders that cannot work as a secret (`<password>`, `${DB_PASSWORD}`, `your-token-here`) ' +
    'and other values not known before deploy are skipped; a provider token or key in any of these ' +
    'variables still fails, and so does a private key, PEM or base64 DER (PKCS#8 ' +
    '`MIIEvQIBADANBgkqhkiG9w0BAQEFAASC…`, PKCS#1, SEC 1), whatever the variable is called. A resource ' +
    'attribute that is the secret itself fails, whatever the variable is called and also inside `!Sub` or ' +
    '`!Join`: `AWS::Cognito::UserPoolClient` ClientSecret, `AWS::IAM::AccessKey` SecretAccessKey and ' +
    '`AWS::AppSync::ApiKey` ApiKey. It is not in the template, but CloudFormation writes the resolved ' +
    'value into the function configuration at deploy, as it does the value of a dynamic reference. A ' +
    '`{{resolve:secretsmanager:…}}` dynamic reference that takes a whole secret, or a JSON key or ' +
    'variable named like a secret (`password`, `DB_PASSWORD`; not `host` or `username`), fails as medium: ' +
    'the secret stays out of the template and the repository, but not out of the function configuration. ' +
    'A `{{resolve:ssm-secure:…}}` reference is a scan error: CloudFormation takes it only in the ' +
    'properties its user guide lists for secure strings, and Lambda environment variables are not among ' +
    'them. One finding per variable; a secret found in a field is named by its path (evidence `field`: ' +
    '`db.password`). The evidence shows a secret only redacted (a 4-character prefix for values of 20 ' +
    'characters or more, and the length); of a value that comes from a NoEcho parameter it shows nothing, ' +
    'not even the length. The severity is high for every hit in the template or a `-p` value: a ' +
    'high-confidence hit (a known token format) is as urgent as a critical one, but a medium-confidence ' +
    'hit (a random-looking string) can be a build id or a hash, and a critical gate should not break on ' +
    'those.',
  risk: 'Environment variables are readable by anyone allowed lambda:GetFunctionConfiguration and appear in the console; a literal also sits in source control and in CloudFormation. A secret there is as good as shared with all of them, and it cannot be rotated without a redeploy. `NoEcho` on a parameter hides its value only from CloudFormation (DescribeStacks, the console): the function configuration still shows it in plaintext.',
  remediation: {
    text: 'Remove the secret from the template and the parameters and rotate it (it has been exposed). Store it in AWS Secrets Manager or SSM Parameter Store (SecureString) and have the function read it at run time (the AWS Parameters and Secrets Lambda Extension caches it); pass only the secret name or ARN in the environment. Where another resource needs the same secret (a database password), have that resource read it with a `{{resolve:secretsmanager:…}}` (or, where the property supports it, `{{resolve:ssm-secure:…}}`) dynamic reference instead of a parameter. In Environment a dynamic reference keeps the secret out of the template, but CloudFormation writes the resolved value into the function configuration: only reading it at run time keeps it out of there.',
    cloudformation:
      'Environment:\n' +
      '  Variables:\n' +
      '    DB_SECRET_ARN: !Ref DbSecret        # the function calls secretsmanager:GetSecretValue\n',
    cdk:
      "import * as lambda from 'aws-cdk-lib/aws-lambda';\n" +
      "import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';\n" +
      '\n' +
      "const dbSecret = new secretsmanager.Secret(this, 'DbSecret'); // value generated, or set after deploy\n" +
      "const fn = new lambda.Function(this, 'Fn', {\n" +
      '  // ...runtime, handler, code\n' +
      "  // the secret's ARN, never its value (no literal, no secretValue.unsafeUnwrap())\n" +
      '  environment: { DB_SECRET_ARN: dbSecret.secretArn },\n' +
      '});\n' +
      'dbSecret.grantRead(fn); // the function calls secretsmanager:GetSecretValue at run time\n',
    cli: 'aws lambda update-function-configuration --function-name <name> --environment "Variables={DB_SECRET_ARN=<secret-arn>}"',
    terraform:
      'resource "aws_lambda_function" "this" {\n' +
      '  environment {\n' +
      '    variables = { DB_SECRET_ARN = aws_secretsmanager_secret.db.arn }\n' +
      '  }\n' +
      '}\n',
  },
  compliance: {
    'nist-800-53-r5': ['IA-5(7)', 'SC-28'],
    'pci-dss-4.0': ['8.6.2'],
    soc2: ['CC6.1'],
  },
  references: [
    'https://docs.aws.amazon.com/lambda/latest/dg/configuration-envvars.html',
    'https://docs.aws.amazon.com/secretsmanager/latest/userguide/retrieving-secrets_lambda.html',
    'https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/dynamic-references-ssm-secure-strings.html',
  ],
  evaluate(fn, ctx) {
    const variables = environmentOf(fn, ctx);
    if (!Array.isArray(variables)) return variables as Outcome;

    const findings: Outcome[] = [];
    let skipped = 0;
    for (const variable of variables) {
      if (variable.secretAttributes !== undefined && variable.secretAttributes.length > 0) {
        findings.push(secretAttributeFinding(variable, variable.secretAttributes, ctx));
        continue;
      }
      // Often built with !Sub from the secret of the template (`${DbSecret}`): its shape says what it takes.
      const text = shapeOf(variable.value);
      const resolved = text === undefined ? undefined : secretsManagerReference(text);
      if (resolved !== undefined && takesSecretMaterial(resolved, variable.name)) {
        findings.push(resolvedSecretFinding(variable, resolved, ctx));
        continue;
      }
      if (isUnknown(variable.value)) {
        const outcome = unknownValueFinding(variable, variable.value.template, ctx);
        if (outcome !== undefined) {
          findings.push(outcome);
          continue;
        }
      }
      // A reference points at where a secret lives; the rest of an Unknown value is not in the template.
      if (variable.isReference || isUnknown(variable.value)) {
        skipped++;
        continue;
      }
      const parameters: readonly ValueParameter[] = variable.parameters ?? [];
      const hit = detect(variable.name, variable.value, parameters);
      if (hit === undefined) continue;
      findings.push(
        ctx.fail(message(variable.name, hit, parameters), {
          key: variable.name,
          where: ['Environment', 'Variables', variable.name],
          evidence: {
            variable: variable.name,
            kind: hit.kind,
            ...(hit.field === undefined ? {} : { field: hit.field }),
            value: shown(hit, parameters),
            confidence: hit.confidence,
            ...(parameters.length > 0 ? { parameters: parameters.map((p) => p.name).join(', ') } : {}),
          },
        }),
      );
    }
    if (findings.length > 0) return findings;
    const checked = variables.length - skipped;
    const note = skipped === 0 ? '' : `; ${skipped} reference(s) or value(s) not known before deploy skipped`;
    return ctx.pass(`no plaintext secret in ${checked} environment variable(s)${note}`, {
      where: ['Environment'],
    });
  },
});

/**
 * A value made from a resource attribute that is the secret itself (`!GetAtt Client.ClientSecret`): not in
 * the template, but CloudFormation resolves it at deploy and writes it into the function configuration,
 * as it does a `{{resolve:secretsmanager:…}}` dynamic reference. Certain, whatever the variable's name.
 */
function secretAttributeFinding(
  variable: EnvironmentVariable,
  attributes: readonly SecretAttribute[],
  ctx: CheckContext,
): Outcome {
  const named = attributes.map((a) => `${a.placeholder} (${a.description})`);
  return ctx.fail(
    `Environment variable ${variable.name} is set from ${joined(named)}: CloudFormation writes the resolved ` +
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
function resolvedSecretFinding(
  variable: EnvironmentVariable,
  reference: SecretsManagerReference,
  ctx: CheckContext,
): Outcome {
  const what =
    reference.jsonKey === undefined
      ? `the whole of secret ${reference.secretId}`
      : `key ${reference.jsonKey} of secret ${reference.secretId}`;
  return ctx.fail(
    `Environment variable ${variable.name} is set from ${what} with a {{resolve:secretsmanager}} dynamic ` +
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
 * What a value not known before deploy shows: a secret written in its literal text around the unknown parts
 * (`postgresql://app:Pa55w0rd@${Db.Endpoint.Address}/orders`), or a NoEcho parameter given at deploy that
 * the variable's or the parameter's name says is a secret.
 */
function unknownValueFinding(
  variable: EnvironmentVariable,
  template: string | undefined,
  ctx: CheckContext,
): Outcome | undefined {
  const parameters = variable.parameters ?? [];
  // A NoEcho value is never known to checks (what they made of it could tell it): such a variable is judged by
  // its NoEcho parameters alone, by names, or by where the text puts one (a URL's or a connection string's password).
  if (parameters.some((p) => p.noEcho)) {
    const secrets = parameters.filter((p) => p.noEcho && namedSecret(variable, p, template));
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
        evidence: {
          variable: variable.name,
          kind: hit.kind,
          ...(hit.field === undefined ? {} : { field: hit.field }),
          value: hit.redacted,
          confidence: hit.confidence,
        },
      },
    );
  }
  // Given at deploy and not NoEcho: the same value lands in the function configuration, and CloudFormation shows it
  // too. A parameter named as a pointer (`DbPasswordSecretArn`) holds no secret.
  const given = parameters.filter(
    (p) =>
      p.origin === 'deploy' &&
      !isSecretReferenceName(p.name) &&
      !namesSecretStore(p.name) &&
      namedSecret(variable, p, template),
  );
  return given.length === 0 ? undefined : givenSecretFinding(variable, given, ctx);
}

/**
 * Whether a parameter in a variable holds a secret by name: the variable's or the parameter's name says so (not a
 * variable naming where a secret is kept, `DB_PASSWORD_SECRET`), or the text puts it in a password slot. Not a
 * parameter whose AllowedValues the template lists, nor an empty default.
 */
function namedSecret(
  variable: EnvironmentVariable,
  p: ValueParameter,
  template: string | undefined,
): boolean {
  return (
    !p.listed &&
    !p.empty &&
    !namesSecretStore(variable.name) &&
    ((secretName(variable.name) ?? secretName(p.name)) !== undefined || inPasswordSlot(template, p.name))
  );
}

/**
 * A parameter without NoEcho, given at deploy, in a variable named as a secret (or in a password slot): unknown, at
 * medium, as whether the value is a secret rests on a name alone (a NoEcho one is the author's own word, and fails).
 * If it is one, the function configuration shows it in plaintext, and so do CloudFormation's stack parameters
 * (DescribeStacks, the console), which NoEcho would hide.
 */
function givenSecretFinding(
  variable: EnvironmentVariable,
  parameters: readonly ValueParameter[],
  ctx: CheckContext,
): Outcome {
  const names = parameters.map((p) => p.name);
  const from = joined(parameters.map((p) => `${parameterLabel(p)} (${originOf(p)})`));
  return ctx.unknown(
    `Environment variable ${variable.name} is set from ${from} and named as a secret: if the value is one, the ` +
      'function configuration shows it in plaintext, and so does CloudFormation, the parameter having no NoEcho ' +
      '(DescribeStacks, the console). Pass the name or ARN of a Secrets Manager secret and read it at run time.',
    {
      key: variable.name,
      where: ['Environment', 'Variables', variable.name],
      severity: 'medium',
      evidence: {
        variable: variable.name,
        kind: 'secret-parameter',
        parameters: names.join(', '),
        value: '(given at deploy: not in the template)',
        confidence: 'medium',
      },
    },
  );
}

/**
 * Whether text built with `${name}` puts it where a password goes: a URL's (`postgres://app:${DbPass}@db/x`), a
 * connection string's (`Server=db;User Id=app;Password=${Blob};`, `pwd=${Blob}`, `ApiKey=${Blob}`) or a JSON
 * field named like a secret (`{"user":"app","password":"${Blob}"}`).
 */
function inPasswordSlot(template: string | undefined, name: string): boolean {
  if (template === undefined) return false;
  const placeholder = `\${${name}}`;
  const url =
    template.includes(`:${placeholder}@`) &&
    /^[a-z][a-z0-9+.-]*:\/\/[^/\s]*$/i.test(template.split('@')[0] ?? '');
  return url || passwordKeyBefore(template, placeholder);
}

/**
 * `Password=${Blob}` or `pwd = ${Blob}` at the start of a connection-string entry, an entry whose key is named like
 * a secret (`ApiKey=${Blob}`), or a JSON field's whole string (`"password": "${Blob}"`).
 */
function passwordKeyBefore(template: string, placeholder: string): boolean {
  let at = template.indexOf(placeholder);
  while (at !== -1) {
    const before = template.slice(0, at);
    if (/(?:^|[;\s])(?:password|pwd)\s*=\s*$/i.test(before)) return true;
    const entry = /(?:^|;)\s*([A-Za-z][A-Za-z0-9 _.-]{0,63}?)\s*=\s*$/.exec(before)?.[1];
    const jsonKey = template.startsWith(`${placeholder}"`, at)
      ? /"([^"\\]{1,64})"\s*:\s*"$/.exec(before)?.[1]
      : undefined;
    const key = entry ?? jsonKey;
    if (key !== undefined && secretName(key) !== undefined) return true;
    at = template.indexOf(placeholder, at + 1);
  }
  return false;
}

/**
 * A NoEcho parameter in a variable whose name, or the parameter's, says it is a secret (or in a password slot):
 * what the value is does not matter, the template's author marked it secret and the template writes it into the
 * function configuration, where it shows in plaintext. High when its default is used (written in a template);
 * otherwise medium, as a `{{resolve:secretsmanager:…}}` reference: out of the template and the repository, not
 * out of the configuration.
 */
function noEchoFinding(
  variable: EnvironmentVariable,
  parameters: readonly ValueParameter[],
  ctx: CheckContext,
): Outcome {
  const names = parameters.map((p) => p.name);
  const plural = names.length > 1 ? 's' : '';
  const only = parameters.length === 1 ? parameters[0] : undefined;
  const origins = only ? originOf(only) : joined(parameters.map((p) => `${p.name}: ${originOf(p)}`));
  // A default is written in the template itself: as high as any literal secret.
  const written = parameters.some((p) => p.origin === 'default');
  return ctx.fail(
    `Environment variable ${variable.name} is set from ${joined(parameters.map(parameterLabel))} (${origins}): ` +
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
        value: `(from NoEcho parameter${plural} ${joined(names)}: not shown)`,
        confidence: 'high',
      },
    },
  );
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

const ORIGINS: Readonly<Record<ValueParameter['origin'], string>> = {
  default: 'its default value',
  given: 'given with -p',
  deploy: 'given at deploy',
};

/** Where a parameter's value comes from, in words: `its default value`, `given by the parent stack app.yaml …`. */
function originOf(parameter: ValueParameter): string {
  const { givenBy, origin, parentNoEcho } = parameter;
  if (givenBy === undefined) return ORIGINS[origin];
  const from = parentNoEcho ? 'its NoEcho parameters' : 'its parameters';
  if (origin === 'default') return `given by ${givenBy} from ${from}' defaults`;
  return parentNoEcho ? `given by ${givenBy} from ${from}` : `given by ${givenBy}`;
}

/** `NoEcho parameter P`, or `parameter P` when only the parent's value it is given is NoEcho (originOf says so). */
function parameterLabel(parameter: ValueParameter): string {
  return `${parameter.noEcho && !parameter.parentNoEcho ? 'NoEcho ' : ''}parameter ${parameter.name}`;
}

function message(name: string, hit: SecretHit, parameters: readonly ValueParameter[]): string {
  const found = `${hit.description} (${hit.confidence} confidence)`;
  if (parameters.length === 0) {
    const literal = hit.kind === 'named-secret' ? `literal ${found}` : found;
    return `Environment variable ${name} holds a plaintext secret${inField(hit)}: ${literal}.`;
  }
  const from = parameters.map((p) => `${parameterLabel(p)} (${originOf(p)})`);
  const hidden = parameters.some((p) => p.noEcho) ? ' (NoEcho only hides it from CloudFormation)' : '';
  return (
    `Environment variable ${name} is set from ${joined(from)} and holds a secret${inField(hit)}: ${found}. ` +
    `The function configuration shows it in plaintext${hidden}.`
  );
}

/** ` in its "password" field` for a secret found in a field of a JSON or connection-string value. */
function inField(hit: SecretHit): string {
  return hit.field === undefined ? '' : ` in its "${hit.field}" field`;
}

/**
 * The evidence's value: a NoEcho parameter's value is not shown at all, not even its prefix or length (the
 * template's author said it is never to be shown); any other secret as `redact` shows it. A NoEcho value no longer
 * reaches a check as text: this stays as a second guard.
 */
function shown(hit: SecretHit, parameters: readonly ValueParameter[]): string {
  const noEcho = parameters.filter((p) => p.noEcho).map((p) => p.name);
  if (noEcho.length === 0) return hit.redacted;
  return `(from NoEcho parameter${noEcho.length > 1 ? 's' : ''} ${joined(noEcho)}: not shown)`;
}

/** `a`, `a and b`, `a, b and c`. */
function joined(items: readonly string[]): string {
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
}
