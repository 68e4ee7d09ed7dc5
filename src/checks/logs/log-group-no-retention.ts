import { listedWithOr } from '../../findings/words.js';
import { RETENTION_DAYS } from '../../model/monitoring.js';
import { isUnknown, type Unknown } from '../../model/values.js';
import { defineCheck } from '../define.js';
import { copiesWords, judgeTexts, possibleTexts } from '../each-text.js';

export default defineCheck({
  id: 'logs.log-group-no-retention',
  title: 'CloudWatch Logs log group never expires its events',
  severity: 'low',
  resource: 'logs.log-group',
  description:
    'A log group without `RetentionInDays` keeps every event forever. Pick a retention that matches your policy ' +
    '(for example 365 days where PCI DSS asks for a year of audit history). Scope: this check evaluates the log ' +
    'groups the template declares. A function whose log group is not declared gets `/aws/lambda/<name>` created ' +
    'by Lambda on first invocation, with no retention; a template scan cannot see that group, so it is not ' +
    'reported here (a live scan sees it as a log group and evaluates it). Declare the group in the template ' +
    '(SAM does not do it for you) to manage its retention and encryption as code.',
  details:
    'A `RetentionInDays` CloudWatch Logs does not offer (`0`, `45`) is a scan error, and the check says it is not ' +
    'valid. One a parameter without default gives passes when each of its `AllowedValues` is a period CloudWatch ' +
    'Logs offers: the events expire whichever the deploy gives. So does an `Fn::FindInMap` whose key is not known ' +
    'before deploy when every entry of the mapping gives a period (one they all give passes whatever the key, its ' +
    "parameter's default assumed of nothing), and the branch of an `Fn::If` that gives it " +
    '(`!If [HasRetention, !Ref Days, !Ref AWS::NoValue]`) where the condition holds; where it does not, the group ' +
    'has no retention. Otherwise it is unknown.',
  risk: 'Logs kept forever accumulate personal data, tokens and request payloads that a function printed, long past any need, and grow storage cost without bound; an old leak stays readable by anyone who can read the group.',
  remediation: {
    text: 'Set a retention period on the log group (CloudWatch console → Log groups → the group → Actions → Edit retention setting).',
    cloudformation:
      'FnLogGroup:\n' +
      '  Type: AWS::Logs::LogGroup\n' +
      '  Properties:\n' +
      "    LogGroupName: !Join ['', [/aws/lambda/, !Ref Fn]]\n" +
      '    RetentionInDays: 365\n',
    cdk:
      "import * as lambda from 'aws-cdk-lib/aws-lambda';\n" +
      "import * as logs from 'aws-cdk-lib/aws-logs';\n" +
      '\n' +
      '// not RetentionDays.INFINITE (left out, CDK keeps events for two years)\n' +
      "const logGroup = new logs.LogGroup(this, 'FnLogs', { retention: logs.RetentionDays.ONE_YEAR });\n" +
      "const fn = new lambda.Function(this, 'Fn', { /* ...runtime, handler, code */ logGroup });\n",
    cli: 'aws logs put-retention-policy --log-group-name <name> --retention-in-days 365',
    terraform: 'resource "aws_cloudwatch_log_group" "this" {\n  retention_in_days = 365\n}\n',
  },
  compliance: {
    'nist-800-53-r5': ['AU-11', 'SI-12'],
  },
  references: [
    'https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/Working-with-log-groups-and-streams.html#SettingLogRetention',
    'https://docs.aws.amazon.com/lambda/latest/dg/monitoring-cloudwatchlogs-loggroups.html',
  ],
  evaluate(group, ctx) {
    const retention = group.retentionInDays;
    // One of some numbers (a mapping's, the texts the nestings of its template give, a parameter's AllowedValues):
    // set, whichever it is. A number CloudWatch Logs does not offer is none: CloudFormation rejects it.
    const possible = possibleTexts(retention, group);
    const days = (text: string) => text.trim() !== '' && RETENTION_DAYS.includes(Number(text));
    if (possible && judgeTexts(possible, days, (set) => (set ? 'pass' : 'unknown')).status === 'pass') {
      // Each copy of a template nested more than once is given its own; otherwise the deploy gives one of them.
      const which = possible.each
        ? copiesWords(possible)
        : `, whichever it is (${(retention as Unknown).reason})`;
      return ctx.pass(`events expire after ${daysWords(possible.texts)}${which}`, {
        where: ['RetentionInDays'],
      });
    }
    if (isUnknown(retention))
      return ctx.unknown(`RetentionInDays is not known before deploy (${retention.reason})`, {
        where: ['RetentionInDays'],
      });
    if (retention !== undefined)
      return ctx.pass(`events expire after ${daysWords([String(retention)])}`, {
        where: ['RetentionInDays'],
      });
    const owner = typeof group.functionRef === 'string' ? ` of function ${group.functionRef}` : '';
    return ctx.fail(`The log group${owner} has no RetentionInDays: its events are kept forever.`, {
      lacks: 'RetentionInDays',
    });
  },
});

/** `1 day`, `30 days`, `7 or 30 days`. */
function daysWords(texts: readonly string[]): string {
  return `${listedWithOr(texts)} ${texts.length === 1 && Number(texts[0]) === 1 ? 'day' : 'days'}`;
}
