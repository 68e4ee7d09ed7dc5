import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ALL_CHECKS } from '../src/checks/index.js';
import { EMPTY_CONFIG } from '../src/config/config.js';
import { scan } from '../src/scan.js';
import { roleWithStatement } from './helpers/templates.js';

// A template error found in a resource with a Condition is of the deploys where that Condition holds: one the
// parameters' defaults leave out is read as the deploy that creates it would, but an error there is not of the
// defaults' case, and the message names the resource's Condition rather than another.

function scanText(text: string) {
  const dir = mkdtempSync(join(tmpdir(), 'parapet-condition-errors-'));
  writeFileSync(join(dir, 'template.yaml'), text);
  return scan([dir], {
    checks: ALL_CHECKS.filter((c) => c.id === 'lambda.runtime-deprecated'),
    config: EMPTY_CONFIG,
    scanDate: new Date('2026-11-25'),
    cwd: dir,
  });
}

/** A role made only when UseShared holds, whose policy selects out of range of a list written in the template. */
const SHARED_ROLE = roleWithStatement({
  id: 'SharedRole',
  condition: 'UseShared',
  policy: 'read',
  action: 'secretsmanager:GetSecretValue',
  resource: '!Select [2, [a, b]]',
});

const fn = (role: string, environment = '') => `  Fn:
    Type: AWS::Lambda::Function
    Properties:
      Runtime: python3.13
      Handler: index.handler
      Role: ${role}
      Code: { ZipFile: "def handler(e, c): return 1" }
${environment}`;

const OUTSIDE = 'arn:aws:iam::123456789012:role/a';

const messages = (result: ReturnType<typeof scanText>) => result.errors.map((e) => e.message);

describe('a template error in a resource with a Condition', () => {
  it('that the defaults leave out is of the deploys where its Condition holds only', () => {
    const result = scanText(`AWSTemplateFormatVersion: "2010-09-09"
Parameters:
  Mode: { Type: String, Default: own, AllowedValues: [own, shared] }
Conditions:
  UseShared: !Equals [!Ref Mode, shared]
Resources:
${SHARED_ROLE}${fn(`!If [UseShared, !GetAtt SharedRole.Arn, ${OUTSIDE}]`)}`);
    expect(messages(result)).toEqual([
      'malformed Fn::Select: index out of range. Only when condition UseShared holds (Mode=shared, not its default own).',
    ]);
  });

  it('names its own Condition, not another the same parameter decides', () => {
    const result = scanText(`AWSTemplateFormatVersion: "2010-09-09"
Parameters:
  Mode: { Type: String, Default: own, AllowedValues: [own, shared, key] }
Conditions:
  UseShared: !Equals [!Ref Mode, shared]
  CreateKey: !Equals [!Ref Mode, key]
Resources:
${SHARED_ROLE}${fn(`!If [UseShared, !GetAtt SharedRole.Arn, !If [CreateKey, ${OUTSIDE}, ${OUTSIDE}b]]`)}`);
    expect(messages(result)).toEqual([
      'malformed Fn::Select: index out of range. Only when condition UseShared holds (Mode=shared, not its default own).',
    ]);
  });

  it('whose Condition is left unexplored (over the limits) still says it', () => {
    // Six conditions named before UseShared take the cases Parapet explores; UseShared is checked with its default.
    const others = ['A', 'B', 'C', 'D', 'E', 'F'];
    const result = scanText(`AWSTemplateFormatVersion: "2010-09-09"
Parameters:
  Mode: { Type: String, Default: own, AllowedValues: [own, shared] }
${others.map((p) => `  P${p}: { Type: String, Default: x }`).join('\n')}
Conditions:
  UseShared: !Equals [!Ref Mode, shared]
${others.map((p) => `  ${p}Set: !Equals [!Ref P${p}, y]`).join('\n')}
Resources:
${SHARED_ROLE}${fn(
  OUTSIDE,
  `      Environment:
        Variables:
${others.map((p) => `          ${p}: !If [${p}Set, "1", "0"]`).join('\n')}
`,
)}`);
    expect(result.warnings.join('\n')).toContain('condition UseShared is decided by parameter defaults');
    expect(messages(result)).toEqual([
      'malformed Fn::Select: index out of range. Only when condition UseShared holds (Mode=shared, not its default own).',
    ]);
  });
});
