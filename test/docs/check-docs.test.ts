import { describe, expect, it } from 'vitest';
import type { Check } from '../../src/checks/define.js';
import { ALL_CHECKS } from '../../src/checks/index.js';
import { checkDocFiles, checkMarkdown } from '../../src/docs/check-docs.js';

const byId = (id: string): Check => {
  const check = ALL_CHECKS.find((c) => c.id === id);
  if (!check) throw new Error(`no check ${id}`);
  return check;
};

describe('check docs: options', () => {
  it('shows a parapet.yaml snippet with each option at its default, then what each takes', () => {
    const text = checkMarkdown(byId('lambda.runtime-deprecation-soon'));
    expect(text).toContain(
      '## Options\n\nSet in `parapet.yaml` (shown with their defaults); an option or value not described here is a configuration error.\n\n' +
        '```yaml\nchecks:\n  options:\n    lambda.runtime-deprecation-soon:\n      warnDays: 180\n```\n',
    );
    expect(text).toContain(
      "- `warnDays`: How many days before a runtime's deprecation date the check starts failing, counted from " +
        'the scan date. Takes a whole number of days, at least 1. Default: `180`.',
    );
    // Before the references, after the compliance table.
    expect(text.indexOf('## Options')).toBeGreaterThan(text.indexOf('## Compliance'));
    expect(text.indexOf('## Options')).toBeLessThan(text.indexOf('## References'));
  });

  it('spells a list default and a boolean default as YAML, and lists the allowed values', () => {
    const alarm = checkMarkdown(byId('lambda.no-error-alarm'));
    expect(alarm).toContain('      metrics: [Errors, Throttles]\n');
    expect(alarm).toContain('Takes a non-empty list, each one of Invocations, Errors, DeadLetterErrors,');
    expect(alarm).toContain('Default: `[Errors, Throttles]`.');
    const vpc = checkMarkdown(byId('lambda.function-not-in-vpc'));
    expect(vpc).toContain('      requireVpc: true\n');
    expect(vpc).toContain('Takes true or false. Default: `true`.');
  });

  it('has no options section for a check without options', () => {
    expect(checkMarkdown(byId('lambda.function-url-auth-none'))).not.toContain('## Options');
  });

  it('puts the options in the generated docs/checks files', () => {
    const files = checkDocFiles(ALL_CHECKS);
    expect(files.get('lambda.no-error-alarm.md')).toContain('## Options');
    expect(files.get('lambda.tracing-not-active.md')).not.toContain('## Options');
  });
});

describe('check docs: remediation snippets', () => {
  it('shows the AWS CDK snippet in a ts fence, after CloudFormation / SAM and before the AWS CLI and Terraform', () => {
    const text = checkMarkdown(byId('lambda.tracing-not-active'));
    expect(text).toContain(
      "AWS CDK (TypeScript):\n\n```ts\nimport * as lambda from 'aws-cdk-lib/aws-lambda';\n",
    );
    expect(text).toContain('  tracing: lambda.Tracing.ACTIVE,');
    const order = ['CloudFormation / SAM:', 'AWS CDK (TypeScript):', 'AWS CLI:', 'Terraform:'].map((label) =>
      text.indexOf(label),
    );
    expect(order.every((at) => at >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
  });

  it('leaves the CDK section out for a check without a CDK snippet', () => {
    const { cdk: _cdk, ...remediation } = byId('lambda.tracing-not-active').remediation;
    const text = checkMarkdown({ ...byId('lambda.tracing-not-active'), remediation });
    expect(text).not.toContain('AWS CDK');
    expect(text).not.toContain('```ts');
    expect(text).toContain('CloudFormation / SAM:');
  });
});
