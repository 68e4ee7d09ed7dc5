// biome-ignore-all lint/suspicious/noTemplateCurlyInString: CloudFormation `${...}` templates are written in these tests
import { describe, expect, it } from 'vitest';
import { locationOf } from '../../../src/model/locate.js';
import type { StateMachine } from '../../../src/model/stepfunctions.js';
import { isUnknown } from '../../../src/model/values.js';
import { scanTemplate, template } from '../../helpers/scan-template.js';
import { lambdaAlias, lambdaFunction, samFunction, samTemplate } from '../../helpers/templates.js';

const plain = (value: unknown) => (isUnknown(value) ? (value.template ?? `<${value.reason}>`) : value);

function machine(text: string, id = 'Sm'): StateMachine {
  const { inventory, errors } = scanTemplate(text, []);
  expect(errors).toEqual([]);
  const found = inventory.resolve(id, 'stepfunctions.state-machine');
  if (found === undefined) throw new Error(`no state machine ${id}`);
  return found;
}

/** Each task as `state: function qualifier invocation-type`, unknowns by their template or reason. */
function tasks(sm: StateMachine): string[] | string {
  if (isUnknown(sm.lambdaTasks)) return `<${sm.lambdaTasks.reason}>`;
  return sm.lambdaTasks.map(
    (t) => `${t.state}: ${plain(t.functionRef)} ${plain(t.qualifier ?? '-')} ${plain(t.invocationType)}`,
  );
}

/** A CloudFormation state machine whose Definition (or other definition property) is `definition`. */
const stateMachine = (definition: string) => `  Sm:
    Type: AWS::StepFunctions::StateMachine
    Properties:
      RoleArn: arn:aws:iam::123456789012:role/sfn
${definition}`;

