import { describe, expect, it } from 'vitest';
import check from '../../../src/checks/lambda/permission-confused-deputy.js';
import { defaultHeader, MAYBE_MADE_HEADER, type Nesting, scanNestings } from '../../helpers/nestings.js';
import { scanTemplate } from '../../helpers/scan-template.js';
import {
  lambdaPermission,
  permissionTemplate,
  SAM_FUNCTION_WITH_EVENTS,
  samFunction,
  samTemplate,
} from '../../helpers/templates.js';

const permission = permissionTemplate;

describe('lambda.permission-confused-deputy', () => {
  it('fails s3.amazonaws.com without SourceArn or SourceAccount, high, and says to add SourceAccount', () => {
    const { failed, errors } = scanTemplate(permission('s3.amazonaws.com'), check);
    expect(errors).toEqual([]);
    expect(failed).toHaveLength(1);
    expect(failed[0]?.resource.id).toBe('Perm');
    expect(failed[0]?.severity).toBe('high');
    expect(failed[0]?.message).toContain('add SourceAccount');
    expect(failed[0]?.location).toEqual({ file: 'template.yaml', line: 15, column: 7 });
  });

  it('fails a SourceArn whose account is *, pointing at it and saying so, not to add one', () => {
    for (const [principal, arn] of [
      ['events.amazonaws.com', 'arn:aws:events:*:*:rule/*'],
      ['apigateway.amazonaws.com', '!Sub arn:aws:execute-api:${AWS::Region}:*:*/*/*/*'],
      ['sns.amazonaws.com', "'arn:aws:sns:us-east-1:1234*:topic'"],
      ['sns.amazonaws.com', "'arn:aws:sns:*'"],
      ['sns.amazonaws.com', "'*'"],
    ]) {
      const text = permission(principal as string, `      SourceArn: ${arn}\n`);
      const { failed } = scanTemplate(text, check);
      const shown = (arn as string).replace('!Sub ', '').replaceAll("'", '');
      expect(
        failed.map((f) => [f.message, f.property]),
        principal,
      ).toEqual([
        [
          `${principal} may invoke the function on behalf of any AWS account: SourceArn ${shown} does not pin one account: write the account id in it.`,
          'SourceArn',
        ],
      ]);
    }
  });

  it('fails other services with medium severity and names what pins each', () => {
    const { failed } = scanTemplate(permission('sns.amazonaws.com'), check);
    expect(failed[0]?.severity).toBe('medium');
    expect(failed[0]?.message).toContain('SourceArn of the topic');
    const api = scanTemplate(permission('apigateway.amazonaws.com'), check);
    expect(api.failed[0]?.message).toContain('execute-api');
  });

  it('fails a SourceArn that matches anyone’s resource', () => {
    const { failed } = scanTemplate(
      permission('s3.amazonaws.com', "      SourceArn: 'arn:aws:s3:::*'\n"),
      check,
    );
    expect(failed[0]?.severity).toBe('high');
  });

  it('passes a service pinned by SourceAccount and SourceArn, or by the ARN of a resource in the template', () => {
    const pinned = [
      permission(
        's3.amazonaws.com',
        '      SourceAccount: !Ref AWS::AccountId\n      SourceArn: !GetAtt Bucket.Arn\n',
      ),
      permission('s3.amazonaws.com', '      SourceArn: !GetAtt Bucket.Arn\n'),
      permission('sns.amazonaws.com', '      SourceArn: !Ref Topic\n'),
      // A resource inside the text: one bucket's ARN, whatever name CloudFormation gives it.
      permission('s3.amazonaws.com', "      SourceArn: !Sub 'arn:${AWS::Partition}:s3:::${Bucket}'\n"),
      permission('s3.amazonaws.com', "      SourceArn: !Join ['', ['arn:aws:s3:::', !Ref Bucket]]\n"),
      permission(
        'events.amazonaws.com',
        '      SourceArn: arn:aws:events:us-east-1:123456789012:rule/nightly\n',
      ),
    ];
    const resources = '  Bucket:\n    Type: AWS::S3::Bucket\n  Topic:\n    Type: AWS::SNS::Topic\n';
    for (const text of pinned) {
      const { failed, unknown, passed } = scanTemplate(`${text}${resources}`, check);
      expect([...failed, ...unknown]).toEqual([]);
      expect(passed).toHaveLength(1);
    }
  });

  it('fails with low severity an S3 grant pinned only by the ARN of a bucket outside the template', () => {
    const { failed } = scanTemplate(
      permission('s3.amazonaws.com', '      SourceArn: arn:aws:s3:::uploads\n'),
      check,
    );
    expect(failed).toHaveLength(1);
    expect(failed[0]?.severity).toBe('low');
    expect(failed[0]?.property).toBe('SourceArn');
    expect(failed[0]?.message).toContain('Add SourceAccount');
    // Written with the partition (as most templates do), it is still that one bucket, by its name.
    for (const arn of [
      "!Sub 'arn:${AWS::Partition}:s3:::uploads'",
      "!Join ['', ['arn:', !Ref AWS::Partition, ':s3:::uploads']]",
    ]) {
      const partition = scanTemplate(permission('s3.amazonaws.com', `      SourceArn: ${arn}\n`), check);
      expect(partition.failed.map((f) => [f.severity, f.property])).toEqual([['low', 'SourceArn']]);
      expect(partition.failed[0]?.message).toContain('arn:${AWS::Partition}:s3:::uploads');
    }
  });

  it('is unknown when the principal or the source condition comes from a parameter', () => {
    const params = 'Parameters:\n  Invoker: { Type: String }\n  Source: { Type: String }\n';
    for (const text of [
      permission('!Ref Invoker', '', params),
      permission('s3.amazonaws.com', '      SourceArn: !Ref Source\n', params),
    ]) {
      const { failed, unknown } = scanTemplate(text, check);
      expect(failed).toEqual([]);
      expect(unknown).toHaveLength(1);
    }
    const { unknown } = scanTemplate(
      permission('s3.amazonaws.com', '      SourceArn: !Ref Source\n', params),
      check,
    );
    // It names the property written and the parameter behind it, and points there.
    expect(unknown[0]?.message).toContain(
      'SourceArn is not known before deploy (from parameter Source, which has no default)',
    );
    expect(unknown[0]?.property).toBe('SourceArn');
    // Beside a resource, a parameter without default can still be `*` (`arn:aws:s3:::*`).
    const mixed = scanTemplate(
      `${permission('s3.amazonaws.com', "      SourceArn: !Sub 'arn:aws:s3:::${Source}${Bucket}'\n", params)}  Bucket:\n    Type: AWS::S3::Bucket\n`,
      check,
    );
    expect(mixed.unknown).toHaveLength(1);
  });

  it('passes Elastic Load Balancing and CloudWatch Logs without SourceArn: they act only for their own account', () => {
    const alb = scanTemplate(permission('elasticloadbalancing.amazonaws.com'), check);
    expect([...alb.failed, ...alb.unknown]).toEqual([]);
    expect(alb.passed.map((f) => f.message)).toEqual([
      'elasticloadbalancing.amazonaws.com cannot act for another account: Elastic Load Balancing invokes a ' +
        'function only for a target group in the same account and Region; SourceArn of the target group ' +
        'would limit it to one target group of the account.',
    ]);
    const logs = scanTemplate(permission('logs.amazonaws.com'), check);
    expect(logs.failed).toEqual([]);
    expect(logs.passed[0]?.message).toContain('only from subscription filters in the same account');
    // With a SourceArn, even one not known before deploy, there is nothing left to narrow.
    const pinned = scanTemplate(
      permission(
        'elasticloadbalancing.amazonaws.com',
        '      SourceArn: !Ref TargetGroupArn\n',
        'Parameters:\n  TargetGroupArn: { Type: String }\n',
      ),
      check,
    );
    expect([...pinned.failed, ...pinned.unknown]).toEqual([]);
    expect(pinned.passed[0]?.message).not.toContain('would limit');
  });

  it('reads a regional service principal (logs.${AWS::Region}.amazonaws.com) as its service, whatever the region', () => {
    const logs = scanTemplate(permission('!Sub logs.${AWS::Region}.amazonaws.com'), check);
    expect([...logs.failed, ...logs.unknown]).toEqual([]);
    expect(logs.passed[0]?.message).toContain(
      'logs.${AWS::Region}.amazonaws.com cannot act for another account',
    );
    // Named as the service, as lambda.permission-untrusted-account names it, not with the URLSuffix placeholder.
    const sns = scanTemplate(permission('!Sub sns.${AWS::Region}.${AWS::URLSuffix}'), check);
    expect(sns.failed.map((f) => f.message)).toEqual([
      'sns.${AWS::Region}.amazonaws.com may invoke the function on behalf of any AWS account: add SourceArn of the topic.',
    ]);
  });

  it('names apigateway.${AWS::URLSuffix} (as the Serverless Framework writes it) apigateway.amazonaws.com', () => {
    const urlSuffix = '!Join ["", ["apigateway.", !Ref "AWS::URLSuffix"]]';
    const open = scanTemplate(permission(urlSuffix), check);
    expect(open.failed.map((f) => f.message)).toEqual([
      'apigateway.amazonaws.com may invoke the function on behalf of any AWS account: add SourceArn of the API ' +
        '(arn:aws:execute-api:<region>:<account>:<api-id>/*).',
    ]);
    const pinned = scanTemplate(
      permission(
        urlSuffix,
        '      SourceArn: !Sub arn:${AWS::Partition}:execute-api:${AWS::Region}:${AWS::AccountId}:abc123/*/*\n',
      ),
      check,
    );
    expect(pinned.passed.map((f) => f.message)).toEqual(['apigateway.amazonaws.com is pinned to a source']);
    // A principal whose service is not known is still named as written.
    const unknown = scanTemplate(
      permission('!Sub ${Service}.${AWS::URLSuffix}', '', 'Parameters:\n  Service: { Type: String }\n'),
      check,
    );
    expect(unknown.unknown[0]?.message).toMatch(
      /^Principal \$\{Service\}\.\$\{AWS::URLSuffix\} is not known before deploy/,
    );
  });

  it('still fails a service that can act for another account, and is unknown when the principal may be ELB or not', () => {
    expect(scanTemplate(permission('sns.amazonaws.com'), check).failed).toHaveLength(1);
    const { failed, unknown } = scanTemplate(
      permission('!Ref Invoker', '', 'Parameters:\n  Invoker: { Type: String }\n'),
      check,
    );
    expect(failed).toEqual([]);
    expect(unknown).toHaveLength(1);
  });

  describe('worded for the Action it grants', () => {
    /** The permission to s3.amazonaws.com (no source condition) with this Action instead of lambda:InvokeFunction. */
    const withAction = (action: string, extra = '') =>
      permission('s3.amazonaws.com', '', extra).replace('Action: lambda:InvokeFunction', `Action: ${action}`);
    const NOT_INVOKING =
      'AWS services are granted a function to invoke it, so remove the permission unless this one calls it';
    const ADD =
      'add SourceAccount (the bucket owner: bucket names are global, so the bucket may be any account’s) and SourceArn of the bucket';
    const judged = (action: string, extra = '') => {
      const { findings, errors } = scanTemplate(withAction(action, extra), check);
      expect(errors).toEqual([]);
      return findings.map((f) => [f.status, f.severity, f.message, f.property]);
    };

    it('fails lambda:InvokeFunction as a grant to invoke', () => {
      expect(judged('lambda:InvokeFunction')).toEqual([
        [
          'fail',
          'high',
          `s3.amazonaws.com may invoke the function on behalf of any AWS account: ${ADD}.`,
          'Principal',
        ],
      ]);
    });

    it('fails lambda:* as a grant to invoke the function and to change it', () => {
      const [finding] = judged("'lambda:*'");
      expect(finding?.slice(0, 2)).toEqual(['fail', 'high']);
      expect(finding?.[2]).toBe(
        's3.amazonaws.com may invoke the function, and use writes such as lambda:UpdateFunctionCode (its code), ' +
          'lambda:AddPermission (who may call it), lambda:UpdateFunctionConfiguration (its settings and environment) ' +
          `and lambda:DeleteFunction (whether it exists) on it, on behalf of any AWS account (Action lambda:*): ${ADD}.`,
      );
    });

    it('fails lambda:GetFunction, which does not invoke, as what it grants, at low severity: services are granted a function to invoke it', () => {
      expect(judged('lambda:GetFunction')).toEqual([
        [
          'fail',
          'low',
          's3.amazonaws.com may use lambda:GetFunction on the function (it does not invoke it) on behalf of any AWS ' +
            `account, should the service ever call that action: ${NOT_INVOKING}; if it is to stay, ${ADD}.`,
          'Principal',
        ],
      ]);
      // A write that does not invoke alike: the service is not granted a function for it either.
      expect(judged('lambda:UpdateFunctionCode').map((f) => f.slice(0, 2))).toEqual([['fail', 'low']]);
      // Another service keeps its own words, at low severity too.
      const sns = scanTemplate(
        permission('sns.amazonaws.com').replace('Action: lambda:InvokeFunction', 'Action: lambda:GetPolicy'),
        check,
      );
      expect(sns.failed.map((f) => [f.severity, f.message])).toEqual([
        [
          'low',
          'sns.amazonaws.com may use lambda:GetPolicy on the function (it does not invoke it) on behalf of any AWS ' +
            `account, should the service ever call that action: ${NOT_INVOKING}; if it is to stay, add SourceArn of the topic.`,
        ],
      ]);
    });

    it('is unknown at low severity for a non-invoking Action whose source is not known before deploy', () => {
      const text = permission(
        's3.amazonaws.com',
        '      SourceArn: !Ref Src\n',
        'Parameters:\n  Src: { Type: String }\n',
      ).replace('Action: lambda:InvokeFunction', 'Action: lambda:GetFunction');
      const { unknown } = scanTemplate(text, check);
      expect(unknown.map((f) => [f.severity, f.property])).toEqual([['low', 'SourceArn']]);
    });

    it('fails an Action not known before deploy, naming it: the service acts for any account whatever it is', () => {
      expect(judged('!Ref Act', 'Parameters:\n  Act: { Type: String }\n')).toEqual([
        [
          'fail',
          'high',
          's3.amazonaws.com may use ${Act} on the function on behalf of any AWS account, whatever Action a deploy ' +
            `gives (Action \${Act} is not known before deploy (from parameter Act, which has no default)): ${ADD}.`,
          'Principal',
        ],
      ]);
    });

    it('names an Action whose default Lambda refuses as written: a deploy that works gives another', () => {
      const params = 'Parameters:\n  Dflt: { Type: String, Default: "lambda:Get*" }\n';
      const { failed, unknown, errors } = scanTemplate(withAction('!Ref Dflt', params), check);
      // The refused default is a scan error of its own (see permission-action-pattern.test.ts).
      expect(errors).toHaveLength(1);
      expect(unknown).toEqual([]);
      expect(failed.map((f) => f.severity)).toEqual(['high']);
      expect(failed[0]?.message).toContain(
        's3.amazonaws.com may use ${Dflt} on the function on behalf of any AWS account, whatever Action a deploy gives',
      );
    });

    it('says what each value of an !If grants, and that one of them may invoke', () => {
      const conditions = 'Conditions:\n  IsProd: !Equals [!Ref AWS::AccountId, "111122223333"]\n';
      const reads = judged('!If [IsProd, lambda:GetFunction, lambda:GetPolicy]', conditions);
      expect(reads.map((f) => f[2])).toEqual([
        expect.stringContaining(
          '(reads such as lambda:GetFunction, lambda:GetPolicy; it does not invoke it)',
        ),
      ]);
      const either = judged('!If [IsProd, lambda:GetFunction, lambda:InvokeFunction]', conditions);
      expect(either.map((f) => f.slice(0, 2))).toEqual([['fail', 'high']]);
      expect(either[0]?.[2]).toContain('some of which invoke the function and some do not');
    });
  });

  it('does not apply to * or account principals', () => {
    for (const principal of ["'*'", "'111122223333'"]) {
      expect(scanTemplate(permission(principal), check).findings).toEqual([]);
    }
  });

  it('passes an Alexa permission pinned by its EventSourceToken, fails one without', () => {
    const pinned = scanTemplate(
      permission('alexa-appkit.amazon.com', '      EventSourceToken: amzn1.ask.skill.0000\n'),
      check,
    );
    expect(pinned.failed).toEqual([]);
    expect(pinned.passed).toHaveLength(1);
    expect(scanTemplate(permission('alexa-appkit.amazon.com'), check).failed.map((f) => f.message)).toEqual([
      'alexa-appkit.amazon.com may invoke the function on behalf of any Alexa skill: add EventSourceToken (the skill id).',
    ]);
  });

  it('passes an Alexa permission whose EventSourceToken a parameter gives: any value pins one skill', () => {
    const template = permission('alexa-appkit.amazon.com', '      EventSourceToken: !Ref SkillId\n').replace(
      'Resources:',
      'Parameters:\n  SkillId:\n    Type: String\nResources:',
    );
    const { passed, unknown, failed, errors } = scanTemplate(template, check);
    expect(errors).toEqual([]);
    expect([...failed, ...unknown]).toEqual([]);
    expect(passed[0]?.message).toContain('EventSourceToken pins one skill whatever it is at deploy');
  });

  describe('SAM', () => {
    it('passes the permissions SAM writes for S3 (SourceAccount), SNS, Api (SourceArn) and Schedule events', () => {
      const sam = SAM_FUNCTION_WITH_EVENTS;
      const { failed, unknown, passed, errors } = scanTemplate(sam, check);
      expect(errors).toEqual([]);
      expect([...failed, ...unknown]).toEqual([]);
      expect(passed.map((f) => f.resource.generated?.id).sort()).toEqual([
        'FnGetPermissionProd',
        'FnNightlyPermission',
        'FnTopicPermission',
        'FnUploadPermission',
      ]);
      expect(new Set(passed.map((f) => f.resource.id))).toEqual(new Set(['Fn']));
    });

    it('fails a hand-written S3 permission beside a SAM function', () => {
      const sam = samTemplate(
        samFunction('Fn', '', 'src/') + lambdaPermission('S3Invoke', 's3.amazonaws.com', '', '!Ref Fn'),
      );
      const { failed } = scanTemplate(sam, check);
      expect(failed.map((f) => [f.resource.id, f.severity])).toEqual([['S3Invoke', 'high']]);
    });
  });
});

