import { describe, expect, it } from 'vitest';
import check from '../../../src/checks/lambda/function-url-auth-none.js';
import { scanTemplate, template } from '../../helpers/scan-template.js';
import { lambdaFunction } from '../../helpers/templates.js';

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
