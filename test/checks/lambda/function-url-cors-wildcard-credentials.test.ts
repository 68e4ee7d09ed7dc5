import { describe, expect, it } from 'vitest';
import check from '../../../src/checks/lambda/function-url-cors-wildcard-credentials.js';
import { scanTemplateFile } from '../../helpers/scan-file.js';
import { scanTemplate, template } from '../../helpers/scan-template.js';
import { lambdaFunction, samFunction, samTemplate } from '../../helpers/templates.js';

const url = (cors: string, extra = '') =>
  template(
    `${lambdaFunction()}  FnUrl:
    Type: AWS::Lambda::Url
    Properties:
      TargetFunctionArn: !GetAtt Fn.Arn
      AuthType: AWS_IAM
${cors}`,
    extra,
  );

describe('lambda.function-url-cors-wildcard-credentials', () => {
  it('fails * with AllowCredentials true and points at the * origin', () => {
    const { failed, errors } = scanTemplate(
      url(`      Cors:
        AllowCredentials: true
        AllowOrigins:
          - https://app.example.com
          - '*'
`),
      check,
    );
    expect(errors).toEqual([]);
    expect(failed).toHaveLength(1);
    expect(failed[0]?.resource.id).toBe('FnUrl');
    expect(failed[0]?.property).toBe('Cors.AllowOrigins.1');
    expect(failed[0]?.location).toEqual({ file: 'template.yaml', line: 19, column: 13 });
  });

  it('is unknown for AllowCredentials 1, which CloudFormation may read as true or reject', () => {
    const { failed, unknown, errors } = scanTemplate(
      url(`      Cors:\n        AllowCredentials: 1\n        AllowOrigins: ['*']\n`),
      check,
    );
    expect([...failed, ...errors]).toEqual([]);
    expect(unknown.map((f) => f.message)).toEqual([
      'AllowCredentials is not known before deploy (the number 1 where true or false is expected: ' +
        'CloudFormation may read it as true or may reject it) and AllowOrigins includes *',
    ]);
  });

  it('passes * without credentials (a public API), and with credentials false', () => {
    for (const credentials of ['', '        AllowCredentials: false\n']) {
      const { failed, passed } = scanTemplate(
        url(`      Cors:\n${credentials}        AllowOrigins: ['*']\n`),
        check,
      );
      expect(failed).toEqual([]);
      expect(passed).toHaveLength(1);
    }
  });

  it('passes listed origins with credentials, even when one is built from a parameter', () => {
    const { failed, passed, unknown } = scanTemplate(
      url(
        `      Cors:
        AllowCredentials: true
        AllowOrigins: [https://app.example.com, !Sub 'https://\${Domain}']
`,
        'Parameters:\n  Domain: { Type: String }\n',
      ),
      check,
    );
    expect(failed).toEqual([]);
    expect(unknown).toEqual([]);
    expect(passed).toHaveLength(1);
  });

  it('is not applicable without Cors', () => {
    const { findings } = scanTemplate(url(''), check);
    expect(findings).toEqual([]);
  });

  it('is unknown when an origin comes from a parameter without default', () => {
    const { failed, unknown } = scanTemplate(
      url(
        `      Cors:
        AllowCredentials: true
        AllowOrigins: [!Ref Origin]
`,
        'Parameters:\n  Origin: { Type: String }\n',
      ),
      check,
    );
    expect(failed).toEqual([]);
    expect(unknown).toHaveLength(1);
    expect(unknown[0]?.message).toContain('parameter Origin');
  });

  it('is unknown when AllowCredentials comes from a parameter and the origins include *', () => {
    const { failed, unknown } = scanTemplate(
      url(
        `      Cors:
        AllowCredentials: !Ref Creds
        AllowOrigins: ['*']
`,
        'Parameters:\n  Creds: { Type: String }\n',
      ),
      check,
    );
    expect(failed).toEqual([]);
    expect(unknown).toHaveLength(1);
    expect(unknown[0]?.property).toBe('Cors.AllowCredentials');
  });

  it('fails on a parameter default of true, saying the default was assumed', () => {
    const { failed } = scanTemplate(
      url(
        `      Cors:
        AllowCredentials: !Ref Creds
        AllowOrigins: ['*']
`,
        "Parameters:\n  Creds: { Type: String, Default: 'true' }\n",
      ),
      check,
    );
    expect(failed).toHaveLength(1);
    expect(failed[0]?.assumptions?.[0]).toContain('parameter Creds');
  });

  it('fails a SAM FunctionUrlConfig and reports it on the SAM function', () => {
    const sam = samTemplate(
      samFunction(
        'Fn',
        `      FunctionUrlConfig:
        AuthType: AWS_IAM
        Cors:
          AllowOrigins: ['*']
          AllowCredentials: true
`,
      ),
    );
    const { failed, errors } = scanTemplate(sam, check);
    expect(errors).toEqual([]);
    expect(failed).toHaveLength(1);
    expect(failed[0]?.resource.id).toBe('Fn');
    expect(failed[0]?.location).toEqual({ file: 'template.yaml', line: 13, column: 26 });
  });
});