describe('lambda.permission-confused-deputy on a template nested more than once', () => {
  /** child.yaml: function Fn and permission Perm for EventBridge, from the rule parameter SourceArn names. */
  const CHILD = permissionTemplate(
    'events.amazonaws.com',
    '      SourceArn: !Ref SourceArn\n',
    'Parameters:\n  SourceArn:\n    Type: String\n',
  );
  const RULE = 'arn:aws:events:us-east-1:123456789012:rule/nightly';
  const ANY_ACCOUNT = 'arn:aws:events:us-east-1:*:rule/nightly';
  const sources = (...arns: string[]) => arns.map((arn) => ({ parameters: { SourceArn: arn } }));
  const found = (scan: ReturnType<typeof scanNestings>) =>
    scan.of('lambda.permission-confused-deputy', 'Perm');

  it('fails when one nesting gives a SourceArn that pins no account: that copy is deployed so', () => {
    const result = found(scanNestings(CHILD, sources(RULE, `'${ANY_ACCOUNT}'`)));
    expect(result.map((f) => f.status)).toEqual(['fail']);
    expect(result[0]?.message).toContain(`each deployed by its own copy; where it is ${ANY_ACCOUNT}: `);
  });

  it('passes when every nesting gives a SourceArn of one account', () => {
    const other = 'arn:aws:events:us-east-1:123456789012:rule/weekly';
    expect(found(scanNestings(CHILD, sources(RULE, other))).map((f) => f.status)).toEqual(['pass']);
  });

  it('is unknown when the nesting giving the open SourceArn may not be made, or gives it by default', () => {
    const maybe: Nesting = { parameters: { SourceArn: `'${ANY_ACCOUNT}'` }, condition: 'IsOld' };
    const conditional = scanNestings(CHILD, [...sources(RULE), maybe], MAYBE_MADE_HEADER);
    expect(found(conditional).map((f) => f.status)).toEqual(['unknown']);
    const byDefault = scanNestings(CHILD, sources(RULE, '!Ref Given'), defaultHeader(ANY_ACCOUNT));
    expect(found(byDefault).map((f) => f.status)).toEqual(['unknown']);
  });
});