describe('AWS::StepFunctions::StateMachine', () => {
  it('reads a DefinitionString built with !Sub, as the template writes it', () => {
    const definition = `      DefinitionString: !Sub '{"StartAt":"A","States":{"A":{"Type":"Task","Resource":"arn:\${AWS::Partition}:states:::lambda:invoke","Parameters":{"FunctionName":"\${Fn.Arn}","InvocationType":"Event","Payload.$":"$"},"End":true}}}'
`;
    const text = template(lambdaFunction('Fn') + stateMachine(definition));
    const sm = machine(text);
    expect(tasks(sm)).toEqual(['A: Fn - Event']);
    // Text: the task is located at the DefinitionString.
    const [task] = isUnknown(sm.lambdaTasks) ? [] : sm.lambdaTasks;
    const line = text.split('\n').findIndex((l) => l.includes('DefinitionString')) + 1;
    expect(task && locationOf(task.source, (f) => f)).toMatchObject({ line, column: 7 });
  });

  // CloudFormation fills a `${name}` into the text before it is parsed (DefinitionSubstitutions, and the `!Sub` that
  // makes the text): one written where a whole value goes, with no quotes, is JSON once filled.
  const invoke = (state: string, params: string) =>
    `"${state}":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke","Parameters":{${params}},"End":true}`;

  it('reads a DefinitionString whose !Sub leaves a placeholder unquoted where a value goes', () => {
    const definition = `      DefinitionString: !Sub '{"StartAt":"A","TimeoutSeconds":\${Timeout},"States":{${[
      invoke('A', '"FunctionName":"${Fn.Arn}","InvocationType":"Event"'),
      '"B":{"Type":"Task","Resource":${Target},"End":true}',
      invoke('C', '"FunctionName":"${Fn.Arn}","Payload":${Payload}'),
    ].join(',')}}}'
`;
    const extra =
      'Parameters:\n  Timeout: { Type: Number }\n  Target: { Type: String }\n  Payload: { Type: String }\n';
    const sm = machine(template(lambdaFunction('Fn') + stateMachine(definition), extra));
    // B's Resource is not known before deploy: no invocation of Lambda is read from it.
    expect(tasks(sm)).toEqual(['A: Fn - Event', 'C: Fn - RequestResponse']);
  });

  it('reads a DefinitionString whose DefinitionSubstitutions fill a placeholder written unquoted', () => {
    const definition = `      DefinitionSubstitutions:
        Timeout: 30
        WorkerArn: !GetAtt Fn.Arn
        Mode: Event
      DefinitionString: '{"StartAt":"A","TimeoutSeconds":\${Timeout},"States":{${invoke(
        'A',
        '"FunctionName":"${WorkerArn}","InvocationType":"${Mode}","Payload":${Missing}',
      )}}}'
`;
    expect(tasks(machine(template(lambdaFunction('Fn') + stateMachine(definition))))).toEqual([
      'A: Fn - Event',
    ]);
  });

  it('says where a DefinitionString that is not JSON for another reason goes wrong', () => {
    const known = `      DefinitionString: '{"StartAt":"A" "States":{}}'
`;
    expect(tasks(machine(template(stateMachine(known))))).toBe(
      '<the DefinitionString is not JSON: unexpected "\\"" at line 1, column 16 of its text>',
    );
    const withSub = `      DefinitionString: !Sub '{"StartAt":"A","TimeoutSeconds":\${Timeout},"States":{}'
`;
    const extra = 'Parameters:\n  Timeout: { Type: Number }\n';
    expect(tasks(machine(template(stateMachine(withSub), extra)))).toBe(
      '<the DefinitionString is not known before deploy (from parameter Timeout, which has no default), and is not JSON as written: unexpected end of file at line 1, column 55 of its text>',
    );
  });

  it('reads a Definition written as an object, nested Parallel branches and Map states included', () => {
    const definition = `      Definition:
        StartAt: Fan
        States:
          Fan:
            Type: Parallel
            Branches:
              - StartAt: Left
                States:
                  Left:
                    Type: Task
                    Resource: arn:aws:states:::lambda:invoke
                    Parameters: { FunctionName: !GetAtt Fn.Arn, InvocationType: Event }
                    End: true
            Next: Each
          Each:
            Type: Map
            ItemProcessor:
              StartAt: Item
              States:
                Item:
                  Type: Task
                  Resource: arn:aws:states:::lambda:invoke.waitForTaskToken
                  Parameters: { FunctionName: !Ref FnAlias, InvocationType: Event }
                  End: true
            Next: Legacy
          Legacy:
            Type: Map
            Iterator:
              StartAt: Old
              States:
                Old:
                  Type: Task
                  Resource: arn:aws:states:::aws-sdk:lambda:invoke
                  Parameters: { FunctionName: !Ref Fn }
                  End: true
            Next: Direct
          Direct:
            Type: Task
            Resource: !GetAtt Fn.Arn
            End: true
`;
    const text = template(lambdaFunction('Fn') + lambdaAlias() + stateMachine(definition));
    const sm = machine(text);
    // The legacy Resource (the function's ARN) is a synchronous invocation, not one of these.
    expect(tasks(sm)).toEqual(['Left: Fn - Event', 'Item: Fn live Event', 'Old: Fn - RequestResponse']);
    // Each task is located at its state.
    const lines = isUnknown(sm.lambdaTasks)
      ? []
      : sm.lambdaTasks.map((t) => locationOf(t.source, (f) => f).line);
    const lineOf = (state: string) => text.split('\n').findIndex((line) => line.trim() === `${state}:`) + 1;
    expect(lines).toEqual([lineOf('Left'), lineOf('Item'), lineOf('Old')]);
  });

  it('reads a DefinitionString CDK builds with Fn::Join', () => {
    const json = JSON.stringify({
      Resources: {
        Fn: {
          Type: 'AWS::Lambda::Function',
          Properties: {
            Runtime: 'nodejs22.x',
            Handler: 'i.h',
            Role: 'arn:aws:iam::123456789012:role/r',
            Code: { ZipFile: 'x' },
          },
        },
        Sm: {
          Type: 'AWS::StepFunctions::StateMachine',
          Properties: {
            RoleArn: 'arn:aws:iam::123456789012:role/sfn',
            DefinitionString: {
              'Fn::Join': [
                '',
                [
                  '{"StartAt":"Invoke","States":{"Invoke":{"End":true,"Type":"Task","Resource":"arn:',
                  { Ref: 'AWS::Partition' },
                  ':states:::lambda:invoke","Parameters":{"FunctionName":"',
                  { 'Fn::GetAtt': ['Fn', 'Arn'] },
                  ':live","InvocationType":"Event","Payload.$":"$"}}}}',
                ],
              ],
            },
          },
        },
      },
    });
    expect(tasks(machine(json))).toEqual(['Invoke: Fn live Event']);
  });

  it('reads FunctionName as a name, a partial or full ARN, qualified, and a Qualifier given beside it', () => {
    const state = (name: string, params: string) =>
      `"${name}":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke","Parameters":{${params}},"End":true}`;
    const definition = `      DefinitionString: !Sub
        - '{"StartAt":"ByName","States":{${[
          state('ByName', '"FunctionName":"worker:live","InvocationType":"Event"'),
          state('Partial', '"FunctionName":"${AWS::AccountId}:function:worker"'),
          state(
            'Full',
            '"FunctionName":"arn:${AWS::Partition}:lambda:${AWS::Region}:${AWS::AccountId}:function:worker"',
          ),
          state('Qualifier', '"FunctionName":"${Fn.Arn}","Qualifier":"blue"'),
          state('Other', '"FunctionName":"arn:aws:lambda:us-east-1:999999999999:function:worker"'),
        ].join(',')}}}'
        - {}
`;
    const sm = machine(
      template(lambdaFunction('Fn', '      FunctionName: worker\n') + stateMachine(definition)),
    );
    expect(tasks(sm)).toEqual([
      'ByName: Fn live Event',
      'Partial: Fn - RequestResponse',
      'Full: Fn - RequestResponse',
      'Qualifier: Fn blue RequestResponse',
      // Another account's function of the same name is not this one.
      'Other: arn:aws:lambda:us-east-1:999999999999:function:worker - RequestResponse',
    ]);
  });

  it('replaces DefinitionSubstitutions in a Definition', () => {
    const definition = `      DefinitionSubstitutions:
        WorkerArn: !GetAtt Fn.Arn
        Mode: Event
      Definition:
        StartAt: A
        States:
          A:
            Type: Task
            Resource: arn:aws:states:::lambda:invoke
            Parameters: { FunctionName: '\${WorkerArn}', InvocationType: '\${Mode}' }
            End: true
`;
    expect(tasks(machine(template(lambdaFunction('Fn') + stateMachine(definition))))).toEqual([
      'A: Fn - Event',
    ]);
  });

  it('leaves a FunctionName or InvocationType chosen at run time unknown (JSONPath `.$`, JSONata)', () => {
    const definition = `      Definition:
        StartAt: Path
        States:
          Path:
            Type: Task
            Resource: arn:aws:states:::lambda:invoke
            Parameters: { FunctionName: !GetAtt Fn.Arn, InvocationType.$: $.mode }
            Next: Name
          Name:
            Type: Task
            Resource: arn:aws:states:::lambda:invoke
            Parameters: { FunctionName.$: $.fn, InvocationType: Event }
            Next: Jsonata
          Jsonata:
            Type: Task
            QueryLanguage: JSONata
            Resource: arn:aws:states:::lambda:invoke
            Arguments: { FunctionName: !GetAtt Fn.Arn, InvocationType: '{% $states.input.mode %}' }
            End: true
`;
    const sm = machine(template(lambdaFunction('Fn') + stateMachine(definition)));
    expect(tasks(sm)).toEqual([
      'Path: Fn - <InvocationType.$ of state Path is a path into its input, read at run time>',
      'Name: <FunctionName.$ of state Name is a path into its input, read at run time> - Event',
      'Jsonata: Fn - <InvocationType of state Jsonata is a JSONata expression, evaluated at run time>',
    ]);
  });

  it('knows nothing of what a definition outside the template invokes', () => {
    const s3 = `      DefinitionS3Location: { Bucket: b, Key: k }
`;
    expect(tasks(machine(template(stateMachine(s3))))).toMatch(/not in the template/);
    const param = `      DefinitionString: !Ref Definition
`;
    const extra = 'Parameters:\n  Definition: { Type: String }\n';
    expect(tasks(machine(template(stateMachine(param), extra)))).toMatch(/not known before deploy/);
  });
});

