import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EMPTY_CONFIG } from '../../../src/config/config.js';
import { scan } from '../../../src/scan.js';
import { template } from '../../helpers/scan-template.js';
import { lambdaFunction, samFunction, samTemplate } from '../../helpers/templates.js';

/** Scans `text` as a template.yaml of its own, with no checks: its scan errors, as line and message. */
function errorsOf(text: string): [number | undefined, string][] {
  const dir = mkdtempSync(join(tmpdir(), 'parapet-reserved-env-'));
  const file = join(dir, 'template.yaml');
  writeFileSync(file, text);
  const result = scan([file], {
    checks: [],
    config: EMPTY_CONFIG,
    cwd: dir,
    scanDate: new Date('2026-11-25'),
  });
  return result.errors.map((e) => [e.line, e.message]);
}

const env = (lines: string) => `      Environment:\n        Variables:\n${lines}`;
const lineOf = (text: string, key: string) =>
  text.split('\n').findIndex((l) => l.trimStart().startsWith(`${key}:`)) + 1;

/** The end of the error, after `Environment.Variables.<KEY> of <Fn>` (or `in Globals`). */
const RESERVED =
  `is a key Lambda reserves for its runtime (Lambda developer guide, "Defined runtime environment variables"): ` +
  `Lambda rejects the function ("reserved keys that are currently not supported for modification") and the ` +
  'stack fails to deploy; remove it (Lambda sets it)';

describe('a reserved key in a Lambda environment', () => {
  it('is a template error at the key, for AWS::Lambda::Function', () => {
    const text = template(
      lambdaFunction('Fn', env('          STAGE: prod\n          AWS_REGION: us-east-1\n')),
    );
    expect(errorsOf(text)).toEqual([
      [lineOf(text, 'AWS_REGION'), `Environment.Variables.AWS_REGION of Fn ${RESERVED}`],
    ]);
  });

  it.each(['_X_AMZN_TRACE_ID', 'AWS_ACCESS_KEY', 'LAMBDA_TASK_ROOT', 'AWS_LAMBDA_METADATA_TOKEN'])(
    'is one for %s, reserved too',
    (key) => {
      const text = template(lambdaFunction('Fn', env(`          ${key}: x\n`)));
      expect(errorsOf(text)).toEqual([[lineOf(text, key), `Environment.Variables.${key} of Fn ${RESERVED}`]]);
    },
  );

  it('is one for a SAM function, and for SAM Globals once for all its functions', () => {
    const text = samTemplate(
      samFunction('A', env('          _HANDLER: app.other\n')) + samFunction('B'),
      'Globals:\n  Function:\n    Environment:\n      Variables:\n        AWS_LAMBDA_FUNCTION_NAME: x\n',
    );
    expect(errorsOf(text).sort()).toEqual(
      [
        [
          lineOf(text, 'AWS_LAMBDA_FUNCTION_NAME'),
          `Environment.Variables.AWS_LAMBDA_FUNCTION_NAME in Globals ${RESERVED}`,
        ],
        [lineOf(text, '_HANDLER'), `Environment.Variables._HANDLER of A ${RESERVED}`],
      ].sort(),
    );
  });

  it('is none for keys Lambda lets a function set, however close to a reserved one', () => {
    const text = template(
      lambdaFunction(
        'Fn',
        env(
          // Unreserved ones the guide lists (TZ was reserved once, no longer), one of the AWS_LAMBDA_ that a
          // function sets (a wrapper script), and names near reserved ones.
          '          TZ: Europe/Paris\n          LANG: C.UTF-8\n          AWS_LAMBDA_EXEC_WRAPPER: /opt/wrapper\n' +
            '          AWS_LAMBDA_DOTNET_PREJIT: always\n          NODE_OPTIONS: --enable-source-maps\n' +
            '          AWS_REGION_NAME: eu-west-1\n          aws_region: eu-west-1\n          REGION: eu-west-1\n',
        ),
      ),
    );
    expect(errorsOf(text)).toEqual([]);
  });

  it('says when it happens, where an Fn::If leaves the key out in some deploys', () => {
    const text = template(
      lambdaFunction(
        'Fn',
        env("          AWS_DEFAULT_REGION: !If [IsBlue, eu-west-1, !Ref 'AWS::NoValue']\n"),
      ),
      'Parameters:\n  Stage: { Type: String }\nConditions:\n  IsBlue: !Equals [!Ref Stage, blue]\n',
    );
    expect(errorsOf(text)).toEqual([
      [
        lineOf(text, 'AWS_DEFAULT_REGION'),
        `Environment.Variables.AWS_DEFAULT_REGION of Fn ${RESERVED}. Only when condition IsBlue holds.`,
      ],
    ]);
  });
});
