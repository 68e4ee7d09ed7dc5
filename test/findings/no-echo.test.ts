import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ALL_CHECKS } from '../../src/checks/index.js';
import { EMPTY_CONFIG } from '../../src/config/types.js';
import { hideValues, noEchoValues } from '../../src/findings/no-echo.js';
import { toJson } from '../../src/report/json.js';
import { toSarif } from '../../src/report/sarif.js';
import { toText } from '../../src/report/text.js';
import { scan } from '../../src/scan.js';

const LAYER = 'arn:aws:lambda:eu-west-1:555566667777:layer:zzfakelayer:1';
const ACCOUNT = '999988887777';

// NoEcho values used where checks quote what they resolve: a layer ARN, a principal, a runtime.
const TEMPLATE = `AWSTemplateFormatVersion: '2010-09-09'
Parameters:
  LayerSecret: { Type: String, NoEcho: true, Default: '${LAYER}' }
  AcctSecret: { Type: String, NoEcho: true, Default: '${ACCOUNT}' }
  RtSecret: { Type: String, NoEcho: true, Default: python3.8 }
Resources:
  Fn:
    Type: AWS::Lambda::Function
    Properties:
      Runtime: !Ref RtSecret
      Handler: app.handler
      Role: arn:aws:iam::123456789012:role/r
      Code: { ZipFile: 'x' }
      Layers: [!Ref LayerSecret]
  Invoke:
    Type: AWS::Lambda::Permission
    Properties:
      FunctionName: !Ref Fn
      Action: lambda:InvokeFunction
      Principal: !Ref AcctSecret
`;

/** Scans `text` as one template (every check, passes kept) and renders the result in all three formats. */
function scanAndRender(text: string): { result: ReturnType<typeof scan>; reports: string } {
  const dir = mkdtempSync(join(tmpdir(), 'parapet-noecho-'));
  writeFileSync(join(dir, 'template.yaml'), text);
  const result = scan([dir], {
    checks: ALL_CHECKS,
    config: EMPTY_CONFIG,
    scanDate: new Date('2026-11-25T00:00:00Z'),
    cwd: dir,
    includePassed: true,
  });
  return {
    result,
    reports: [toJson(result), toSarif(result, ALL_CHECKS), toText(result, { color: false })].join('\n'),
  };
}

describe('NoEcho values in reports', () => {
  const dir = mkdtempSync(join(tmpdir(), 'parapet-noecho-'));
  const file = join(dir, 'template.yaml');
  writeFileSync(file, TEMPLATE);
  const options = { checks: ALL_CHECKS, config: EMPTY_CONFIG, scanDate: new Date('2026-11-25T00:00:00Z') };

  it('shows no NoEcho value in any format, passes included, and names the parameter instead', () => {
    for (const given of [undefined, { AcctSecret: '111122223333' }]) {
      const result = scan([file], {
        ...options,
        includePassed: true,
        cwd: dir,
        ...(given ? { parameters: given } : {}),
      });
      const reports = [toJson(result), toSarif(result, ALL_CHECKS), toText(result, { color: false })].join(
        '\n',
      );
      for (const secret of [LAYER, '555566667777', ACCOUNT, '111122223333', 'python3.8'])
        expect(reports).not.toContain(secret);
      // Known only to conditions, a NoEcho value is not read by checks (what they would make of it could tell it):
      // the findings on it are there, unknown, and name the parameter.
      expect(reports).toContain('from parameter LayerSecret, which is NoEcho (value not shown)');
      expect(
        result.findings.some((f) => f.checkId === 'lambda.layer-untrusted-account' && f.status === 'unknown'),
      ).toBe(true);
      expect(
        result.findings.some((f) => f.checkId === 'lambda.runtime-deprecated' && f.status === 'unknown'),
      ).toBe(true);
    }
  });
});

describe('a NoEcho role ARN (an execution role outside the template, known by its ARN)', () => {
  it('shows in no format, not even as the id of the role the finding is on', () => {
    const role = 'arn:aws:iam::123456789012:role/Sup3rS3cretRoleXYZ';
    const { result, reports } = scanAndRender(
      `AWSTemplateFormatVersion: '2010-09-09'
Parameters:
  RoleArn: { Type: String, NoEcho: true, Default: '${role}' }
Resources:
  Fn:
    Type: AWS::Lambda::Function
    Properties: { Runtime: python3.12, Handler: a.b, Code: { ZipFile: x }, Role: !Ref RoleArn }
`,
    );
    expect(reports).not.toContain('Sup3rS3cret');
    expect(result.findings.some((f) => f.resource.id === '${RoleArn}')).toBe(true);
  });
});

