import { describe, expect, it } from 'vitest';
import { ALL_CHECKS } from '../../src/checks/index.js';
import { describeCheck } from '../../src/cli/checks.js';
import { checkMarkdown } from '../../src/docs/check-docs.js';
import { markdownAsText } from '../../src/docs/markdown-text.js';

const ESC = '\u001b';
const check = (id: string) => {
  const found = ALL_CHECKS.find((c) => c.id === id);
  if (!found) throw new Error(`no check ${id}`);
  return found;
};

describe('markdownAsText', () => {
  it('wraps paragraphs and list items to the width, list items under their dash', () => {
    const text = markdownAsText(`${'word '.repeat(30).trim()}\n\n- ${'item '.repeat(20).trim()}\n`, {
      color: false,
      width: 40,
    });
    const lines = text.trimEnd().split('\n');
    expect(Math.max(...lines.map((line) => line.length))).toBeLessThanOrEqual(40);
    expect(lines[0]).toBe('word word word word word word word word');
    expect(lines).toContain('  - item item item item item item item');
    expect(lines.at(-1)).toMatch(/^ {4}item/);
  });

  it('keeps a code span whole across a wrap, and its backticks without colour', () => {
    const text = markdownAsText(`${'x'.repeat(30)} \`Resource: "*"\` end\n`, { color: false, width: 40 });
    expect(text).toBe(`${'x'.repeat(30)}\n\`Resource: "*"\` end\n`);
  });

  it('paints code cyan without backticks, and headings bold, with colour', () => {
    const text = markdownAsText('# an.id\n\n## Risk\n\nSet `AuthType` now.\n', { color: true, width: 80 });
    expect(text).toBe(
      `${ESC}[1man.id${ESC}[0m\n\n${ESC}[1mRISK${ESC}[0m\n\nSet ${ESC}[36mAuthType${ESC}[0m now.\n`,
    );
  });

  it('counts only the printed characters of a painted word toward the width', () => {
    const words = Array.from({ length: 8 }, () => '`abcd`').join(' ');
    // Eight words of four letters and seven spaces: 39 columns, one line, though the colour codes are longer.
    expect(markdownAsText(`${words}\n`, { color: true, width: 40 }).trimEnd().split('\n')).toHaveLength(1);
  });

  it('indents fenced code without wrapping it, and drops the fences', () => {
    const long = `aws lambda update-function-url-config --function-name ${'n'.repeat(60)}`;
    const text = markdownAsText(`AWS CLI:\n\n\`\`\`sh\n${long}\n\`\`\`\n`, { color: false, width: 40 });
    expect(text).toBe(`AWS CLI:\n\n    ${long}\n`);
  });

  it('sets a pipe table in columns, without the separator row', () => {
    const text = markdownAsText('| Framework | Controls |\n| --- | --- |\n| SOC 2 | CC6.1, CC6.6 |\n', {
      color: false,
      width: 80,
    });
    expect(text).toBe('  Framework   Controls\n  SOC 2       CC6.1, CC6.6\n');
  });
});

describe('parapet checks <id>: the description', () => {
  const urlCheck = check('lambda.function-url-auth-none');

  it('is the Markdown of docs/checks when piped', () => {
    expect(describeCheck(urlCheck, { terminal: false })).toBe(checkMarkdown(urlCheck));
  });

  it('is text on a terminal: no Markdown marks, the title and every section kept', () => {
    const text = describeCheck(urlCheck, { terminal: true, columns: 100 }, { NO_COLOR: '1' });
    expect(text).not.toMatch(/^#|\*\*|```|\| ---/m);
    for (const part of [
      'Lambda function URL allows unauthenticated invocation',
      'DESCRIPTION',
      'REMEDIATION',
    ])
      expect(text).toContain(part);
    expect(text).toContain(
      '    aws lambda update-function-url-config --function-name <name> --auth-type AWS_IAM',
    );
    expect(Math.max(...text.split('\n').map((line) => line.length))).toBeLessThanOrEqual(100);
  });

  it('is coloured on a terminal unless NO_COLOR says not to', () => {
    expect(describeCheck(urlCheck, { terminal: true }, {})).toContain(`${ESC}[1m`);
    expect(describeCheck(urlCheck, { terminal: true }, { NO_COLOR: '1' })).not.toContain(ESC);
    // --no-color and --color decide over the environment.
    expect(describeCheck(urlCheck, { terminal: true, color: false }, {})).not.toContain(ESC);
    expect(describeCheck(urlCheck, { terminal: true, color: true }, { NO_COLOR: '1' })).toContain(
      `${ESC}[1m`,
    );
  });
});
