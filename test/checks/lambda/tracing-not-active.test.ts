import { describe, expect, it } from 'vitest';
import check from '../../../src/checks/lambda/tracing-not-active.js';
import { defaultHeader, MAYBE_MADE_HEADER, type Nesting, scanNestings } from '../../helpers/nestings.js';
import { scanTemplate, template } from '../../helpers/scan-template.js';
import { edgeDistribution, lambdaFunction, samFunction, samTemplate } from '../../helpers/templates.js';

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

  it('does not evaluate a function a CloudFront distribution runs as Lambda@Edge, which does not support X-Ray', () => {
    const edge = edgeDistribution();
    const { findings } = scanTemplate(template(fn() + lambdaFunction('Regional') + edge), check);
    // A function no distribution runs is judged as before.
    expect(findings.map((f) => [f.resource.id, f.status])).toEqual([['Regional', 'fail']]);
  });

  it('judges as a regional function one whose distribution is created only under a condition', () => {
    const edge = edgeDistribution('Fn', 'IsProd');
    const conditions =
      'Parameters:\n  Env: { Type: String, Default: dev }\nConditions:\n  IsProd: !Equals [!Ref Env, prod]\n';
    const { findings } = scanTemplate(template(fn() + edge, conditions), check);
    expect(findings.map((f) => [f.resource.id, f.status])).toEqual([['Fn', 'fail']]);
  });

  it('does not evaluate a SAM function with an MSK event whose cluster is a parameter, but does one fed by Kinesis', () => {
    const event = (type: string) => `      Events:
        Source:
          Type: ${type}
          Properties:
            Stream: !Ref SourceArn
            StartingPosition: LATEST
            Topics: [orders]
`;
    const parameter = 'Parameters:\n  SourceArn: { Type: String }\n';
    const msk = scanTemplate(samTemplate(samFunction('Fn', event('MSK')), parameter), check);
    // Not evaluated: no finding at all (it failed before the event type told the mapping's kind).
    expect(msk.findings).toEqual([]);
    const kinesis = scanTemplate(
      samTemplate(
        samFunction('Fn', event('Kinesis').replace('            Topics: [orders]\n', '')),
        parameter,
      ),
      check,
    );
    expect(kinesis.failed).toHaveLength(1);
  });

  it('reads SAM Tracing, from Globals too, and reports on the SAM function', () => {
    const sam = (globals: string) => samTemplate(samFunction(), globals);
    const off = scanTemplate(sam(''), check);
    expect(off.failed).toHaveLength(1);
    expect(off.failed[0]?.resource.id).toBe('Fn');
    // Named as a SAM author writes it, not as CloudFormation's TracingConfig.
    expect(off.failed[0]?.message).toBe(
      'The function has no Tracing: X-Ray active tracing is off (PassThrough).',
    );
    const passThrough = scanTemplate(sam('Globals:\n  Function:\n    Tracing: PassThrough\n'), check);
    expect(passThrough.failed[0]?.message).toBe(
      'Tracing is PassThrough, not Active: X-Ray only traces requests that arrive already sampled.',
    );
    const on = scanTemplate(sam('Globals:\n  Function:\n    Tracing: Active\n'), check);
    expect(on.failed).toEqual([]);
    expect(on.passed).toHaveLength(1);
  });
});

describe('lambda.tracing-not-active on a template nested more than once', () => {
  /** child.yaml: function Fn whose tracing mode is parameter Mode. */
  const CHILD = template(
    fn('      TracingConfig:\n        Mode: !Ref Mode\n'),
    'Parameters:\n  Mode:\n    Type: String\n',
  );
  const modes = (...texts: string[]) => texts.map((text) => ({ parameters: { Mode: text } }));
  const found = (scan: ReturnType<typeof scanNestings>) => scan.of('lambda.tracing-not-active', 'Fn');

  it('fails when one nesting gives PassThrough: that copy is deployed untraced, and the finding names it', () => {
    const result = found(scanNestings(CHILD, modes('Active', 'PassThrough')));
    expect(result.map((f) => f.status)).toEqual(['fail']);
    expect(result[0]?.message).toMatch(
      /^\$\{Mode\} is one of Active, PassThrough \(from parameter Mode, .*\), each deployed by its own copy; where it is PassThrough: TracingConfig\.Mode is PassThrough, not Active/,
    );
  });

  it('passes when every nesting gives Active', () => {
    expect(found(scanNestings(CHILD, modes('Active', 'Active'))).map((f) => f.status)).toEqual(['pass']);
  });

  it('is unknown when the nesting giving PassThrough may not be made, or gives it by default', () => {
    const maybe: Nesting = { parameters: { Mode: 'PassThrough' }, condition: 'IsOld' };
    const conditional = scanNestings(CHILD, [...modes('Active'), maybe], MAYBE_MADE_HEADER);
    expect(found(conditional).map((f) => f.status)).toEqual(['unknown']);
    const byDefault = scanNestings(CHILD, modes('Active', '!Ref Given'), defaultHeader('PassThrough'));
    expect(found(byDefault).map((f) => f.status)).toEqual(['unknown']);
  });
});
