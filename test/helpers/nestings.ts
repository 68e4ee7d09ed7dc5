import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Config } from '../../src/config/config.js';
import { scanCdkOut } from './cdk-out.js';

/** One `AWS::CloudFormation::Stack` of child.yaml: the parameters it gives (name → YAML value), its condition. */
export interface Nesting {
  readonly parameters: Readonly<Record<string, string>>;
  readonly condition?: string;
}

/** A parent's Parameters and Conditions making a nesting conditional (`condition: 'IsOld'`): not surely made. */
export const MAYBE_MADE_HEADER =
  'Parameters:\n  Env: { Type: String }\nConditions:\n  IsOld: !Equals [!Ref Env, old]\n';

/** A parent's parameter Given, with default `value`: a nesting giving `!Ref Given` gives a default. */
export function defaultHeader(value: string): string {
  return `Parameters:\n  Given:\n    Type: String\n    Default: '${value}'\n`;
}

/** parent.yaml: nested stack `Copy<n>` of ./child.yaml for each nesting, after `header` (Parameters, Conditions). */
export function nestingParent(nestings: readonly Nesting[], header = ''): string {
  const stacks = nestings.map((nesting, index) => {
    const given = Object.entries(nesting.parameters).map(([name, value]) => `        ${name}: ${value}\n`);
    const condition = nesting.condition === undefined ? '' : `    Condition: ${nesting.condition}\n`;
    return `  Copy${index + 1}:\n    Type: AWS::CloudFormation::Stack\n${condition}    Properties:\n      TemplateURL: ./child.yaml\n      Parameters:\n${given.join('')}`;
  });
  return `AWSTemplateFormatVersion: '2010-09-09'\n${header}Resources:\n${stacks.join('')}`;
}

/**
 * Scans a folder of child.yaml (`child`) nested by parent.yaml once per nesting, as `parapet scan` does with every
 * check (`config` for trustedAccounts and the like): a template nested more than once, each nesting giving its parameters. `of` picks one check's results.
 */
export function scanNestings(child: string, nestings: readonly Nesting[], header = '', config?: Config) {
  const dir = mkdtempSync(join(tmpdir(), 'parapet-nestings-'));
  writeFileSync(join(dir, 'child.yaml'), child);
  writeFileSync(join(dir, 'parent.yaml'), nestingParent(nestings, header));
  return scanCdkOut(dir, [dir], undefined, config);
}
