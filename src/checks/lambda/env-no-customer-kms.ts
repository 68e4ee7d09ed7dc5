import type { EnvironmentVariable, LambdaFunction } from '../../model/lambda.js';
import { certainlyNonEmpty, isUnknown, shapeOf } from '../../model/values.js';
import { type CheckContext, defineCheck, type Outcome } from '../define.js';
import { judgedPerCopy } from '../each-text.js';
import { environmentOf, isRuntimeSetting } from './environment.js';

/** The alias of the AWS managed key Lambda uses by default, alone or at the end of an alias ARN. */
const AWS_MANAGED_ALIAS = /(?:^|:)alias\/aws\/lambda$/;

export default defineCheck({
  id: 'lambda.env-no-customer-kms',
  title: 'Lambda environment variables are not encrypted with a customer managed KMS key',
  severity: 'low',
  resource: 'lambda.function',
  description:
    'Lambda always encrypts environment variables at rest. Without `KmsKeyArn` it uses a key AWS manages ' +
    '(`aws/lambda`), whose key policy you cannot change: every principal allowed to read the function ' +
    'configuration can read the variables, and use of the key cannot be restricted or audited apart from other ' +
    'functions. A `KmsKeyArn` naming `alias/aws/lambda` is the same key and fails too.',
  details:
    'Functions without ' +
    'environment variables are not evaluated (there is nothing to protect). A variable an `Fn::If` removes with ' +
    '`AWS::NoValue` is not counted: it passes when none is left, and is unknown when only variables a condition ' +
    'not known before deploy may remove are left. An empty `KmsKeyArn` is no key and ' +
    'fails. A key ARN with text of its own around a parameter (`arn:${AWS::Partition}:kms:...:key/${KeyId}`) counts ' +
    'as a customer managed key (the user chose it); a whole parameter (which may be given empty), an import or a ' +
    'key under a condition not known before deploy is unknown, unless it is a parameter whose constraints keep out ' +
    'both an empty value (a `MinLength`, AllowedValues or an `AllowedPattern` that refuse it) and every ' +
    '`alias/aws/...` (AllowedValues none of which is one, or an `AllowedPattern` of key ARNs or ids, which lets a `/` ' +
    'in only after `key`): that passes, saying the constraints decide it. Where a condition of the case checked ' +
    "keeps the parameter from being empty (`!If [UseKms, !Ref KeyArn, !Ref AWS::NoValue]` with `UseKms: !Not [!Equals [!Ref KeyArn, '']]`), " +
    'the constraints need only keep out every `alias/aws/...` (`^$|^arn:...:key/...$` does). SAM `Globals.Function.KmsKeyArn` is inherited as SAM does. A function whose only ' +
    'variables are runtime settings the CDK adds on its own (`AWS_NODEJS_CONNECTION_REUSE_ENABLED=1`, ' +
    '`NODE_OPTIONS=--enable-source-maps`) is not evaluated either: they hold no data.',
  risk: 'Configuration values (endpoints, feature flags, and too often credentials) can be read by anyone with lambda:GetFunctionConfiguration; with a customer managed key, reading them also takes kms:Decrypt on a key whose policy you control, and every use is logged in CloudTrail against that key.',
  remediation: {
    text: 'Create a customer managed KMS key whose key policy lets the function role (and the deploying principal) use it, and select it for the function (Lambda console → the function → Configuration → Environment variables → Edit → Encryption configuration → Use a customer master key).',
    cloudformation:
      'KmsKeyArn: !GetAtt EnvKey.Arn        # same property in SAM (or Globals.Function.KmsKeyArn)\n',
    cdk:
      "import * as kms from 'aws-cdk-lib/aws-kms';\n" +
      "import * as lambda from 'aws-cdk-lib/aws-lambda';\n" +
      '\n' +
      "const envKey = new kms.Key(this, 'EnvKey', { enableKeyRotation: true });\n" +
      "const fn = new lambda.Function(this, 'Fn', {\n" +
      '  // ...runtime, handler, code\n' +
      '  environmentEncryption: envKey,\n' +
      '});\n' +
      'envKey.grantDecrypt(fn);\n',
    cli: 'aws lambda update-function-configuration --function-name <name> --kms-key-arn <key-arn>',
    terraform: 'resource "aws_lambda_function" "this" {\n  kms_key_arn = aws_kms_key.lambda_env.arn\n}\n',
  },
  compliance: {
    'nist-800-53-r5': ['SC-12', 'SC-28'],
  },
  references: [
    'https://docs.aws.amazon.com/lambda/latest/dg/configuration-envvars.html#configuration-envvars-encryption',
    'https://docs.aws.amazon.com/prescriptive-guidance/latest/encryption-best-practices/lambda.html',
  ],
  evaluate(fn, ctx) {
    // Copies of a nested template each given their own key: each judged (see judgeCopies).
    return judgedPerCopy(fn, ['kmsKeyArn'], ctx, judgeKey);
  },
});

