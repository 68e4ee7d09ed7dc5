import { describe, expect, it } from 'vitest';
import { buildTemplateInventory } from '../../../src/sources/cloudformation/template.js';
import { parseYaml } from '../../../src/sources/cloudformation/yaml.js';
import { lambdaFunction, samFunction, samTemplate } from '../../helpers/templates.js';

const PARAMETERS = `Parameters:
  CreateQueue: { Type: String, Default: 'no', AllowedValues: ['yes', 'no'] }
Conditions:
  MakeQueue: !Equals [!Ref CreateQueue, 'yes']
`;

const QUEUE = `  Dlq:
    Type: AWS::SQS::Queue
    Condition: MakeQueue
`;

function warningsOf(text: string, parameters?: Record<string, string>): string[] {
  const parsed = parseYaml(text, 't.yaml');
  const built = buildTemplateInventory(parsed.value as Record<string, unknown>, parsed.locator, {
    ...(parameters ? { parameters } : {}),
  });
  return built.warnings.map((w) => `${w.line}:${w.column} ${w.message}`);
}

const template = (resources: string) =>
  `AWSTemplateFormatVersion: '2010-09-09'\n${PARAMETERS}Resources:\n${resources}`;

const DLQ = '      DeadLetterConfig:\n        TargetArn: !GetAtt Dlq.Arn\n';

describe('a created resource naming one its condition leaves out', () => {
  it('is warned of where it names it, with the defaults that leave it out', () => {
    expect(warningsOf(template(QUEUE + lambdaFunction('Fn', DLQ)))).toEqual([
      "18:20 resource Fn names Dlq, which is created only when condition MakeQueue holds: with the parameters' defaults (CreateQueue=no) it is not, and CloudFormation refuses to deploy a template that names a resource it does not create (Unresolved resource dependencies [Dlq])",
    ]);
  });

  it('is warned of when the values given leave it out, and not when they create it', () => {
    const text = template(QUEUE + lambdaFunction('Fn', DLQ));
    expect(warningsOf(text, { CreateQueue: 'no' })).toEqual([
      '18:20 resource Fn names Dlq, which is not created: its condition MakeQueue is false; CloudFormation refuses to deploy a template that names a resource it does not create (Unresolved resource dependencies [Dlq])',
    ]);
    expect(warningsOf(text, { CreateQueue: 'yes' })).toEqual([]);
  });

  it('reads Sub names and DependsOn, and warns once per resource named', () => {
    const fn = lambdaFunction(
      'Fn',
      "      Environment:\n        Variables:\n          A: !Sub '${Dlq}'\n          B: !Ref Dlq\n",
    ).replace('    Properties:', '    DependsOn: [Dlq]\n    Properties:');
    const warnings = warningsOf(template(QUEUE + fn));
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/^12:17 resource Fn names Dlq/);
  });

  it('leaves alone what an Fn::If holds, a resource with the same condition, and a Sub variable of that name', () => {
    const guarded = lambdaFunction(
      'Guarded',
      '      DeadLetterConfig:\n        TargetArn: !If [MakeQueue, !GetAtt Dlq.Arn, !Ref AWS::NoValue]\n',
    );
    const same = lambdaFunction('Same', DLQ).replace(
      '    Properties:',
      '    Condition: MakeQueue\n    Properties:',
    );
    const variable = lambdaFunction(
      'Variable',
      "      Environment:\n        Variables:\n          A: !Sub ['${Dlq}', { Dlq: x }]\n",
    );
    expect(warningsOf(template(QUEUE + guarded + same + variable))).toEqual([]);
  });

  it('is warned of on the SAM resource the user wrote', () => {
    const text = samTemplate(
      QUEUE + samFunction('Fn', '      DeadLetterQueue: { Type: SQS, TargetArn: !GetAtt Dlq.Arn }\n'),
      PARAMETERS,
    );
    expect(warningsOf(text)).toEqual([
      expect.stringMatching(/resource Fn names Dlq, which is created only when/),
    ]);
  });

  it('is not looked for in a template without conditions', () => {
    expect(warningsOf(`Resources:\n${lambdaFunction('Fn', DLQ)}  Dlq:\n    Type: AWS::SQS::Queue\n`)).toEqual(
      [],
    );
  });
});

describe('an output without a condition naming a resource its condition leaves out', () => {
  it('is warned of too; one with the same condition is not', () => {
    const text =
      template(QUEUE) +
      `Outputs:
  DlqArn:
    Value: !GetAtt Dlq.Arn
  Guarded:
    Condition: MakeQueue
    Value: !GetAtt Dlq.Arn
`;
    expect(warningsOf(text)).toEqual([
      expect.stringMatching(
        /^12:12 output DlqArn names Dlq, which is created only when condition MakeQueue holds/,
      ),
    ]);
  });
});

describe('a resource that is not a mapping, beside one a condition leaves out', () => {
  it('is reported where the template is read, and the walk passes over it', () => {
    const parsed = parseYaml(template(`  Bad: 3\n${QUEUE}`), 't.yaml');
    const built = buildTemplateInventory(parsed.value as Record<string, unknown>, parsed.locator);
    expect(built.errors.map((e) => e.message)).toEqual(['resource Bad has no Type']);
  });
});
