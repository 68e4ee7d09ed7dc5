import { describe, expect, it } from 'vitest';
import check from '../../../src/checks/lambda/no-reserved-concurrency.js';
import { scanTemplate, template } from '../../helpers/scan-template.js';
import { lambdaFunction, samFunction, samTemplate } from '../../helpers/templates.js';

const fn = (extraProps = '') => lambdaFunction('Fn', extraProps);

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
    const sam = samTemplate(samFunction('Fn', '      ReservedConcurrentExecutions: 10\n'));
    const { failed, passed } = scanTemplate(sam, check);
    expect(failed).toEqual([]);
    expect(passed[0]?.resource.id).toBe('Fn');
  });
});