describe('AWS::Serverless::StateMachine', () => {
  it('reads its Definition with DefinitionSubstitutions', () => {
    const sm = `  Sm:
    Type: AWS::Serverless::StateMachine
    Properties:
      DefinitionSubstitutions:
        WorkerArn: !GetAtt Fn.Arn
      Definition:
        StartAt: A
        States:
          A:
            Type: Task
            Resource: arn:aws:states:::lambda:invoke
            Parameters: { FunctionName: '\${WorkerArn}:live', InvocationType: Event }
            End: true
`;
    expect(tasks(machine(samTemplate(samFunction('Fn') + sm)))).toEqual(['A: Fn live Event']);
  });

  it('knows nothing of what a DefinitionUri in S3, or a file not read into the template, invokes', () => {
    const sm = (uri: string) => `  Sm:
    Type: AWS::Serverless::StateMachine
    Properties:
      DefinitionUri: ${uri}
`;
    const of = (uri: string) => tasks(machine(samTemplate(samFunction('Fn') + sm(uri))));
    expect(of('s3://bucket/flow.asl.json')).toMatch(/not in the template/);
    expect(of('{Bucket: bucket, Key: flow.asl.json}')).toMatch(/not in the template/);
    // Read by the scan (state-machine-files.ts): here, in memory, it was not.
    expect(of('statemachine/flow.asl.json')).toBe(
      '<the DefinitionUri is a file Parapet could not read (statemachine/flow.asl.json)>',
    );
  });
});
