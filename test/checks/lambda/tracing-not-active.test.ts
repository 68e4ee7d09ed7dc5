import { describe, expect, it } from 'vitest';
import check from '../../../src/checks/lambda/tracing-not-active.js';
import { scanTemplate, template } from '../../helpers/scan-template.js';
import { lambdaFunction, samFunction, samTemplate } from '../../helpers/templates.js';

const fn = (extraProps = '') => lambdaFunction('Fn', extraProps);

describe('lambda.tracing-not-active', () => {
  it('fails a function without TracingConfig, pointing at the function', () => {
    const { failed } = scanTemplate(template(fn()), check);
    expect(failed).toHaveLength(1);
    expect(failed[0]?.resource.id).toBe('Fn');
    expect(failed[0]?.location).toEqual({ file: 'template.yaml', line: 3, column: 3 });
  });

  it('does not list parameter defaults that only other properties use as assumptions', () => {
    const { failed } = scanTemplate(
      template(
        fn('      Environment:\n        Variables:\n          STAGE: !Ref Stage\n'),
        'Parameters:\n  Stage: { Type: String, Default: prod }\n',
      ),
      check,
    );
    expect(failed).toHaveLength(1);
    expect(failed[0]?.assumptions).toBeUndefined();
  });

  it('fails PassThrough and points at the Mode line', () => {
    const { failed } = scanTemplate(template(fn('      TracingConfig:\n        Mode: PassThrough\n')), check);
    expect(failed).toHaveLength(1);
    expect(failed[0]?.property).toBe('TracingConfig.Mode');
    expect(failed[0]?.location).toEqual({ file: 'template.yaml', line: 11, column: 9 });
  });

  it('passes Active', () => {
    const { failed, passed } = scanTemplate(
      template(fn('      TracingConfig:\n        Mode: Active\n')),
      check,
    );
    expect(failed).toEqual([]);
    expect(passed).toHaveLength(1);
  });

  it('is unknown when Mode comes from a parameter without default', () => {
    const { failed, unknown } = scanTemplate(
      template(
        fn('      TracingConfig:\n        Mode: !Ref Tracing\n'),
        'Parameters:\n  Tracing: { Type: String }\n',
      ),
      check,
    );
    expect(failed).toEqual([]);
    expect(unknown).toHaveLength(1);
    expect(unknown[0]?.message).toContain('parameter Tracing');
  });

  it('does not evaluate a function fed by an MSK event source mapping, which X-Ray cannot trace', () => {
    const mapping = `  Cluster:
    Type: AWS::MSK::ServerlessCluster
    Properties:
      ClusterName: c
  FnMapping:
    Type: AWS::Lambda::EventSourceMapping
    Properties:
      FunctionName: !Ref Fn
      EventSourceArn: !GetAtt Cluster.Arn
      Topics: [orders]
`;
    expect(scanTemplate(template(fn() + mapping), check).findings).toEqual([]);
  });

  it('reads SAM Tracing, from Globals too, and reports on the SAM function', () => {
    const sam = (globals: string) => samTemplate(samFunction(), globals);
    const off = scanTemplate(sam(''), check);
    expect(off.failed).toHaveLength(1);
    expect(off.failed[0]?.resource.id).toBe('Fn');
    const on = scanTemplate(sam('Globals:\n  Function:\n    Tracing: Active\n'), check);
    expect(on.failed).toEqual([]);
    expect(on.passed).toHaveLength(1);
  });
});