function judgeKey(fn: LambdaFunction, ctx: CheckContext): Outcome {
  const removed = fn.environmentRemoved ?? [];
  if (removed.length > 0 && Array.isArray(fn.environment) && fn.environment.length === 0) {
    // Written, but `AWS::NoValue` removes every one: nothing is left to encrypt.
    return ctx.pass(`no environment variable is left: AWS::NoValue removes ${removed.join(', ')}`, {
      where: ['Environment'],
      restsOn: 'presence',
    });
  }
  const variables = environmentOf(fn, ctx);
  if (!Array.isArray(variables)) return variables as Outcome;
  if (variables.every(isRuntimeSetting)) {
    const names = variables.map((variable) => variable.name).join(', ');
    return ctx.notApplicable(`the environment only sets ${names}, which hold no data`);
  }
  const outcome = judgeKeyOf(fn, variables, ctx);
  if (outcome.status !== 'fail') return outcome;
  // Only variables an undecided `Fn::If` may remove: whether there is anything to encrypt is not known.
  const certain = variables.filter((variable) => variable.mayBeRemoved === undefined);
  if (certain.every(isRuntimeSetting)) {
    const first = variables.find((variable) => variable.mayBeRemoved !== undefined);
    return ctx.unknown(
      `Whether the function has environment variables is not known before deploy (${first?.name} ${first?.mayBeRemoved}); if it has, they are encrypted with the AWS managed key aws/lambda`,
      { where: ['Environment', 'Variables', first?.name ?? ''], key: first?.name },
    );
  }
  return outcome;
}

/** How many variables the function has, and how many more an undecided `Fn::If` may remove or keep. */
function counted(variables: readonly EnvironmentVariable[]): string {
  const maybe = variables.filter((variable) => variable.mayBeRemoved !== undefined).length;
  const certain = variables.length - maybe;
  return maybe === 0
    ? `${certain} environment variable(s)`
    : `${certain} environment variable(s) (${maybe} more under conditions not known before deploy)`;
}

function judgeKeyOf(
  fn: LambdaFunction,
  variables: readonly EnvironmentVariable[],
  ctx: CheckContext,
): Outcome {
  const key = fn.kmsKeyArn;
  if (key === undefined) {
    return ctx.fail(
      `The function has ${counted(variables)} and no KmsKeyArn: they are encrypted with the AWS managed key aws/lambda.`,
      // Whatever the variables hold, the verdict is the same: it rests on what is set, not on values.
      { where: ['Environment'], restsOn: 'presence', lacks: 'KmsKeyArn' },
    );
  }
  const shape = shapeOf(key);
  if (shape !== undefined && AWS_MANAGED_ALIAS.test(shape)) {
    return ctx.fail(`KmsKeyArn names the AWS managed key aws/lambda, not a customer managed key.`, {
      where: ['KmsKeyArn'],
    });
  }
  // Empty text is no key (CloudFormation takes "" for KmsKeyArn): the AWS managed key then.
  if (key === '')
    return ctx.fail(
      `The function has ${counted(variables)} and an empty KmsKeyArn: they are encrypted with the AWS managed key aws/lambda.`,
      { where: ['KmsKeyArn'] },
    );
  if (!isUnknown(key))
    return ctx.pass(`environment variables encrypted with ${key}`, { where: ['KmsKeyArn'] });
  // An ARN with text of its own (`arn:${AWS::Partition}:kms:...:key/${KeyId}`) sets a key the user chose.
  if (certainlyNonEmpty(key)) {
    return ctx.pass(`environment variables encrypted with a key chosen at deploy (${key.reason})`, {
      where: ['KmsKeyArn'],
    });
  }
  // A parameter whose constraints refuse "" and every `alias/aws/...` is given a key the user chose; so is one the
  // case's conditions keep from "" whose constraints refuse every such alias (`^$|^arn:...:key/...$`).
  const refused = key.keepsOut;
  if (refused?.empty && refused.awsManagedAliases) {
    const why =
      refused.emptyRuledOutBy === undefined
        ? 'its constraints keep out an empty value and the alias of an AWS managed key'
        : `it is not empty where ${refused.emptyRuledOutBy}, and its constraints keep out the alias of an AWS managed key`;
    return ctx.pass(
      `environment variables encrypted with the key given to parameter ${refused.parameter} at deploy: ${why}`,
      { where: ['KmsKeyArn'] },
    );
  }
  // A whole parameter may be given "": then the variables stay on the AWS managed key.
  return ctx.unknown(
    `KmsKeyArn is not known before deploy (${key.reason}); empty, it leaves the variables on the AWS managed key`,
    { where: ['KmsKeyArn'] },
  );
}
