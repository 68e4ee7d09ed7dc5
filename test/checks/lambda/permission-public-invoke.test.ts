// biome-ignore-all lint/suspicious/noTemplateCurlyInString: CloudFormation `${...}` templates are written in these tests
import { describe, expect, it } from 'vitest';
import urlCheck from '../../../src/checks/lambda/function-url-auth-none.js';
import confusedDeputy from '../../../src/checks/lambda/permission-confused-deputy.js';
import check from '../../../src/checks/lambda/permission-public-invoke.js';
import untrustedAccount from '../../../src/checks/lambda/permission-untrusted-account.js';
import { defaultHeader, MAYBE_MADE_HEADER, type Nesting, scanNestings } from '../../helpers/nestings.js';
import { scanTemplate, template } from '../../helpers/scan-template.js';
import {
  lambdaFunction,
  permissionTemplate,
  SAM_FUNCTION_WITH_EVENTS,
  samFunction,
  samTemplate,
} from '../../helpers/templates.js';
import { livePermission, scanLive } from './live-fixture.js';

/** A function and one permission on it; `props` are the permission's extra properties. */
const permission = permissionTemplate;

describe('lambda.permission-public-invoke', () => {
  it('fails Principal * without conditions and points at the Principal line', () => {
    const { failed, errors } = scanTemplate(permission("'*'"), check);
    expect(errors).toEqual([]);
    expect(failed).toHaveLength(1);
    expect(failed[0]?.resource.id).toBe('Perm');
    expect(failed[0]?.severity).toBe('critical');
    expect(failed[0]?.location).toEqual({ file: 'template.yaml', line: 15, column: 7 });
    expect(failed[0]?.message).toContain('lambda:InvokeFunction');
  });

  it('passes * restricted by SourceAccount, SourceArn or PrincipalOrgID (prowler#4870)', () => {
    for (const condition of [
      '      SourceAccount: !Ref AWS::AccountId\n',
      '      SourceArn: arn:aws:s3:::uploads-bucket\n',
      '      PrincipalOrgID: o-a1b2c3d4e5\n',
    ]) {
      const { failed, passed } = scanTemplate(permission("'*'", condition), check);
      expect(failed).toEqual([]);
      expect(passed).toHaveLength(1);
      expect(passed[0]?.message).toContain('pinned by');
    }
  });

  it('is unknown for * with a PrincipalOrgID that names no organization: empty, or not an id', () => {
    // AddPermission takes o- and 10 to 32 lowercase letters or digits: '' may be dropped (then * is anyone) or refused.
    const empty = scanTemplate(permission("'*'", "      PrincipalOrgID: ''\n"), check);
    expect(empty.passed).toEqual([]);
    expect(empty.failed).toEqual([]);
    expect(empty.unknown.map((f) => [f.property, f.message])).toEqual([
      [
        'PrincipalOrgID',
        'Cannot tell whether anyone can call lambda:InvokeFunction: its PrincipalOrgID is empty, which names no ' +
          'organization (an id is o- and 10 to 32 lowercase letters or digits): the deploy may fail on it, or CloudFormation ' +
          'may drop it and grant the function to every AWS account.',
      ],
    ]);
    const notAnId = scanTemplate(permission("'*'", '      PrincipalOrgID: my-org\n'), check);
    expect(notAnId.passed).toEqual([]);
    expect(notAnId.unknown.map((f) => f.message)).toEqual([
      'Cannot tell whether anyone can call lambda:InvokeFunction: its PrincipalOrgID my-org is not an ' +
        'organization id (o- and 10 to 32 lowercase letters or digits), so it pins no caller that can be known: the ' +
        'deploy may fail on it.',
    ]);
    // Another condition that pins the caller still does; a principal that is one account is not public either way.
    const pinned = scanTemplate(
      permission("'*'", "      PrincipalOrgID: ''\n      SourceAccount: !Ref AWS::AccountId\n"),
      check,
    );
    expect(pinned.passed.map((f) => f.message)).toEqual([expect.stringContaining('pinned by')]);
    const account = scanTemplate(permission("'111122223333'", "      PrincipalOrgID: ''\n"), check);
    expect(account.passed).toHaveLength(1);
  });

  it('passes * when the only condition is a wildcard SourceArn: only AWS services call with one (confused-deputy fails it)', () => {
    const text = permission("'*'", "      SourceArn: 'arn:aws:s3:::*'\n");
    const { failed, passed } = scanTemplate(text, check);
    expect(failed).toEqual([]);
    expect(passed.map((f) => f.message)).toEqual([
      expect.stringContaining('admits only calls an AWS service makes'),
    ]);
    expect(scanTemplate(text, confusedDeputy).failed.map((f) => f.severity)).toEqual(['high']);
  });

  it('passes service and account principals', () => {
    for (const principal of ['s3.amazonaws.com', "'111122223333'"]) {
      const { failed, passed } = scanTemplate(permission(principal), check);
      expect(failed).toEqual([]);
      expect(passed[0]?.message).toContain(`the principal is ${principal.replaceAll("'", '')}`);
    }
  });

  it('names apigateway.${AWS::URLSuffix} as the service it is, as the untrusted-account check does', () => {
    const { passed } = scanTemplate(permission('!Join ["", ["apigateway.", !Ref "AWS::URLSuffix"]]'), check);
    expect(passed.map((f) => f.message)).toEqual(['not public: the principal is apigateway.amazonaws.com']);
    // Written out, a principal is named as written (a China region's service principal too).
    const china = scanTemplate(permission('apigateway.amazonaws.com.cn'), check);
    expect(china.passed.map((f) => f.message)).toEqual([
      'not public: the principal is apigateway.amazonaws.com.cn',
    ]);
  });

  it('is unknown when the principal comes from a parameter without default', () => {
    const { failed, unknown } = scanTemplate(
      permission('!Ref Invoker', '', 'Parameters:\n  Invoker: { Type: String }\n'),
      check,
    );
    expect(failed).toEqual([]);
    expect(unknown).toHaveLength(1);
    expect(unknown[0]?.resource.id).toBe('Perm');
    expect(unknown[0]?.message).toContain('parameter Invoker');
  });

  it('is unknown when the principal is a {{resolve:…}} dynamic reference, read at deploy (guardian/mobile-purchases)', () => {
    const { failed, passed, unknown } = scanTemplate(permission("'{{resolve:ssm:/partner/account}}'"), check);
    expect(failed).toEqual([]);
    expect(passed).toEqual([]);
    expect(unknown.map((f) => f.message)).toEqual([
      'Cannot tell whether anyone can call lambda:InvokeFunction: Principal {{resolve:ssm:/partner/account}} is not ' +
        'known before deploy (dynamic reference {{resolve:ssm:/partner/account}}, read from SSM Parameter Store at deploy).',
    ]);
  });

  it('says once why a principal an Fn::If chooses is not known (checked once, as beyond the case limits)', () => {
    const { unknown } = scanTemplate(
      permission(
        '!If [InChina, sns.amazonaws.com, !Ref Invoker]',
        '',
        "Parameters:\n  Invoker: { Type: String }\nConditions:\n  InChina: !Equals [!Ref 'AWS::Partition', aws-cn]\n",
      ),
      check,
    );
    const why = 'depends on condition InChina: compares values not known before deploy';
    expect(unknown.map((f) => f.message.split(why).length - 1)).toEqual([1]);
  });

  it('says nothing of a permission CloudFormation rejects for a missing Principal: the scan error does', () => {
    const text = template(
      `${lambdaFunction()}  Perm:
    Type: AWS::Lambda::Permission
    Properties:
      Action: lambda:InvokeFunction
      FunctionName: !Ref Fn
`,
    );
    const { findings, errors } = scanTemplate(text, [check, confusedDeputy, untrustedAccount]);
    expect(findings).toEqual([]);
    expect(errors.map((e) => e.message)).toEqual([expect.stringContaining('requires Principal')]);
  });

  describe('function URLs', () => {
    const url = (authType: string) => `  FnUrl:
    Type: AWS::Lambda::Url
    Properties:
      TargetFunctionArn: !GetAtt Fn.Arn
      AuthType: ${authType}
`;
    const urlPermission = (authType: string, withUrl: boolean, extra = '') =>
      template(
        `${lambdaFunction()}${withUrl ? url(authType) : ''}  Perm:
    Type: AWS::Lambda::Permission
    Properties:
      FunctionName: !GetAtt Fn.Arn
      Action: lambda:InvokeFunctionUrl
      Principal: '*'
      FunctionUrlAuthType: ${authType}
`,
        extra,
      );

    it('leaves a public URL (FunctionUrlAuthType NONE) to lambda.function-url-auth-none: one finding, not two', () => {
      const { failed, findings } = scanTemplate(urlPermission('NONE', true), [check, urlCheck]);
      expect(findings.filter((f) => f.checkId === check.id)).toEqual([]);
      expect(failed.map((f) => [f.checkId, f.resource.id])).toEqual([[urlCheck.id, 'FnUrl']]);
    });

    it('is unknown for FunctionUrlAuthType NONE when the URL is not in the template', () => {
      const { failed, unknown } = scanTemplate(urlPermission('NONE', false), check);
      expect(failed).toEqual([]);
      expect(unknown[0]?.message).toContain('not in this template');
      expect(unknown[0]?.property).toBe('FunctionUrlAuthType');
    });

    it('fails * with FunctionUrlAuthType AWS_IAM with high severity: any AWS account can call it', () => {
      const { failed } = scanTemplate(urlPermission('AWS_IAM', true), [check, urlCheck]);
      expect(failed.map((f) => [f.checkId, f.severity])).toEqual([[check.id, 'high']]);
      expect(failed[0]?.message).toContain('any AWS account');
    });

    it('says not applicable to * with FunctionUrlAuthType AWS_IAM when the URL has AuthType NONE: no call matches', () => {
      const text = urlPermission('AWS_IAM', true).replace(
        'AuthType: AWS_IAM\n  Perm:',
        'AuthType: NONE\n  Perm:',
      );
      expect(text).toContain('      AuthType: NONE\n');
      const { findings } = scanTemplate(text, check);
      expect(findings).toEqual([]);
      // Whatever the principal: the URL answers the grant's condition with NONE.
      const chosen = text.replace("Principal: '*'", 'Principal: !Ref Who');
      expect(scanTemplate(`${chosen}Parameters:\n  Who: { Type: String }\n`, check).findings).toEqual([]);
    });

    it('still fails * with FunctionUrlAuthType AWS_IAM when the NONE URL is on another qualifier', () => {
      const alias = `  Live:
    Type: AWS::Lambda::Alias
    Properties:
      FunctionName: !Ref Fn
      FunctionVersion: '1'
      Name: live
`;
      const text = urlPermission('NONE', true, `${''}`)
        .replace('FunctionUrlAuthType: NONE', 'FunctionUrlAuthType: AWS_IAM')
        .replace('TargetFunctionArn: !GetAtt Fn.Arn', 'TargetFunctionArn: !Ref Live')
        .replace('  Perm:\n', `${alias}  Perm:\n`);
      const { failed } = scanTemplate(text, check);
      expect(failed.map((f) => [f.checkId, f.severity])).toEqual([[check.id, 'high']]);
    });

    it('is unknown for * with FunctionUrlAuthType AWS_IAM when the URL AuthType comes from a parameter', () => {
      const text = urlPermission('AWS_IAM', true, 'Parameters:\n  Auth: { Type: String }\n').replace(
        'AuthType: AWS_IAM\n  Perm:',
        'AuthType: !Ref Auth\n  Perm:',
      );
      const { failed, unknown } = scanTemplate(text, check);
      expect(failed).toEqual([]);
      expect(unknown.map((f) => [f.severity, f.property, f.message])).toEqual([
        [
          'high',
          'FunctionUrlAuthType',
          'The permission grants `*` with FunctionUrlAuthType AWS_IAM, and the AuthType of the function URL FnUrl is not known before deploy (from parameter Auth, which has no default): with AWS_IAM, any signed-in principal of any AWS account can call it.',
        ],
      ]);
    });

    it('is unknown when FunctionUrlAuthType comes from a parameter', () => {
      const { failed, unknown } = scanTemplate(
        urlPermission('!Ref Auth', true, 'Parameters:\n  Auth: { Type: String }\n'),
        check,
      );
      expect(failed).toEqual([]);
      expect(unknown[0]?.message).toContain('parameter Auth');
    });

    it('honours InvokedViaFunctionUrl on a permission (the model field, once mapped)', () => {
      const viaUrl = livePermission({ id: 'url-invoke', invokedViaFunctionUrl: true });
      expect(scanLive([viaUrl], check).findings).toEqual([]);
      expect(scanLive([livePermission({ id: 'open' })], check).failed).toHaveLength(1);
    });
  });

  describe('SAM', () => {
    it('reports a FunctionUrlConfig with AuthType NONE once, by the URL check, on the SAM function', () => {
      // The last: an alias whose name is a parameter without Default, known only at deploy.
      for (const alias of ['', '      AutoPublishAlias: live\n', '      AutoPublishAlias: !Ref Stage\n']) {
        const sam = samTemplate(
          samFunction('Fn', `${alias}      FunctionUrlConfig:\n        AuthType: NONE\n`, 'src/'),
          STAGE_WITHOUT_DEFAULT,
        );
        const { failed, findings, errors } = scanTemplate(sam, [check, urlCheck]);
        expect(errors).toEqual([]);
        expect(findings.filter((f) => f.checkId === check.id)).toEqual([]);
        expect(failed.map((f) => [f.checkId, f.resource.id])).toEqual([[urlCheck.id, 'Fn']]);
      }
    });

    it('checks the permission of an event on an alias named at deploy, as on any alias', () => {
      const sam = samTemplate(
        `${samFunction(
          'Fn',
          '      AutoPublishAlias: !Ref Stage\n      Events:\n        Topic: {Type: SNS, Properties: {Topic: !Ref T}}\n',
          'src/',
        )}  T:\n    Type: AWS::SNS::Topic\n`,
        STAGE_WITHOUT_DEFAULT,
      );
      const { failed, unknown, passed, errors } = scanTemplate(sam, check);
      expect(errors).toEqual([]);
      expect([...failed, ...unknown]).toEqual([]);
      expect(passed.map((f) => f.resource.id)).toEqual(['Fn']);
    });

    it('passes the permissions SAM writes for S3, SNS, Api and Schedule events', () => {
      const sam = SAM_FUNCTION_WITH_EVENTS;
      const { failed, unknown, passed, errors } = scanTemplate(sam, check);
      expect(errors).toEqual([]);
      expect([...failed, ...unknown]).toEqual([]);
      expect(passed).toHaveLength(4);
      expect(new Set(passed.map((f) => f.resource.id))).toEqual(new Set(['Fn']));
    });
  });
});

