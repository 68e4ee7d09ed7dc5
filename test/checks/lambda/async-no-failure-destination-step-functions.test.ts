// biome-ignore-all lint/suspicious/noTemplateCurlyInString: CloudFormation `${...}` templates are written in these tests
import { describe, expect, it } from 'vitest';
import check from '../../../src/checks/lambda/async-no-failure-destination.js';
import { scanTemplate, template } from '../../helpers/scan-template.js';
import { lambdaAlias, lambdaFunction, samFunction, samTemplate } from '../../helpers/templates.js';

const fn = (extraProps = '') => lambdaFunction('Fn', extraProps);

const DLQ = '      DeadLetterConfig: { TargetArn: arn:aws:sqs:us-east-1:123456789012:failed }\n';

/** An event invoke config of Fn on `qualifier` that sends failed events to a queue. */
const destinationOn = (qualifier: string) => `  FnInvokeConfig:
    Type: AWS::Lambda::EventInvokeConfig
    Properties:
      FunctionName: !Ref Fn
      Qualifier: ${qualifier}
      DestinationConfig:
        OnFailure:
          Destination: arn:aws:sqs:us-east-1:123456789012:failed
`;

/** A state machine whose DefinitionString is `!Sub` of one Task state A with these Parameters (JSON). */
const subMachine = (parameters: string, resource = 'arn:${AWS::Partition}:states:::lambda:invoke') => `  Sm:
    Type: AWS::StepFunctions::StateMachine
    Properties:
      RoleArn: arn:aws:iam::123456789012:role/sfn
      DefinitionString: !Sub '{"StartAt":"A","States":{"A":{"Type":"Task","Resource":"${resource}","Parameters":{${parameters}},"End":true}}}'
`;

/** A state machine whose Definition (an object) is `states`, at 8 spaces of indent under States. */
const objectMachine = (states: string) => `  Sm:
    Type: AWS::StepFunctions::StateMachine
    Properties:
      RoleArn: arn:aws:iam::123456789012:role/sfn
      Definition:
        StartAt: Start
        States:
${states}`;

