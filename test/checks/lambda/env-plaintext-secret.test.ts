import { describe, expect, it } from 'vitest';
import check from '../../../src/checks/lambda/env-plaintext-secret.js';
import { scanTemplate, template } from '../../helpers/scan-template.js';
import { lambdaFunction, samFunction, samTemplate } from '../../helpers/templates.js';

const STRIPE = 'sk_live_4eC39HqLyjWDarjtT1zdp7dc';
const GITHUB = 'ghp_abcdefghijklmnopqrstuvwxyz0123456789';
const PASSWORD = 'hunter2hunter2';

/** A function with the given lines under Environment.Variables (each indented by the caller's 10 spaces). */
const fn = (variables: string, extra = '') =>
  template(
    `${lambdaFunction('Fn', `      Environment:\n        Variables:\n${variables}`)}  Queue:
    Type: AWS::SQS::Queue
`,
    extra,
  );

describe('lambda.env-plaintext-secret', () => {
  it('fails a secret that is a parameter default (it is written in the template) and says it was assumed', () => {
    const { failed } = scanTemplate(
      fn(
        '          STRIPE_KEY: !Ref StripeKey\n',
        `Parameters:\n  StripeKey:\n    Type: String\n    Default: ${STRIPE}\n`,
      ),
      check,
    );
    expect(failed).toHaveLength(1);
    expect(failed[0]?.assumptions?.[0]).toContain('parameter StripeKey');
    expect(JSON.stringify(failed)).not.toContain(STRIPE);
  });

  it('is silent on a parameter without default: the value is not in the template', () => {
    const { failed, unknown } = scanTemplate(
      fn('          STRIPE_KEY: !Ref StripeKey\n', 'Parameters:\n  StripeKey:\n    Type: String\n'),
      check,
    );
    expect(failed).toEqual([]);
    expect(unknown).toEqual([]);
  });

  it('fails a literal token, points at the variable, and never shows the value', () => {
    const { failed, errors } = scanTemplate(
      fn(`          LOG_LEVEL: info\n          STRIPE_KEY: ${STRIPE}\n`),
      check,
    );
    expect(errors).toEqual([]);
    expect(failed).toHaveLength(1);
    const finding = failed[0];
    expect(finding?.resource.id).toBe('Fn');
    expect(finding?.severity).toBe('high');
    expect(finding?.location).toEqual({ file: 'template.yaml', line: 13, column: 11 });
    expect(finding?.property).toBe('Environment.Variables.STRIPE_KEY');
    expect(finding?.message).toContain('STRIPE_KEY');
    expect(finding?.evidence).toMatchObject({
      variable: 'STRIPE_KEY',
      kind: 'stripe-secret-key',
      confidence: 'high',
    });
    expect(finding?.evidence?.value).toMatch(/^sk_l…\(32 chars\)$/);
    expect(JSON.stringify(finding)).not.toContain(STRIPE);
  });

  it('reports each offending variable on its own, with its own fingerprint', () => {
    const { failed } = scanTemplate(
      fn(`          GITHUB_TOKEN: ${GITHUB}\n          DB_PASSWORD: ${PASSWORD}\n          STAGE: prod\n`),
      check,
    );
    expect(failed.map((f) => f.evidence?.variable).sort()).toEqual(['DB_PASSWORD', 'GITHUB_TOKEN']);
    expect(new Set(failed.map((f) => f.fingerprint)).size).toBe(2);
    const password = failed.find((f) => f.evidence?.variable === 'DB_PASSWORD');
    expect(password?.evidence?.confidence).toBe('medium');
    expect(password?.message).toContain('medium confidence');
    expect(JSON.stringify(failed)).not.toContain(PASSWORD);
  });

  it('does not alarm on a Stripe publishable key, public by design (gitleaks#1320), unless the name says secret', () => {
    const publishable = 'pk_live_51HkQ2cJ8vX0pLmNoPqRsTuVwXyZ1234567890abcdEfGhIjKlMnOpQrStUvWxYz0123456789';
    const shown = scanTemplate(fn(`          STRIPE_PUBLISHABLE_KEY: ${publishable}\n`), check);
    expect(shown.failed).toEqual([]);
    expect(shown.passed).toHaveLength(1);
    const misnamed = scanTemplate(fn(`          STRIPE_SECRET_KEY: ${publishable}\n`), check);
    expect(misnamed.failed.map((f) => f.message)).toEqual([
      'Environment variable STRIPE_SECRET_KEY holds a plaintext secret: literal value of a variable named like a secret (SECRET_KEY) (high confidence).',
    ]);
  });

  it('does not alarm on paths, references, ARNs, SSM names or long handler names (checkov#7310, #6917, kics#7023)', () => {
    const variables = [
      '          AWS_CA_BUNDLE: /var/task/certs/ca-bundle.pem',
      '          QUEUE_ARN: !GetAtt Queue.Arn',
      "          QUEUE_URL: !Join ['', ['https://sqs.amazonaws.com/', !Ref Queue]]",
      '          DB_PASSWORD_PARAM: /prod/db/password',
      '          API_TOKEN_SECRET_ARN: arn:aws:secretsmanager:us-east-1:123456789012:secret:api-token-AbCdEf',
      "          DB_HOST: '{{resolve:secretsmanager:DbSecret:SecretString:host}}'",
      '          NEXT_HANDLER: com.example.orders.handlers.ProcessIncomingOrderEventsHandler::handleRequest',
      '          TOKEN_TABLE: !Ref Queue',
    ];
    const { failed, passed } = scanTemplate(fn(`${variables.join('\n')}\n`), check);
    expect(failed).toEqual([]);
    expect(passed).toHaveLength(1);
    expect(passed[0]?.message).toContain('skipped');
  });

  it('passes a password-named variable that only names where the secret is kept, as run-time loaders take it', () => {
    const variables = [
      '          DB_PASSWORD: ssm:/prod/db/password',
      '          ADMIN_PASSWORD: SSM:prod-admin-password',
      '          API_KEY: bref-ssm:/my-app/api-key',
      '          CLIENT_SECRET: secretsmanager:prod/oauth-client',
      '          APP_SECRETS: bref-secretsmanager-json:/my-app/env',
      '          REDIS_PASSWORD: /prod/redis/password',
      '          SMTP_PASSWORD: /aws/reference/secretsmanager/prod/smtp',
      '          AUTH_TOKEN: arn:aws:ssm:us-east-1:123456789012:parameter/prod/auth-token',
    ];
    const { failed, passed } = scanTemplate(fn(`${variables.join('\n')}\n`), check);
    expect(failed).toEqual([]);
    expect(passed.map((p) => p.message)).toEqual(['no plaintext secret in 8 environment variable(s)']);
  });

  it('still fails a password written after a service word, or one that starts with a slash', () => {
    const variables = [
      "          DB_PASSWORD: 'ssm:Tr0ub4dor&3'",
      "          ADMIN_PASSWORD: 'ssm:/Xk9fQ2pLm7RtZ8vB3nWq'",
      "          REDIS_PASSWORD: '/Summer2024!'",
    ];
    const { failed } = scanTemplate(fn(`${variables.join('\n')}\n`), check);
    expect(failed.map((f) => [f.message, f.severity])).toEqual([
      [
        'Environment variable DB_PASSWORD holds a plaintext secret: literal value of a variable named like a password (PASSWORD) (medium confidence).',
        'high',
      ],
      [
        'Environment variable ADMIN_PASSWORD holds a plaintext secret: literal value of a variable named like a password (PASSWORD) (medium confidence).',
        'high',
      ],
      [
        'Environment variable REDIS_PASSWORD holds a plaintext secret: literal value of a variable named like a password (PASSWORD) (medium confidence).',
        'high',
      ],
    ]);
  });

  it('fails (medium) a {{resolve:secretsmanager}} reference taking a secret value: the function configuration shows it', () => {
    const variables = [
      "          DB_PASSWORD: '{{resolve:secretsmanager:DbSecret:SecretString:password}}'",
      "          CREDENTIALS: '{{resolve:secretsmanager:arn:aws:secretsmanager:us-east-1:123456789012:secret:db-AbCdEf}}'",
      "          DB_HOST: '{{resolve:secretsmanager:DbSecret:SecretString:host}}'",
      "          DB_USER: '{{resolve:secretsmanager:DbSecret:SecretString:username}}'",
    ];
    const { failed } = scanTemplate(fn(`${variables.join('\n')}\n`), check);
    expect(failed.map((f) => [f.evidence?.variable, f.severity])).toEqual([
      ['DB_PASSWORD', 'medium'],
      ['CREDENTIALS', 'medium'],
    ]);
    expect(failed[0]?.message).toBe(
      'Environment variable DB_PASSWORD is set from key password of secret DbSecret with a {{resolve:secretsmanager}} ' +
        'dynamic reference: CloudFormation writes the resolved value into the function configuration at deploy, ' +
        'where it shows in plaintext. Pass the secret name or ARN and read it at run time.',
    );
    expect(failed[1]?.message).toContain(
      'the whole of secret arn:aws:secretsmanager:us-east-1:123456789012:secret:db-AbCdEf',
    );
  });

  // The variable's name says nothing, nor the key, but where the reference sits does: a URL's password or a query
  // parameter named like a key takes the secret, as a placeholder in that slot does (inPasswordSlot).
  it('fails (medium) a {{resolve:secretsmanager}} reference in a password or key slot of a URL, whatever the names', () => {
    const variables = [
      "          SERVICE_URL: 'https://api.example.com/v1?api_key={{resolve:secretsmanager:vendor:SecretString:k}}'",
      "          DB_URL: 'postgres://app:{{resolve:secretsmanager:db:SecretString:v}}@db.internal:5432/app'",
      "          PAGE_URL: 'https://example.com/?page={{resolve:secretsmanager:vendor:SecretString:k}}'",
      "          ENDPOINT: 'https://{{resolve:secretsmanager:db:SecretString:host}}/v1'",
      "          BOTH: 'postgres://{{resolve:secretsmanager:db:SecretString:username}}:{{resolve:secretsmanager:db:SecretString:pw}}@db/x'",
    ];
    const { failed } = scanTemplate(fn(`${variables.join('\n')}\n`), check);
    expect(failed.map((f) => [f.evidence?.variable, f.severity])).toEqual([
      ['SERVICE_URL', 'medium'],
      ['DB_URL', 'medium'],
      ['BOTH', 'medium'],
    ]);
    // The reference in the password's place, not the first one.
    expect(failed[2]?.evidence?.jsonKey).toBe('pw');
    expect(failed[0]?.message).toBe(
      'Environment variable SERVICE_URL holds key k of secret vendor, where a password or key goes, with a ' +
        '{{resolve:secretsmanager}} dynamic reference: CloudFormation writes the resolved value into the function ' +
        'configuration at deploy, where it shows in plaintext. Pass the secret name or ARN and read it at run time.',
    );
  });

  // A String parameter's value lands in the function configuration as an AWS::SSM::Parameter::Value<String>
  // parameter's does: named as a secret, or in a password slot, it is unknown as such a parameter is.
  it('says unknown of {{resolve:ssm}} references named or placed as secrets, whole or in a URL, naming the parameter', () => {
    const variables = [
      "          DB_PASSWORD: '{{resolve:ssm:/app/db/password}}'",
      "          DATABASE_URL: 'postgres://app:{{resolve:ssm:/app/db/password}}@db.internal:5432/app'",
      '          API_TOKEN: !Sub "{{resolve:ssm:/${AWS::StackName}/token}}"',
    ];
    const { failed, unknown } = scanTemplate(fn(`${variables.join('\n')}\n`), check);
    expect(failed).toEqual([]);
    expect(unknown.map((f) => f.message.split(' with ')[0])).toEqual([
      'Environment variable DB_PASSWORD is set from SSM parameter /app/db/password',
      'Environment variable DATABASE_URL is set from SSM parameter /app/db/password',
      'Environment variable API_TOKEN is set from SSM parameter /${AWS::StackName}/token',
    ]);
  });

  it("fails a {{resolve:secretsmanager}} reference built with !Sub or !Join from the template's secret", () => {
    const variables = [
      '          DB_PASSWORD: !Sub "{{resolve:secretsmanager:${DbSecret}:SecretString:password}}"',
      '          WHOLE: !Sub "{{resolve:secretsmanager:${DbSecret}}}"',
      "          JOINED: !Join ['', ['{{resolve:secretsmanager:', !Ref DbSecret, ':SecretString:password}}']]",
      '          DB_HOST: !Sub "{{resolve:secretsmanager:${DbSecret}:SecretString:host}}"',
    ];
    const secret = '  DbSecret:\n    Type: AWS::SecretsManager::Secret\n';
    const text = fn(`${variables.join('\n')}\n`).replace('Resources:\n', `Resources:\n${secret}`);
    const { failed } = scanTemplate(text, check);
    expect(failed.map((f) => [f.evidence?.variable, f.evidence?.secret, f.severity])).toEqual([
      ['DB_PASSWORD', '${DbSecret}', 'medium'],
      ['WHOLE', '${DbSecret}', 'medium'],
      ['JOINED', '${DbSecret}', 'medium'],
    ]);
  });

  describe('a {{resolve:secretsmanager}} reference whose secret a parameter names', () => {
    const parameters =
      'Parameters:\n  SaltSecret: { Type: String }\n  Hidden: { Type: String, NoEcho: true }\n  Env: { Type: String }\n';

    it('is judged as the same reference with a literal secret id: the parameter holds only the name', () => {
      const variables = [
        '          SQS_SALT: !Sub "{{resolve:secretsmanager:${SaltSecret}:SecretString:salt}}"',
        '          FIXED_SALT: "{{resolve:secretsmanager:psu-salt:SecretString:salt}}"',
        '          HIDDEN_SALT: !Sub "{{resolve:secretsmanager:${Hidden}:SecretString:salt}}"',
        "          JOINED_SALT: !Join ['', ['{{resolve:secretsmanager:', !Ref SaltSecret, ':SecretString:salt}}']]",
      ];
      const { failed, unknown, passed } = scanTemplate(fn(`${variables.join('\n')}\n`, parameters), check);
      expect(failed).toEqual([]);
      expect(unknown).toEqual([]);
      expect(passed.map((f) => f.message)).toEqual([
        'no plaintext secret in 0 environment variable(s); 4 reference(s) or value(s) not known before deploy skipped',
      ]);
    });

    it('fails as medium where it takes secret material, naming the parameter as what picks the secret', () => {
      const variables = [
        '          WHOLE: !Sub "{{resolve:secretsmanager:${SaltSecret}}}"',
        '          DB_PASSWORD: !Sub "{{resolve:secretsmanager:${Env}-db:SecretString:password}}"',
      ];
      const { failed, unknown } = scanTemplate(fn(`${variables.join('\n')}\n`, parameters), check);
      expect(unknown).toEqual([]);
      const tail =
        ' with a {{resolve:secretsmanager}} dynamic reference: CloudFormation writes the resolved value into the ' +
        'function configuration at deploy, where it shows in plaintext. Pass the secret name or ARN and read it at run time.';
      expect(failed.map((f) => [f.severity, f.message, f.evidence?.secret])).toEqual([
        [
          'medium',
          `Environment variable WHOLE is set from the whole of the secret named by parameter SaltSecret (given at deploy)${tail}`,
          '${SaltSecret}',
        ],
        [
          'medium',
          'Environment variable DB_PASSWORD is set from key password of secret ${Env}-db, named with parameter Env ' +
            `(given at deploy),${tail}`,
          '${Env}-db',
        ],
      ]);
    });
  });

  it('is unknown, at medium, for a value from a parameter without default (not NoEcho) in a variable named as a secret', () => {
    const { failed, unknown } = scanTemplate(
      fn('          API_KEY: !Ref ApiKey\n', 'Parameters:\n  ApiKey: { Type: String }\n'),
      check,
    );
    expect(failed).toEqual([]);
    expect(unknown.map((f) => [f.severity, f.message, f.evidence?.value])).toEqual([
      [
        'medium',
        'Environment variable API_KEY is set from parameter ApiKey (given at deploy) and named as a secret: if the ' +
          'value is one, the function configuration shows it in plaintext, and so does CloudFormation, the parameter ' +
          'having no NoEcho (DescribeStacks, the console). Pass the name or ARN of a Secrets Manager secret and read ' +
          'it at run time.',
        '(given at deploy: not in the template)',
      ],
    ]);
  });

  it("is unknown for a vendor's write or ingest key given at deploy without NoEcho: an API credential", () => {
    const { failed, unknown, passed } = scanTemplate(
      fn(
        '          HONEYCOMB_WRITE_KEY: !Ref HoneycombWriteKey\n          INGEST: !Ref NewRelicIngestKey\n' +
          '          WRITE_KEY_PREFIX: !Ref Prefix\n',
        'Parameters:\n  HoneycombWriteKey: { Type: String }\n  NewRelicIngestKey: { Type: String }\n' +
          '  Prefix: { Type: String }\n',
      ),
      check,
    );
    expect(failed).toEqual([]);
    expect(passed).toEqual([]);
    expect(unknown.map((f) => [f.evidence?.variable, f.severity, f.message])).toEqual(
      [
        ['HONEYCOMB_WRITE_KEY', 'HoneycombWriteKey'],
        ['INGEST', 'NewRelicIngestKey'],
      ].map(([variable, parameter]) => [
        variable,
        'medium',
        `Environment variable ${variable} is set from parameter ${parameter} (given at deploy) and named as a secret: ` +
          'if the value is one, the function configuration shows it in plaintext, and so does CloudFormation, the ' +
          'parameter having no NoEcho (DescribeStacks, the console). Pass the name or ARN of a Secrets Manager secret ' +
          'and read it at run time.',
      ]),
    );
  });

  it('is unknown for a webhook URL given at deploy without NoEcho: an incoming webhook carries its token (widdix/cloudwatch-alarm-to-slack)', () => {
    const { failed, unknown } = scanTemplate(
      fn(
        '          WEBHOOK_URL: !Ref WebhookURL\n          HOOK: !Ref SlackWebhook\n',
        'Parameters:\n  WebhookURL: { Type: String }\n  SlackWebhook: { Type: String }\n',
      ),
      check,
    );
    expect(failed).toEqual([]);
    expect(unknown.map((f) => [f.severity, f.message])).toEqual(
      [
        ['WEBHOOK_URL', 'WebhookURL'],
        ['HOOK', 'SlackWebhook'],
      ].map(([variable, parameter]) => [
        'medium',
        `Environment variable ${variable} is set from parameter ${parameter} (given at deploy) and named as a secret: ` +
          'if the value is one, the function configuration shows it in plaintext, and so does CloudFormation, the ' +
          'parameter having no NoEcho (DescribeStacks, the console). Pass the name or ARN of a Secrets Manager secret ' +
          'and read it at run time.',
      ]),
    );
    // Named as where the URL is kept, or as a setting of the webhook, it is no secret.
    const pointers = scanTemplate(
      fn(
        '          WEBHOOK_URL_PARAM: !Ref WebhookUrlParameter\n          WEBHOOK_CHANNEL: !Ref Channel\n',
        'Parameters:\n  WebhookUrlParameter: { Type: String }\n  Channel: { Type: String }\n',
      ),
      check,
    );
    expect([...pointers.failed, ...pointers.unknown]).toEqual([]);
  });

  it('skips a value from a parameter without default in a variable not named as a secret, or named as a pointer', () => {
    const { failed, unknown, passed } = scanTemplate(
      fn(
        '          STAGE: !Ref Stage\n          DB_PASSWORD: !Ref DbPasswordSecretArn\n',
        'Parameters:\n  Stage: { Type: String }\n  DbPasswordSecretArn: { Type: String }\n',
      ),
      check,
    );
    expect([...failed, ...unknown]).toEqual([]);
    expect(passed).toHaveLength(1);
  });

  it('is unknown when the whole Environment depends on a condition not known before deploy', () => {
    const text = template(
      lambdaFunction(
        'Fn',
        '      Environment: !If [IsProd, { Variables: { STAGE: prod } }, { Variables: { STAGE: dev } }]\n',
      ),
      'Parameters:\n  Env: { Type: String }\nConditions:\n  IsProd: !Equals [!Ref Env, prod]\n',
    );
    const { failed, unknown } = scanTemplate(text, check);
    expect(failed).toEqual([]);
    expect(unknown).toHaveLength(1);
    expect(unknown[0]?.property).toBe('Environment');
  });

  it('does not evaluate a function without environment variables', () => {
    const text = template(lambdaFunction());
    expect(scanTemplate(text, check).findings).toEqual([]);
  });

  it('finds a secret in SAM Globals and reports it on the SAM function', () => {
    const sam = samTemplate(
      samFunction('Api', '      Environment:\n        Variables:\n          STAGE: prod\n', 'src/'),
      `Globals:\n  Function:\n    Environment:\n      Variables:\n        GITHUB_TOKEN: ${GITHUB}\n`,
    );
    const { failed, errors } = scanTemplate(sam, check);
    expect(errors).toEqual([]);
    expect(failed).toHaveLength(1);
    expect(failed[0]?.resource.id).toBe('Api');
    expect(failed[0]?.evidence?.variable).toBe('GITHUB_TOKEN');
    expect(JSON.stringify(failed)).not.toContain(GITHUB);
  });
});