describe('lambda.permission-confused-deputy in the isolated partitions', () => {
  // The SDKs' endpoint data gives each partition's DNS suffix: aws-iso's service principals are `<service>.c2s.ic.gov`.
  const messages = (principal: string, properties = '', extra = '') => {
    const { failed, unknown, passed, errors } = scanTemplate(permission(principal, properties, extra), check);
    expect(errors).toEqual([]);
    return {
      failed: failed.map((f) => [f.severity, f.message]),
      unknown: unknown.map((f) => f.message),
      passed: passed.map((f) => f.message),
    };
  };

  it('fails s3.c2s.ic.gov without SourceArn or SourceAccount as it fails s3.amazonaws.com', () => {
    const iso = messages('s3.c2s.ic.gov');
    const commercial = messages('s3.amazonaws.com');
    expect(iso.failed).toHaveLength(1);
    expect(iso.failed).toEqual(
      commercial.failed.map(([severity, message]) => [
        severity,
        message?.replaceAll('s3.amazonaws.com', 's3.c2s.ic.gov'),
      ]),
    );
    expect(iso.failed[0]?.[0]).toBe('high');
  });

  it('passes s3.sc2s.sgov.gov pinned to the account and the bucket', () => {
    const pinned =
      "      SourceAccount: !Ref AWS::AccountId\n      SourceArn: 'arn:aws-iso-b:s3:::my-bucket'\n";
    expect(messages('s3.sc2s.sgov.gov', pinned).failed).toEqual([]);
    expect(messages('s3.sc2s.sgov.gov', pinned).passed).toHaveLength(1);
  });

  it('reads a principal that is aws-iso or commercial by the partition as the one service it is either way', () => {
    const conditions = 'Conditions:\n  IsIso: !Equals [!Ref AWS::Partition, aws-iso]\n';
    const either = messages('!If [IsIso, sns.c2s.ic.gov, sns.amazonaws.com]', '', conditions);
    expect(either.failed.map(([severity]) => severity)).toEqual(['medium']);
    expect(either.failed[0]?.[1]).toContain('SourceArn of the topic');
    // A service or an account, by the partition: not known before deploy.
    const mixed = messages("!If [IsIso, sns.c2s.ic.gov, '111122223333']", '', conditions);
    expect(mixed.failed).toEqual([]);
    expect(mixed.unknown).toHaveLength(1);
  });
});
