import { describe, expect, it } from 'vitest';
import check from '../../../src/checks/lambda/function-url-auth-none.js';
import { scanTemplate, template } from '../../helpers/scan-template.js';
import { lambdaFunction, urlPermission } from '../../helpers/templates.js';

const url = (authType: string, extra = '') =>
  template(
    `${lambdaFunction()}  FnUrl:
    Type: AWS::Lambda::Url
    Properties:
      TargetFunctionArn: !GetAtt Fn.Arn
      AuthType: ${authType}
`,
    extra,
  );

describe('lambda.function-url-auth-none', () => {
  it('fails a URL with AuthType NONE and points at the AuthType line', () => {
    const { failed, errors } = scanTemplate(url('NONE'), check);
    expect(errors).toEqual([]);
    expect(failed).toHaveLength(1);
    expect(failed[0]?.resource.id).toBe('FnUrl');
    expect(failed[0]?.location).toEqual({ file: 'template.yaml', line: 14, column: 7 });
    expect(failed[0]?.property).toBe('AuthType');
  });

  describe('with or without the permission that lets anyone call the URL', () => {
    const permission = (principal: string, action = 'lambda:InvokeFunctionUrl') =>
      urlPermission('FnUrlPublic', 'Fn', { principal, action });
    const withPermission = (text: string) =>
      template(
        `${lambdaFunction()}  FnUrl:
    Type: AWS::Lambda::Url
    Properties:
      TargetFunctionArn: !GetAtt Fn.Arn
      AuthType: NONE
${text}`,
      );

    it('is critical where a permission lets anyone call it, and names it', () => {
      for (const text of [permission("'*'"), permission("'*'", 'lambda:*')]) {
        const { failed } = scanTemplate(withPermission(text), check);
        expect(failed.map((f) => [f.severity, f.message])).toEqual([
          [
            'critical',
            'The function URL has AuthType NONE: anyone on the internet can invoke the function (permission FnUrlPublic lets anyone call it).',
          ],
        ]);
      }
    });

    it('is critical where a permission may let anyone call it, and says so', () => {
      const { failed } = scanTemplate(
        template(
          `${lambdaFunction()}  FnUrl:
    Type: AWS::Lambda::Url
    Properties:
      TargetFunctionArn: !GetAtt Fn.Arn
      AuthType: NONE
${permission('!Ref Who')}`,
          'Parameters:\n  Who: { Type: String }\n',
        ),
        check,
      );
      expect(failed.map((f) => [f.severity, f.message])).toEqual([
        [
          'critical',
          'The function URL has AuthType NONE: anyone on the internet can invoke the function (permission ' +
            'FnUrlPublic may let anyone call it: its action or principal is not known before deploy).',
        ],
      ]);
    });

    it('says a permission another condition deploys may let anyone call it; one the defaults leave out is none', () => {
      const conditional = urlPermission('FnUrlPublic', 'Fn', { condition: 'IsProd' });
      const withEnv = (env: string, extra = '') =>
        withPermission(conditional + extra).replace(
          'Resources:',
          `Parameters:\n  Env: ${env}\nConditions:\n  IsProd: !Equals [!Ref Env, prod]\nResources:`,
        );
      // Env has no default: whether IsProd holds is not known before deploy.
      const undecided = scanTemplate(withEnv('{ Type: String }'), check);
      expect(undecided.failed.map((f) => [f.severity, f.message])).toEqual([
        [
          'critical',
          expect.stringContaining(
            '(permission FnUrlPublic, deployed only when condition IsProd holds, may let anyone call it)',
          ),
        ],
      ]);
      // The defaults leave it out: the URL answers 403 with them, and the permission that a deploy may make is named.
      const byDefault = scanTemplate(withEnv('{ Type: String, Default: dev }'), check);
      expect(byDefault.failed.map((f) => [f.severity, f.message])).toEqual([
        [
          'high',
          expect.stringContaining(
            "permission FnUrlPublic would, deployed only when condition IsProd holds, which is false with the parameters' defaults (Env=dev)",
          ),
        ],
      ]);
      // A permission always deployed is the one named, wherever it is written.
      const both = scanTemplate(withEnv('{ Type: String }', urlPermission('Always')), check);
      expect(both.failed.map((f) => f.message)).toEqual([
        expect.stringContaining('(permission Always lets anyone call it)'),
      ]);
    });

    it('is high where no permission of the template lets anyone call it: the URL answers 403 until one does', () => {
      // A permission whose Action Lambda refuses (a wildcard inside a name) is never created: it opens nothing.
      const refused = permission("'*'", "'lambda:InvokeFunctionUrl*'");
      for (const text of [
        '',
        permission("'123456789012'"),
        permission("'*'", 'lambda:InvokeFunction'),
        refused,
      ]) {
        const { failed } = scanTemplate(withPermission(text), check);
        expect(failed.map((f) => f.severity)).toEqual(['high']);
        expect(failed[0]?.message).toContain('it answers 403 until one is added elsewhere');
      }
    });

    it('is high where the grant for * holds only for FunctionUrlAuthType AWS_IAM: no call of a NONE URL matches it', () => {
      const iamOnly = permission("'*'").replace('FunctionUrlAuthType: NONE', 'FunctionUrlAuthType: AWS_IAM');
      const { failed } = scanTemplate(withPermission(iamOnly), check);
      expect(failed.map((f) => f.severity)).toEqual(['high']);
      expect(failed[0]?.message).toContain('it answers 403 until one is added elsewhere');
    });

    it('is high where the grant for * carries SourceArn or SourceAccount: only AWS services send them, no URL call', () => {
      for (const pin of [
        "SourceAccount: '111122223333'",
        'SourceArn: arn:aws:sns:us-east-1:111122223333:t',
      ]) {
        const pinned = permission("'*'").replace(
          'FunctionUrlAuthType: NONE',
          `FunctionUrlAuthType: NONE\n      ${pin}`,
        );
        const { failed } = scanTemplate(withPermission(pinned), check);
        expect(failed.map((f) => f.severity)).toEqual(['high']);
        expect(failed[0]?.message).toContain('it answers 403 until one is added elsewhere');
      }
    });

    it('is critical where the FunctionUrlAuthType of a grant for * is not known before deploy, and says so', () => {
      const chosen = permission("'*'").replace('FunctionUrlAuthType: NONE', 'FunctionUrlAuthType: !Ref Auth');
      const { failed } = scanTemplate(
        withPermission(chosen).replace('Resources:', 'Parameters:\n  Auth: { Type: String }\nResources:'),
        check,
      );
      expect(failed.map((f) => [f.severity, f.message])).toEqual([
        [
          'critical',
          'The function URL has AuthType NONE: anyone on the internet can invoke the function (permission ' +
            'FnUrlPublic may let anyone call it: its FunctionUrlAuthType is not known before deploy).',
        ],
      ]);
    });

    it("is critical for SAM's FunctionUrlConfig, whose permission SAM writes", () => {
      const text = `Transform: AWS::Serverless-2016-10-31
Resources:
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: python3.12
      Handler: app.handler
      CodeUri: s3://bucket/key
      FunctionUrlConfig:
        AuthType: NONE
`;
      const { failed } = scanTemplate(text, check);
      expect(failed.map((f) => f.severity)).toEqual(['critical']);
      expect(failed[0]?.message).toContain('(permission FnUrlPublicPermissions lets anyone call it)');
    });
  });

  it('passes AWS_IAM', () => {
    const { failed, passed } = scanTemplate(url('AWS_IAM'), check);
    expect(failed).toEqual([]);
    expect(passed).toHaveLength(1);
  });

  it('is unknown when AuthType comes from a parameter without default', () => {
    const { failed, unknown } = scanTemplate(
      url('!Ref Auth', 'Parameters:\n  Auth: { Type: String }\n'),
      check,
    );
    expect(failed).toEqual([]);
    expect(unknown).toHaveLength(1);
    expect(unknown[0]?.message).toContain('parameter Auth');
  });

  it('fails on a parameter default, and says the default was assumed', () => {
    const { failed } = scanTemplate(
      url('!Ref Auth', "Parameters:\n  Auth: { Type: String, Default: 'NONE' }\n"),
      check,
    );
    expect(failed).toHaveLength(1);
    expect(failed[0]?.assumptions?.[0]).toContain('parameter Auth');
  });

  it("points at AuthType in Globals when the function's own FunctionUrlConfig only adds Cors", () => {
    const text = `Transform: AWS::Serverless-2016-10-31
Globals:
  Function:
    Runtime: python3.12
    Handler: app.handler
    FunctionUrlConfig:
      AuthType: NONE
Resources:
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      CodeUri: src/
      FunctionUrlConfig:
        Cors:
          AllowOrigins: ['https://example.com']
`;
    const { failed } = scanTemplate(text, check);
    expect(failed.map((f) => [f.resource.id, f.location.line, f.location.column])).toEqual([['Fn', 7, 7]]);
  });
});
