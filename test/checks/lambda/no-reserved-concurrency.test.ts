import { describe, expect, it } from 'vitest';
import check from '../../../src/checks/lambda/no-reserved-concurrency.js';
import { scanTemplate, template } from '../../helpers/scan-template.js';

const fn = (extraProps = '') => `  Fn:
    Type: AWS::Lambda::Function
    Properties:
      Runtime: python3.12
      Handler: app.handler
      Role: arn:aws:iam::123456789012:role/r
      Code: { ZipFile: 'x' }
${extraProps}`;

describe('lambda.no-reserved-concurrency', () => {
  it('is informational', () => {
    expect(check.severity).toBe('info');
  });

  it('fails a function without ReservedConcurrentExecutions', () => {
    const { failed } = scanTemplate(template(fn()), check);
    expect(failed).toHaveLength(1);
    expect(failed[0]?.resource.id).toBe('Fn');
    expect(failed[0]?.severity).toBe('info');
  });

  it('passes a reserved concurrency, zero included', () => {
    for (const value of ['25', '0']) {
      const { failed, passed } = scanTemplate(
        template(fn(`      ReservedConcurrentExecutions: ${value}\n`)),
        check,
      );
      expect(failed).toEqual([]);
      expect(passed[0]?.message).toBe(`reserved concurrency is ${value}`);
    }
  });

  it('is unknown when the value comes from a parameter without default', () => {
    const { failed, unknown } = scanTemplate(
      template(
        fn('      ReservedConcurrentExecutions: !Ref Cap\n'),
        'Parameters:\n  Cap: { Type: Number }\n',
      ),
      check,
    );
    expect(failed).toEqual([]);
    expect(unknown).toHaveLength(1);
    expect(unknown[0]?.location).toEqual({ file: 'template.yaml', line: 12, column: 7 });
  });

  it('reads ReservedConcurrentExecutions on a SAM function', () => {
    const sam = `AWSTemplateFormatVersion: '2010-09-09'
Transform: AWS::Serverless-2016-10-31
Resources:
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: python3.12
      Handler: app.handler
      CodeUri: s3://bucket/app.zip
      ReservedConcurrentExecutions: 10
`;
    const { failed, passed } = scanTemplate(sam, check);
    expect(failed).toEqual([]);
    expect(passed[0]?.resource.id).toBe('Fn');
  });
});
