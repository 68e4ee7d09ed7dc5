import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import check from '../../../src/checks/lambda/env-plaintext-secret.js';
import { EMPTY_CONFIG } from '../../../src/config/types.js';
import { isInvalid } from '../../../src/model/values.js';
import { scan } from '../../../src/scan.js';
import { scanTemplate, template } from '../../helpers/scan-template.js';
import { lambdaFunction, samFunction, samTemplate } from '../../helpers/templates.js';

const REFUSED =
  'is an {{resolve:ssm-secure:…}} dynamic reference, which CloudFormation resolves only in the properties ' +
  'its user guide lists for secure strings (Lambda environment variables are not among them): it rejects ' +
  'the template. Pass the parameter name and have the function read it at run time.';

const env = (lines: string) => `      Environment:\n        Variables:\n${lines}`;

describe('{{resolve:ssm-secure}} in a Lambda environment variable', () => {
  it('is a template error at the value, and the variable is invalid to the checks', () => {
    const text = template(
      lambdaFunction(
        'Fn',
        env("          STAGE: prod\n          DB_PASSWORD: '{{resolve:ssm-secure:/prod/db/password}}'\n"),
      ),
    );
    const scan = scanTemplate(text, check);
    const line = text.split('\n').findIndex((l) => l.includes('DB_PASSWORD:')) + 1;
    expect(scan.errors).toEqual([
      expect.objectContaining({
        kind: 'template',
        message: `Environment.Variables.DB_PASSWORD of Fn ${REFUSED}`,
        resource: 'Fn',
        line,
      }),
    ]);
    const fn = [...scan.inventory.all()].find((r) => r.kind === 'lambda.function');
    const variables = fn && 'environment' in fn && Array.isArray(fn.environment) ? fn.environment : [];
    expect(variables.map((v: { value: unknown }) => isInvalid(v.value))).toEqual([false, true]);
    expect(scan.failed).toEqual([]);
  });

  it('is one also inside !Sub', () => {
    const { errors } = scanTemplate(
      template(
        lambdaFunction('Fn', env("          PW: !Sub '{{resolve:ssm-secure:/${AWS::StackName}/pw}}'\n")),
      ),
      check,
    );
    expect(errors.map((e) => e.message)).toEqual([`Environment.Variables.PW of Fn ${REFUSED}`]);
  });

  it('points at the line written, in a SAM function and in its Globals (once for all functions)', () => {
    const text = samTemplate(
      samFunction('A', env("          OWN: '{{resolve:ssm-secure:/a}}'\n")) +
        samFunction('B', env('          PLAIN: x\n')),
      "Globals:\n  Function:\n    Environment:\n      Variables:\n        SHARED: '{{resolve:ssm-secure:/s}}'\n",
    );
    const lines = text.split('\n');
    const lineOf = (key: string) => lines.findIndex((l) => l.trimStart().startsWith(`${key}:`)) + 1;
    const { errors } = scanTemplate(text, check);
    expect(errors.map((e) => [e.message, e.line])).toEqual(
      expect.arrayContaining([
        [`Environment.Variables.SHARED in Globals ${REFUSED}`, lineOf('SHARED')],
        [`Environment.Variables.OWN of A ${REFUSED}`, lineOf('OWN')],
      ]),
    );
    expect(errors).toHaveLength(2);
  });

  it('says when it happens, where an Fn::If takes it only in some cases', () => {
    const conditions =
      'Parameters:\n  Env: { Type: String, Default: dev, AllowedValues: [dev, prod] }\n  Stage: { Type: String }\n' +
      'Conditions:\n  IsProd: !Equals [!Ref Env, prod]\n  IsBlue: !Equals [!Ref Stage, blue]\n';
    const dir = mkdtempSync(join(tmpdir(), 'parapet-ssm-secure-'));
    const file = join(dir, 'template.yaml');
    const pw = "          PW: !If [IsProd, '{{resolve:ssm-secure:/prod/pw}}', none]\n";
    const key = "          KEY: !If [IsBlue, '{{resolve:ssm-secure:/blue/key}}', none]\n";
    writeFileSync(file, template(lambdaFunction('Fn', env(pw + key)), conditions));
    // Each case of the conditions is built (engine/condition-cases.ts): the error is found in some only.
    const { errors } = scan([file], {
      checks: [check],
      config: EMPTY_CONFIG,
      cwd: dir,
      scanDate: new Date(),
    });
    expect(errors.map((e) => e.message).sort()).toEqual([
      `Environment.Variables.KEY of Fn ${REFUSED} Only when condition IsBlue holds.`,
      `Environment.Variables.PW of Fn ${REFUSED} Only when condition IsProd holds (Env=prod, not its default dev).`,
    ]);
  });

  it('is no error for {{resolve:ssm}} or {{resolve:secretsmanager}}, which Lambda takes', () => {
    const { errors } = scanTemplate(
      template(
        lambdaFunction(
          'Fn',
          env(
            "          URL: '{{resolve:ssm:/prod/api-url}}'\n" +
              "          PW: '{{resolve:secretsmanager:prod/db:SecretString:password}}'\n",
          ),
        ),
      ),
      check,
    );
    expect(errors).toEqual([]);
  });
});
