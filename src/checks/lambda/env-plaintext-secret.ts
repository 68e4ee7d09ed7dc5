import { isUnknown } from '../../model/values.js';
import { detectSecretInNamedValue } from '../../secrets/index.js';
import { defineCheck, type Outcome } from '../define.js';
import { environmentOf } from './environment.js';

export default defineCheck({
  id: 'lambda.env-plaintext-secret',
  title: 'Lambda environment variable holds a plaintext secret',
  severity: 'high',
  resource: 'lambda.function',
  description:
    'Looks at every environment variable whose value is written in the template (a literal, or the default of ' +
    'a parameter) or given with `-p` for a secret (a secret passed as a parameter still lands in plaintext in the ' +
    'function configuration): provider tokens and keys, private keys, passwords in URLs, long random-looking ' +
    'strings, and literal values of variables named like PASSWORD, TOKEN or API_KEY. Values that point at a ' +
    'secret (Secrets Manager or SSM references, ARNs, parameter names, paths, `!GetAtt` / `!Ref` of a resource) ' +
    'and values not known before deploy are not secrets in the template and are skipped. One finding per ' +
    'variable; the evidence shows the secret only redacted (a prefix for long values, the length, a short hash) ' +
    'and how confident the detection is. The severity is high for every hit: a high-confidence hit (a known ' +
    'token format) is as urgent as a critical one, but a medium-confidence hit (a random-looking string) can be ' +
    'a build id or a hash, and a critical gate should not break on those.',
  risk: 'Environment variables are readable by anyone allowed lambda:GetFunctionConfiguration, appear in the console, and the template itself sits in source control and CloudFormation. A secret there is as good as shared with all of them, and it cannot be rotated without a redeploy.',
  remediation: {
    text: 'Remove the secret from the template and rotate it (it has been exposed). Store it in AWS Secrets Manager or SSM Parameter Store (SecureString) and have the function read it at run time (the AWS Parameters and Secrets Lambda Extension caches it); pass only the secret name or ARN in the environment.',
    cloudformation:
      'Environment:\n' +
      '  Variables:\n' +
      '    DB_SECRET_ARN: !Ref DbSecret        # the function calls secretsmanager:GetSecretValue\n',
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
  ],
  evaluate(fn, ctx) {
    const variables = environmentOf(fn, ctx);
    if (!Array.isArray(variables)) return variables as Outcome;

    const findings: Outcome[] = [];
    let skipped = 0;
    for (const variable of variables) {
      // A reference points at where a secret lives; an Unknown value is not in the template at all.
      if (variable.isReference || isUnknown(variable.value)) {
        skipped++;
        continue;
      }
      const hit = detectSecretInNamedValue(variable.name, variable.value);
      if (hit === undefined) continue;
      findings.push(
        ctx.fail(
          `Environment variable ${variable.name} holds a plaintext secret: ${hit.description} (${hit.confidence} confidence).`,
          {
            key: variable.name,
            where: ['Environment', 'Variables', variable.name],
            evidence: {
              variable: variable.name,
              kind: hit.kind,
              value: hit.redacted,
              confidence: hit.confidence,
            },
          },
        ),
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