const STAGE_WITHOUT_DEFAULT = 'Parameters:\n  Stage:\n    Type: String\n    AllowedValues: [beta, prod]\n';

describe('lambda.permission-public-invoke on a template nested more than once', () => {
  /** child.yaml: function Fn and permission Perm for parameter Principal. */
  const CHILD = permissionTemplate('!Ref Principal', '', 'Parameters:\n  Principal:\n    Type: String\n');
  const principals = (...texts: string[]) => texts.map((text) => ({ parameters: { Principal: text } }));
  const found = (scan: ReturnType<typeof scanNestings>) => scan.of('lambda.permission-public-invoke', 'Perm');

  it('fails when one nesting gives *: that copy lets anyone call the function, and the finding names it', () => {
    const result = found(scanNestings(CHILD, principals("'*'", "'123456789012'")));
    expect(result.map((f) => f.status)).toEqual(['fail']);
    expect(result[0]?.message).toMatch(
      /^\$\{Principal\} is one of \*, 123456789012 \(from parameter Principal, which the stacks nesting this template give different values \(Copy1 in parent\.yaml, Copy2 in parent\.yaml\)\), each deployed by its own copy; where it is \*: Anyone can call lambda:InvokeFunction on the function: Principal is \*/,
    );
  });

  it('passes when no nesting gives a public principal', () => {
    const result = found(scanNestings(CHILD, principals('s3.amazonaws.com', "'123456789012'")));
    expect(result.map((f) => f.status)).toEqual(['pass']);
    expect(result[0]?.message).toContain('each copy passes');
  });

  it('is unknown when the nesting giving * may not be made, or gives it by default', () => {
    const maybe: Nesting = { parameters: { Principal: "'*'" }, condition: 'IsOld' };
    const conditional = scanNestings(CHILD, [...principals("'123456789012'"), maybe], MAYBE_MADE_HEADER);
    expect(found(conditional).map((f) => f.status)).toEqual(['unknown']);
    const byDefault = scanNestings(CHILD, principals("'123456789012'", '!Ref Given'), defaultHeader('*'));
    expect(found(byDefault).map((f) => f.status)).toEqual(['unknown']);
  });
});
