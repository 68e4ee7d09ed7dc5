import { describe, expect, it } from 'vitest';
import { ALL_CHECKS } from '../../src/checks/index.js';

/** Every module a snippet imports from (`import ... from '<module>'`). */
function importedModules(snippet: string): string[] {
  return [...snippet.matchAll(/^import\b[^;]*?\bfrom\s+'([^']+)';/gm)].map((m) => m[1] as string);
}

describe('AWS CDK remediation snippets', () => {
  it('every check has one', () => {
    const missing = ALL_CHECKS.filter((c) => !c.remediation.cdk?.trim()).map((c) => c.id);
    expect(missing).toEqual([]);
  });

  it('import only from aws-cdk-lib v2 (no v1 @aws-cdk/* package, no alpha module, no other library)', () => {
    for (const check of ALL_CHECKS) {
      const snippet = check.remediation.cdk ?? '';
      const modules = importedModules(snippet);
      expect(modules.length, check.id).toBeGreaterThan(0);
      for (const module of modules) expect(module, check.id).toMatch(/^aws-cdk-lib(\/aws-[a-z0-9-]+)?$/);
      // Every import line is one the pattern above read (no `require`, no import it could not parse).
      const importLines = snippet.split('\n').filter((line) => /^\s*import\b|\brequire\(/.test(line));
      expect(importLines.length, check.id).toBe(modules.length);
    }
  });

  it('are short, with the imports first and a blank line after them', () => {
    for (const check of ALL_CHECKS) {
      const lines = (check.remediation.cdk ?? '').trimEnd().split('\n');
      expect(lines.length, check.id).toBeLessThanOrEqual(16);
      const firstOther = lines.findIndex((line) => !line.startsWith('import '));
      expect(lines[firstOther], check.id).toBe('');
      expect(
        lines.slice(firstOther).some((line) => line.startsWith('import ')),
        check.id,
      ).toBe(false);
    }
  });
});