describe('a Cors key a function URL does not take', () => {
  it('is a scan error at the key that names the setting meant: the check would have nothing to read', () => {
    const text = url(
      "      Cors:\n        AllowCredentials: true\n        AllowOrigin: ['*']\n        MaxAge: 60\n",
    );
    const { errors, failed } = scanTemplate(text, check);
    const line = text.split('\n').findIndex((l) => l.includes('AllowOrigin:')) + 1;
    expect(errors.map((e) => [e.message, e.line])).toEqual([
      [
        'Cors.AllowOrigin of FnUrl is not a CORS setting of a function URL (did you mean AllowOrigins?): CloudFormation rejects the template',
        line,
      ],
    ]);
    expect(failed).toEqual([]);
  });

  it('is one in a SAM FunctionUrlConfig too, said of the function written', () => {
    const { errors } = scanTemplate(
      samTemplate(
        samFunction(
          'Fn',
          '      FunctionUrlConfig:\n        AuthType: AWS_IAM\n        Cors: { Origins: [x] }\n',
        ),
      ),
      check,
    );
    expect(errors.map((e) => e.message)).toEqual([
      'Cors.Origins of Fn is not a CORS setting of a function URL: CloudFormation rejects the template (SAM writes it into FnUrl)',
    ]);
  });
});

describe('Cors keys of a SAM function merged with those of Globals', () => {
  it('are each located where written, in Globals or in the function, none dropped', () => {
    const text = samTemplate(
      samFunction(
        'Fn',
        '      FunctionUrlConfig:\n        AuthType: AWS_IAM\n        Cors:\n          allowMethods: [GET]\n          MaxAGE: 5\n',
      ),
      'Globals:\n  Function:\n    FunctionUrlConfig:\n      Cors:\n        AllowOrigin: [x]\n',
    );
    const lines = text.split('\n');
    const lineOf = (key: string) => lines.findIndex((l) => l.trimStart().startsWith(`${key}:`)) + 1;
    const { errors } = scanTemplate(text, check);
    expect(errors.map((e) => [e.message.split(' ')[0], e.line])).toEqual([
      ['Cors.AllowOrigin', lineOf('AllowOrigin')],
      ['Cors.allowMethods', lineOf('allowMethods')],
      ['Cors.MaxAGE', lineOf('MaxAGE')],
    ]);
  });
});

describe('lambda.function-url-cors-wildcard-credentials, where an !If removes an origin before the *', () => {
  const text = url(
    `      Cors:
        AllowCredentials: true
        AllowOrigins:
          - !If [IsProd, !Ref AWS::NoValue, 'https://dev.example.com']
          - '*'
`,
    'Parameters:\n  Env: { Type: String, Default: prod }\nConditions:\n  IsProd: !Equals [!Ref Env, prod]\n',
  );

  it('fails once, at the * as written, in every case of the condition', () => {
    const prod = scanTemplateFile(text, check.id).findings;
    expect(prod.map((f) => [f.status, f.property, f.location.line])).toEqual([
      ['fail', 'Cors.AllowOrigins.1', 23],
    ]);
    const dev = scanTemplateFile(text, check.id, { Env: 'dev' }).findings;
    expect(dev[0]?.fingerprint).toBe(prod[0]?.fingerprint);
  });
});

describe('lambda.function-url-cors-wildcard-credentials, where a parameter may make another origin *', () => {
  const text = url(
    `      Cors:
        AllowCredentials: true
        AllowOrigins:
          - !Ref ExtraOrigin
          - '*'
`,
    "Parameters:\n  ExtraOrigin: { Type: String, Default: '*' }\n",
  );

  it('rests on the * written as text, whatever the parameter gives', () => {
    const line = text.split('\n').findIndex((l) => l.includes("- '*'")) + 1;
    const asDefault = scanTemplateFile(text, check.id).findings;
    expect(asDefault.map((f) => [f.status, f.property, f.location.line])).toEqual([
      ['fail', 'Cors.AllowOrigins.1', line],
    ]);
    const given = scanTemplateFile(text, check.id, { ExtraOrigin: 'https://app.example.com' }).findings;
    expect(given.map((f) => [f.status, f.fingerprint])).toEqual([['fail', asDefault[0]?.fingerprint]]);
  });

  it('points at an origin after one written !Ref AWS::NoValue', () => {
    const removed = url(
      "      Cors:\n        AllowCredentials: true\n        AllowOrigins: [!Ref AWS::NoValue, '*']\n",
    );
    const { failed } = scanTemplate(removed, check);
    expect(failed.map((f) => f.property)).toEqual(['Cors.AllowOrigins.1']);
  });
});