describe('lambda.async-no-failure-destination: Step Functions tasks (invoke through a role, without a permission)', () => {
  it('fails a function a task invokes with InvocationType Event and no destination (DefinitionString by !Sub)', () => {
    const text = template(
      fn() + subMachine('"FunctionName":"${Fn.Arn}","InvocationType":"Event","Payload.$":"$"'),
    );
    const { failed, errors } = scanTemplate(text, check);
    expect(errors).toEqual([]);
    expect(failed.map((f) => f.resource.id)).toEqual(['Fn']);
    expect(failed[0]?.message).toContain('(by state machine Sm (state A))');
    expect(failed[0]?.evidence).toEqual({ invokedBy: 'state machine Sm (state A)' });
    // On the function, as for every other caller.
    expect(failed[0]?.location).toEqual({ file: 'template.yaml', line: 3, column: 3 });
  });

  it('passes it when the function has a dead-letter queue', () => {
    const text = template(fn(DLQ) + subMachine('"FunctionName":"${Fn.Arn}","InvocationType":"Event"'));
    const { failed, passed } = scanTemplate(text, check);
    expect(failed).toEqual([]);
    expect(passed.map((f) => f.resource.id)).toEqual(['Fn']);
  });

  it('reads tasks in a Definition object, in a Parallel branch and in a Map', () => {
    const states = `          Start:
            Type: Parallel
            Branches:
              - StartAt: Branch
                States:
                  Branch:
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
                  Parameters: { FunctionName: !Ref Other, InvocationType: Event }
                  End: true
            End: true
`;
    const text = template(fn() + lambdaFunction('Other') + objectMachine(states));
    const { failed } = scanTemplate(text, check);
    expect(failed.map((f) => [f.resource.id, f.evidence?.invokedBy])).toEqual([
      ['Fn', 'state machine Sm (state Branch)'],
      ['Other', 'state machine Sm (state Item)'],
    ]);
  });

  it('reads a definition CDK joins with Fn::Join', () => {
    const machine = {
      Type: 'AWS::StepFunctions::StateMachine',
      Properties: {
        RoleArn: 'arn:aws:iam::123456789012:role/sfn',
        DefinitionString: {
          'Fn::Join': [
            '',
            [
              '{"StartAt":"Invoke Handler","States":{"Invoke Handler":{"End":true,"Type":"Task","Resource":"arn:',
              { Ref: 'AWS::Partition' },
              ':states:::lambda:invoke","Parameters":{"FunctionName":"',
              { 'Fn::GetAtt': ['Fn', 'Arn'] },
              '","InvocationType":"Event","Payload.$":"$"}}}}',
            ],
          ],
        },
      },
    };
    const fnJson = {
      Type: 'AWS::Lambda::Function',
      Properties: {
        Runtime: 'nodejs22.x',
        Handler: 'index.handler',
        Role: 'arn:aws:iam::123456789012:role/r',
        Code: { ZipFile: 'x' },
      },
    };
    const { failed } = scanTemplate(JSON.stringify({ Resources: { Fn: fnJson, Sm: machine } }), check);
    expect(failed.map((f) => f.evidence?.invokedBy)).toEqual(['state machine Sm (state Invoke Handler)']);
  });

  it('reads SAM state machines with DefinitionSubstitutions, and passes the SAM function with an on-failure destination', () => {
    const machine = `  Sm:
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
            Parameters: { FunctionName: '\${WorkerArn}', InvocationType: Event }
            End: true
`;
    const { failed } = scanTemplate(samTemplate(samFunction('Fn') + machine), check);
    expect(failed.map((f) => f.evidence?.invokedBy)).toEqual(['state machine Sm (state A)']);
    const destination = `      EventInvokeConfig:
        DestinationConfig:
          OnFailure: { Type: SQS, Destination: arn:aws:sqs:us-east-1:123456789012:failed }
`;
    const kept = scanTemplate(samTemplate(samFunction('Fn', destination) + machine), check);
    expect(kept.failed).toEqual([]);
    expect(kept.passed).toHaveLength(1);
  });

  describe('a task that invokes a version or alias', () => {
    const qualified = [
      ['a qualified ARN', '"FunctionName":"${Fn.Arn}:live","InvocationType":"Event"'],
      ['a Qualifier', '"FunctionName":"${Fn}","Qualifier":"live","InvocationType":"Event"'],
      ['the alias', '"FunctionName":"${FnAlias}","InvocationType":"Event"'],
    ] as const;

    it.each(qualified)('passes with an on-failure destination on that alias (%s)', (_, parameters) => {
      const text = template(fn() + lambdaAlias() + destinationOn('live') + subMachine(parameters));
      const { failed, passed } = scanTemplate(text, check);
      expect(failed).toEqual([]);
      // Kept for the task's alias, not only because the sole event invoke config keeps them.
      expect(passed[0]?.message).toContain('of alias live go to');
    });

    it('fails with an on-failure destination on another qualifier only', () => {
      const parameters = '"FunctionName":"${Fn.Arn}:live","InvocationType":"Event"';
      const text = template(fn() + lambdaAlias() + destinationOn('$LATEST') + subMachine(parameters));
      const { failed } = scanTemplate(text, check);
      expect(failed).toHaveLength(1);
      expect(failed[0]?.message).toContain(
        'state machine Sm (state A) invokes alias live asynchronously, but an on-failure destination is set only for $LATEST (unqualified) (FnInvokeConfig)',
      );
    });
  });

  it('says nothing of a task that invokes synchronously: RequestResponse (the default), or the function ARN as Resource', () => {
    for (const parameters of [
      '"FunctionName":"${Fn.Arn}"',
      '"FunctionName":"${Fn.Arn}","InvocationType":"RequestResponse"',
    ]) {
      expect(scanTemplate(template(fn() + subMachine(parameters)), check).findings).toEqual([]);
    }
    // The legacy form: the Task's Resource is the function itself.
    const legacy = subMachine('"Payload.$":"$"', '${Fn.Arn}');
    expect(scanTemplate(template(fn() + legacy), check).findings).toEqual([]);
  });

  it('says nothing of what a definition outside the template or a FunctionName chosen at run time invokes', () => {
    const s3 = `  Sm:
    Type: AWS::StepFunctions::StateMachine
    Properties:
      RoleArn: arn:aws:iam::123456789012:role/sfn
      DefinitionS3Location: { Bucket: b, Key: flow.asl.json }
`;
    expect(scanTemplate(template(fn() + s3), check).findings).toEqual([]);
    const chosen = subMachine('"FunctionName.$":"$.fn","InvocationType":"Event"');
    expect(scanTemplate(template(fn() + chosen), check).findings).toEqual([]);
  });

  describe('an invocation type chosen at run time', () => {
    it('is unknown when nothing else shows how the function is invoked', () => {
      for (const parameters of [
        '"FunctionName":"${Fn.Arn}","InvocationType.$":"$.mode"',
        '"FunctionName":"${Fn.Arn}","InvocationType":"{% $states.input.mode %}"',
      ]) {
        const { unknown, failed } = scanTemplate(template(fn() + subMachine(parameters)), check);
        expect(failed).toEqual([]);
        expect(unknown).toHaveLength(1);
        expect(unknown[0]?.message).toContain(
          'The invocation type of state machine Sm (state A) is not known before deploy',
        );
      }
    });

    it('decides nothing where the function passes or fails anyway', () => {
      const parameters = '"FunctionName":"${Fn.Arn}","InvocationType.$":"$.mode"';
      expect(scanTemplate(template(fn(DLQ) + subMachine(parameters)), check).passed).toHaveLength(1);
      const s3 = `  FnPermission:
    Type: AWS::Lambda::Permission
    Properties:
      Action: lambda:InvokeFunction
      FunctionName: !GetAtt Fn.Arn
      Principal: s3.amazonaws.com
      SourceAccount: !Ref AWS::AccountId
`;
      const { failed } = scanTemplate(template(fn() + s3 + subMachine(parameters)), check);
      expect(failed.map((f) => f.evidence?.invokedBy)).toEqual(['s3.amazonaws.com (FnPermission)']);
    });
  });
});
