import { type Check, type CheckOption, describeOptionType, type Framework } from '../checks/define.js';

export const FRAMEWORK_NAMES: Record<Framework, string> = {
  'nist-800-53-r5': 'NIST SP 800-53 Rev. 5',
  'pci-dss-4.0': 'PCI DSS 4.0',
  hipaa: 'HIPAA Security Rule',
  soc2: 'SOC 2',
  'aws-fsbp': 'AWS Foundational Security Best Practices',
  'cis-aws-3.0': 'CIS AWS Foundations Benchmark 3.0',
  gdpr: 'GDPR',
};

/** The full description of one check, as Markdown (docs/checks/<id>.md and `parapet checks <id>`). */
export function checkMarkdown(check: Check): string {
  const lines = [
    `# ${check.id}`,
    '',
    `**${check.title}**`,
    '',
    `- Severity: ${check.severity}`,
    `- Resource: \`${check.resource}\``,
    `- Enabled by default: ${check.enabledByDefault === false ? 'no (enable it in parapet.yaml)' : 'yes'}`,
    '',
    '## Description',
    '',
    check.description,
    '',
    '## Risk',
    '',
    check.risk,
    '',
    '## Remediation',
    '',
    check.remediation.text,
  ];
  if (check.remediation.cloudformation)
    lines.push('', 'CloudFormation / SAM:', '', '```yaml', check.remediation.cloudformation.trimEnd(), '```');
  if (check.remediation.cdk)
    lines.push('', 'AWS CDK (TypeScript):', '', '```ts', check.remediation.cdk.trimEnd(), '```');
  if (check.remediation.cli) lines.push('', 'AWS CLI:', '', '```sh', check.remediation.cli.trimEnd(), '```');
  if (check.remediation.terraform)
    lines.push('', 'Terraform:', '', '```hcl', check.remediation.terraform.trimEnd(), '```');
  const mappings = Object.entries(check.compliance) as [Framework, readonly string[]][];
  if (mappings.length > 0) {
    lines.push('', '## Compliance', '', '| Framework | Controls |', '| --- | --- |');
    for (const [framework, controls] of mappings)
      lines.push(`| ${FRAMEWORK_NAMES[framework]} | ${controls.join(', ')} |`);
  }
  lines.push(...optionsSection(check));
  if (check.references && check.references.length > 0) {
    lines.push('', '## References', '', ...check.references.map((r) => `- ${r}`));
  }
  return `${lines.join('\n')}\n`;
}

/** The options a check declares: a parapet.yaml snippet with their defaults, then each one explained. */
function optionsSection(check: Check): string[] {
  const options = Object.entries(check.options ?? {});
  if (options.length === 0) return [];
  return [
    '',
    '## Options',
    '',
    'Set in `parapet.yaml` (shown with their defaults); an option or value not described here is a configuration error.',
    '',
    '```yaml',
    'checks:',
    '  options:',
    `    ${check.id}:`,
    ...options.map(([name, option]) => `      ${name}: ${yamlValue(option.default)}`),
    '```',
    '',
    ...options.map(
      ([name, option]) =>
        `- \`${name}\`: ${option.description} Takes ${describeOptionType(option)}. Default: \`${yamlValue(option.default)}\`.`,
    ),
  ];
}

/** A default as parapet.yaml would spell it: `180`, `true`, `[Errors, Throttles]`. */
function yamlValue(value: CheckOption['default']): string {
  return Array.isArray(value) ? `[${value.join(', ')}]` : String(value);
}

/** docs/checks/README.md: every check in one table. */
export function checksIndexMarkdown(checks: readonly Check[]): string {
  const rows = [...checks]
    .sort((a, b) => (a.id < b.id ? -1 : 1))
    .map(
      (c) =>
        `| [${c.id}](${c.id}.md) | ${c.severity} | ${c.title} | ${c.enabledByDefault === false ? 'no' : 'yes'} |`,
    );
  return [
    '# Checks',
    '',
    "Generated from the checks' metadata by `npm run docs`; a test fails when this folder is stale.",
    '',
    '| Id | Severity | Title | On by default |',
    '| --- | --- | --- | --- |',
    ...rows,
    '',
  ].join('\n');
}

/** Every file of docs/checks, by name. */
export function checkDocFiles(checks: readonly Check[]): Map<string, string> {
  const files = new Map<string, string>([['README.md', checksIndexMarkdown(checks)]]);
  for (const check of checks) files.set(`${check.id}.md`, checkMarkdown(check));
  return files;
}
