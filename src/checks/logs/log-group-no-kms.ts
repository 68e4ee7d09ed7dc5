import type { LogGroup } from '../../model/monitoring.js';
import { certainlyNonEmpty, isUnknown, nonEmptyParameter } from '../../model/values.js';
import { type CheckContext, defineCheck, type Outcome } from '../define.js';
import { judgedPerCopy } from '../each-text.js';

export default defineCheck({
  id: 'logs.log-group-no-kms',
  title: 'CloudWatch Logs log group is not encrypted with a KMS key',
  severity: 'low',
  resource: 'logs.log-group',
  description:
    'CloudWatch Logs always encrypts log data at rest, with keys the service owns. A customer managed KMS key ' +
    '(`KmsKeyId`) adds a second gate: reading the logs then also takes `kms:Decrypt` on a key whose policy you ' +
    'control, use of the key is recorded in CloudTrail, and disabling the key cuts off access at once.',
  details:
    'An empty `KmsKeyId` is no key and fails. A key not known before deploy passes when it has text of its own ' +
    'around its unknown parts (`arn:${AWS::Partition}:kms:...`) or is a parameter whose constraints refuse an empty ' +
    'value (a `MinLength`, AllowedValues or an `AllowedPattern` that refuse it), saying the constraints decide it, ' +
    'or where a condition of the case checked keeps the parameter from being empty (`!If [UseKms, !Ref KeyArn, ' +
    "!Ref AWS::NoValue]` with `UseKms: !Not [!Equals [!Ref KeyArn, '']]`), saying so; any other (a whole parameter " +
    'that may be given empty, an import) is unknown.',
  risk: 'Function logs often hold request payloads, personal data and, by mistake, tokens or secrets. Without a customer managed key, anyone granted logs:GetLogEvents reads them, and access cannot be revoked or audited through the key.',
  remediation: {
    text: 'Associate a customer managed KMS key with the log group (CloudWatch console → Log groups → the group → Actions → Edit, or `aws logs associate-kms-key`). The key policy must allow the logs.<region>.amazonaws.com service principal to use the key.',
    cloudformation:
      'FnLogGroup:\n' +
      '  Type: AWS::Logs::LogGroup\n' +
      '  Properties:\n' +
      '    RetentionInDays: 365\n' +
      '    KmsKeyId: !GetAtt LogsKey.Arn\n',
    cdk:
      "import * as cdk from 'aws-cdk-lib';\n" +
      "import * as iam from 'aws-cdk-lib/aws-iam';\n" +
      "import * as kms from 'aws-cdk-lib/aws-kms';\n" +
      "import * as logs from 'aws-cdk-lib/aws-logs';\n" +
      '\n' +
      "const logsKey = new kms.Key(this, 'LogsKey', { enableKeyRotation: true });\n" +
      'const region = cdk.Stack.of(this).region;\n' +
      'logsKey.grantEncryptDecrypt(new iam.ServicePrincipal(`logs.${region}.amazonaws.com`));\n' +
      "const logGroup = new logs.LogGroup(this, 'FnLogs', { encryptionKey: logsKey });\n" +
      "// the function logs there: new lambda.Function(this, 'Fn', { ..., logGroup })\n",
    cli: 'aws logs associate-kms-key --log-group-name <name> --kms-key-id <key-arn>',
    terraform: 'resource "aws_cloudwatch_log_group" "this" {\n  kms_key_id = aws_kms_key.logs.arn\n}\n',
  },
  compliance: {
    'nist-800-53-r5': ['AU-9', 'SC-28'],
    hipaa: ['164.312(a)(2)(iv)'],
  },
  references: ['https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/encrypt-log-data-kms.html'],
  evaluate(group, ctx) {
    // Copies of a nested template each given their own key: each judged (see judgeCopies).
    return judgedPerCopy(group, ['kmsKeyId'], ctx, judgeKey);
  },
});

function judgeKey(group: LogGroup, ctx: CheckContext): Outcome {
  const key = group.kmsKeyId;
  // A key ARN with text of its own (`arn:${AWS::Partition}:kms:...`) is set, whatever its unknown parts.
  if (isUnknown(key) && certainlyNonEmpty(key))
    return ctx.pass(`encrypted with ${key}`, { where: ['KmsKeyId'] });
  // A parameter whose constraints refuse "" is given a key, whichever it is; so is one the case's conditions keep
  // from "" (`!If [UseKms, !Ref KeyArn, !Ref AWS::NoValue]` where UseKms holds).
  const given = nonEmptyParameter(key);
  if (given) {
    return ctx.pass(`encrypted with the key given to parameter ${given.parameter} at deploy: ${given.why}`, {
      where: ['KmsKeyId'],
    });
  }
  if (isUnknown(key))
    return ctx.unknown(`KmsKeyId is not known before deploy (${key.reason})`, { where: ['KmsKeyId'] });
  if (key !== undefined && key !== '') return ctx.pass(`encrypted with ${key}`, { where: ['KmsKeyId'] });
  const owner = typeof group.functionRef === 'string' ? ` of function ${group.functionRef}` : '';
  // An empty KmsKeyId is no key: point at it, so the defaults behind it are listed.
  return ctx.fail(
    `The log group${owner} has ${key === '' ? 'an empty' : 'no'} KmsKeyId: its events are encrypted only with a key CloudWatch Logs owns.`,
    key === '' ? { where: ['KmsKeyId'] } : { lacks: 'KmsKeyId' },
  );
}