describe('NoEcho values in fingerprints', () => {
  it('are hidden before hashing: the fingerprint does not change with the secret', () => {
    const fingerprints = [
      'arn:aws:lambda:eu-west-1:555566667777:layer:a:1',
      'arn:aws:lambda:eu-west-1:444455556666:layer:b:2',
    ].map((layer) => {
      const dir = mkdtempSync(join(tmpdir(), 'parapet-noecho-fp-'));
      const file = join(dir, 'template.yaml');
      writeFileSync(file, TEMPLATE.replace(LAYER, layer));
      const result = scan([file], {
        checks: ALL_CHECKS,
        config: EMPTY_CONFIG,
        scanDate: new Date('2026-11-25T00:00:00Z'),
        cwd: dir,
      });
      return result.findings.find((f) => f.checkId === 'lambda.layer-untrusted-account')?.fingerprint;
    });
    expect(fingerprints[0]).toBeDefined();
    expect(fingerprints[0]).toBe(fingerprints[1]);
  });
});

describe('hideValues', () => {
  const hidden = noEchoValues(
    {
      Long: { NoEcho: true, Default: 'Sup3rS3cret' },
      Short: { NoEcho: 'true', Default: 'dev' },
      Open: { Default: 'x' },
    },
    undefined,
  );

  it('takes only NoEcho parameters with a value, -p values over defaults', () => {
    expect(hidden.map((h) => h.name)).toEqual(['Long', 'Short']);
    expect(noEchoValues({ P: { NoEcho: true, Default: 'a' } }, { P: 'given' })).toEqual([
      { name: 'P', value: 'given' },
    ]);
  });

  it('takes the Default of a parameter named like an object method when no -p gives it', () => {
    expect(noEchoValues({ toString: { NoEcho: true, Default: 'Sup3rS3cret' } }, {})).toEqual([
      { name: 'toString', value: 'Sup3rS3cret' },
    ]);
  });

  it('hides the parts a check may quote alone: the account id of a NoEcho ARN', () => {
    const arn = noEchoValues(
      { L: { NoEcho: true, Default: 'arn:aws:lambda:eu-west-1:555566667777:layer:x:1' } },
      {},
    );
    expect(hideValues('published by account 555566667777 in lambda', arn)).toBe(
      'published by account (part of NoEcho parameter L) in lambda',
    );
  });

  it('replaces long values anywhere and short ones only as whole words', () => {
    expect(hideValues('postgres://u:Sup3rS3cret@host, stage dev, device', hidden)).toBe(
      'postgres://u:(NoEcho parameter Long)@host, stage (NoEcho parameter Short), device',
    );
  });
});

describe('what checks would make of a NoEcho value', () => {
  it('is never shown: a suggestion, a service name, a mapping key in why a condition is open', () => {
    const { reports } = scanAndRender(
      `AWSTemplateFormatVersion: '2010-09-09'
Parameters:
  Rt: { Type: String, NoEcho: true, Default: 'python3.7zq' }
  Prin: { Type: String, NoEcho: true, Default: zqxsvc.amazonaws.com }
  Key: { Type: String, NoEcho: true, Default: zqxmapkey }
Mappings:
  M: { a: { K: x } }
Conditions:
  C: !Equals [!FindInMap [M, a, !Ref Key], x]
Resources:
  Fn:
    Type: AWS::Lambda::Function
    Properties:
      Runtime: !Ref Rt
      Handler: a.b
      Role: arn:aws:iam::123456789012:role/r
      Code: { ZipFile: x }
      MemorySize: !If [C, 128, 256]
  Perm:
    Type: AWS::Lambda::Permission
    Properties: { Action: lambda:InvokeFunction, FunctionName: !Ref Fn, Principal: !Ref Prin }
`,
    );
    for (const part of ['python3.7', 'zqxsvc', 'zqxmapkey']) expect(reports).not.toContain(part);
  });
});
