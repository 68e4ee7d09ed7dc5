// biome-ignore-all lint/suspicious/noTemplateCurlyInString: CloudFormation `${...}` templates are written in these tests
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ALL_CHECKS } from '../../../src/checks/index.js';
import { EMPTY_CONFIG } from '../../../src/config/config.js';
import { locationOf } from '../../../src/model/locate.js';
import { isUnknown } from '../../../src/model/values.js';
import { scan } from '../../../src/scan.js';
import { readLocalDefinitions } from '../../../src/sources/cloudformation/local-definitions.js';
import { buildTemplateInventory } from '../../../src/sources/cloudformation/template.js';
import { parseYaml } from '../../../src/sources/cloudformation/yaml.js';
import { lambdaFunction, samFunction, samTemplate } from '../../helpers/templates.js';

// A state machine's definition in a file of the project (SAM's DefinitionUri, DefinitionS3Location), which `sam
// package` / `aws cloudformation package` upload to S3.

/** Writes the files (path → text) in a new folder; its path. */
function project(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'parapet-asl-'));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
}

/** Scans the files (from `workingFolder`, scanning `scanned`) with lambda.async-no-failure-destination. */
function scanFiles(files: Record<string, string>, scanned = '', workingFolder = '') {
  const dir = project(files);
  const result = scan([join(dir, scanned)], {
    checks: ALL_CHECKS.filter((c) => c.id === 'lambda.async-no-failure-destination'),
    config: EMPTY_CONFIG,
    scanDate: new Date('2026-11-25'),
    includePassed: true,
    cwd: join(dir, workingFolder),
  });
  const of = (status: string) => result.findings.filter((f) => f.status === status);
  return { ...result, failed: of('fail'), passed: of('pass'), unknown: of('unknown') };
}

/** The Lambda tasks of state machine Sm, a SAM template's with Fn, the files (path → text) read into it. */
function modelTasks(machine: string, files: Record<string, string>) {
  const dir = project(files);
  const template = parseYaml(samTemplate(samFunction('Fn') + machine), join(dir, 'template.yaml'));
  const doc = template.value as Record<string, unknown>;
  const read = readLocalDefinitions(doc, template.locator, 100_000, [dir]);
  const { inventory } = buildTemplateInventory(doc, read?.locator ?? template.locator);
  const sm = inventory.resolve('Sm', 'stepfunctions.state-machine');
  const tasks = sm && !isUnknown(sm.lambdaTasks) ? sm.lambdaTasks : [];
  return { dir, tasks, warnings: read?.warnings ?? [] };
}

/** A SAM state machine whose definition is the file `uri`, its `${FnArn}` the ARN of Fn. */
const samMachine = (uri: string, substitutions = '        FnArn: !GetAtt Fn.Arn\n') => `  Sm:
    Type: AWS::Serverless::StateMachine
    Properties:
      Policies: [LambdaInvokePolicy: {FunctionName: !Ref Fn}]
      DefinitionUri: ${uri}
      DefinitionSubstitutions:
${substitutions}`;

/** A definition whose Task A invokes `${FnArn}` with InvocationType Event, in JSON. */
const ASL_JSON = `{
  "Comment": "fan out",
  "StartAt": "A",
  "States": {
    "A": {
      "Type": "Task",
      "Resource": "arn:aws:states:::lambda:invoke",
      "Parameters": {"FunctionName": "\${FnArn}", "InvocationType": "Event", "Payload.$": "$"},
      "End": true
    }
  }
}
`;

/** The same in YAML, `functionName` as written. */
const aslYaml = (functionName = '${FnArn}') => `Comment: fan out
StartAt: A
States:
  A:
    Type: Task
    Resource: arn:aws:states:::lambda:invoke
    Parameters:
      FunctionName: ${functionName}
      InvocationType: Event
    End: true
`;

const DLQ = '      DeadLetterQueue: {Type: SQS, TargetArn: arn:aws:sqs:us-east-1:123456789012:failed}\n';

describe('state machine definitions in a local file (DefinitionUri, DefinitionS3Location)', () => {
  it('fails a function that a Task of a .asl.json file invokes with Event and no destination', () => {
    const { failed, errors, warnings } = scanFiles({
      'template.yaml': samTemplate(samFunction('Fn') + samMachine('statemachine/flow.asl.json')),
      'statemachine/flow.asl.json': ASL_JSON,
    });
    expect([errors, warnings]).toEqual([[], []]);
    expect(failed.map((f) => [f.resource.id, f.evidence?.invokedBy])).toEqual([
      ['Fn', 'state machine Sm (state A)'],
    ]);
  });

  it('reads a .asl.yaml file alike, and passes the function once it has a dead-letter queue', () => {
    const files = (fn: string) => ({
      'template.yaml': samTemplate(fn + samMachine('./statemachine/flow.asl.yaml')),
      'statemachine/flow.asl.yaml': aslYaml(),
    });
    const bare = scanFiles(files(samFunction('Fn')));
    expect([bare.errors, bare.warnings]).toEqual([[], []]);
    expect(bare.failed.map((f) => f.evidence?.invokedBy)).toEqual(['state machine Sm (state A)']);
    const kept = scanFiles(files(samFunction('Fn', DLQ)));
    expect([kept.failed, kept.unknown]).toEqual([[], []]);
    expect(kept.passed.map((f) => f.resource.id)).toEqual(['Fn']);
  });

  it("locates each Task where the file writes it, and the model's function by the substitution", () => {
    for (const [name, text, line, column] of [
      ['flow.asl.json', ASL_JSON, 5, 5],
      ['flow.asl.yaml', aslYaml(), 4, 3],
    ] as const) {
      const { dir, tasks, warnings } = modelTasks(samMachine(`statemachine/${name}`), {
        [`statemachine/${name}`]: text,
      });
      expect(warnings).toEqual([]);
      expect(tasks.map((t) => [t.state, t.functionRef, t.invocationType])).toEqual([['A', 'Fn', 'Event']]);
      const [task] = tasks;
      expect(task && locationOf(task.source, (f) => f)).toEqual({
        file: join(dir, 'statemachine', name),
        line,
        column,
      });
    }
  });

  it('reads the local DefinitionS3Location of an AWS::StepFunctions::StateMachine (aws cloudformation package)', () => {
    const machine = (location: string) => `  Sm:
    Type: AWS::StepFunctions::StateMachine
    Properties:
      RoleArn: arn:aws:iam::123456789012:role/sfn
      DefinitionS3Location: ${location}
      DefinitionSubstitutions: {FnArn: !GetAtt Fn.Arn}
`;
    const local = scanFiles({
      'template.yaml': `Resources:\n${lambdaFunction('Fn')}${machine('flow.asl.json')}`,
      'flow.asl.json': ASL_JSON,
    });
    expect([local.errors, local.warnings]).toEqual([[], []]);
    expect(local.failed.map((f) => f.evidence?.invokedBy)).toEqual(['state machine Sm (state A)']);
    // In S3: not read, no caller, no warning.
    const inS3 = scanFiles({
      'template.yaml': `Resources:\n${lambdaFunction('Fn')}${machine('{Bucket: b, Key: flow.asl.json}')}`,
      'flow.asl.json': ASL_JSON,
    });
    expect([inS3.failed, inS3.unknown, inS3.warnings]).toEqual([[], [], []]);
  });

  it('warns at the DefinitionUri of a file that is missing, and shows no caller', () => {
    const { failed, unknown, errors, warnings } = scanFiles({
      'template.yaml': samTemplate(samFunction('Fn') + samMachine('statemachine/missing.asl.json')),
    });
    expect([failed, unknown, errors]).toEqual([[], [], []]);
    expect(warnings).toEqual([
      'template.yaml:14:7: the DefinitionUri of Sm is statemachine/missing.asl.json, which Parapet cannot read ' +
        '(no such file or folder): what its states invoke is not checked',
    ]);
  });

  it("reads no file outside the template's project, nor one that is not a mapping, and tells none of its text", () => {
    const outside = scanFiles(
      {
        'project/template.yaml': samTemplate(samFunction('Fn') + samMachine('../flow.asl.json')),
        'flow.asl.json': ASL_JSON.replace('fan out', 'hunter2'),
      },
      'project',
      'project',
    );
    expect([outside.failed, outside.errors]).toEqual([[], []]);
    expect(outside.warnings).toEqual([
      expect.stringContaining(
        "the DefinitionUri of Sm is ../flow.asl.json, which Parapet cannot read (it is outside the template's folder",
      ),
    ]);
    expect(JSON.stringify(outside)).not.toContain('hunter2');
    const notMapping = scanFiles({
      'template.yaml': samTemplate(samFunction('Fn') + samMachine('flow.asl.yaml')),
      'flow.asl.yaml': '- hunter2\n',
    });
    expect(notMapping.failed).toEqual([]);
    expect(notMapping.warnings).toEqual([
      expect.stringContaining('(it is not a mapping, which a state machine definition is)'),
    ]);
    expect(JSON.stringify(notMapping)).not.toContain('hunter2');
  });

  it('is an error at the line of a file that does not parse: no caller, and the scan goes on', () => {
    const { errors, failed } = scanFiles({
      'template.yaml': samTemplate(samFunction('Fn') + samMachine('flow.asl.json')),
      'flow.asl.json': '{"StartAt": "A",\n "States": {\n',
    });
    expect(failed).toEqual([]);
    expect(errors).toEqual([expect.objectContaining({ kind: 'parse', file: 'flow.asl.json' })]);
    expect(errors[0]?.message).toContain(
      'cannot parse this state machine definition, which a template names (DefinitionUri)',
    );
  });

  it('reads a JSON file that writes a `${name}` outside strings, as CloudFormation fills it before it parses', () => {
    // A Wait state before the Task, on the Task's line, so that its column is counted past the `${Delay}`.
    const text = ASL_JSON.replace(
      '"States": {\n    "A": {',
      '"States": {"W": {"Type": "Wait", "Seconds": ${Delay}, "Next": "A"}, "A": {\n      "TimeoutSeconds": ${Timeout},',
    );
    const files = {
      'template.yaml': samTemplate(samFunction('Fn') + samMachine('flow.asl.json')),
      'flow.asl.json': text,
    };
    const { failed, errors, warnings } = scanFiles(files);
    expect([errors, warnings]).toEqual([[], []]);
    expect(failed.map((f) => [f.resource.id, f.evidence?.invokedBy])).toEqual([
      ['Fn', 'state machine Sm (state A)'],
    ]);
    const { dir, tasks } = modelTasks(samMachine('flow.asl.json'), { 'flow.asl.json': text });
    expect(tasks[0] && locationOf(tasks[0].source, (f) => f)).toEqual({
      file: join(dir, 'flow.asl.json'),
      line: 4,
      column: 71, // past `${Delay}`, as the file writes it
    });
  });

  it('reads a `${name}` outside strings that DefinitionSubstitutions do not give as unknown', () => {
    const text = ASL_JSON.replace('"InvocationType": "Event"', '"InvocationType": ${Mode}');
    const { tasks } = modelTasks(samMachine('flow.asl.json'), { 'flow.asl.json': text });
    const mode = tasks[0]?.invocationType;
    expect(isUnknown(mode) && mode.reason).toBe('${Mode} is not given by DefinitionSubstitutions');
  });

  it('is an error at the line and column of a JSON file broken for another reason than its `${name}`s', () => {
    const { errors } = scanFiles({
      'template.yaml': samTemplate(samFunction('Fn') + samMachine('flow.asl.json')),
      'flow.asl.json': '{"StartAt": "A", "TimeoutSeconds": ${Timeout},\n "States": {"A": }}\n',
    });
    expect(errors).toEqual([
      {
        kind: 'parse',
        file: 'flow.asl.json',
        line: 2,
        column: 18,
        message:
          'cannot parse this state machine definition, which a template names (DefinitionUri): invalid JSON: unexpected "}"',
      },
    ]);
  });

  it('is an error at a trailing comma in a definition file: only templates are read with them', () => {
    const { errors } = scanFiles({
      'template.yaml': samTemplate(samFunction('Fn') + samMachine('flow.asl.json')),
      'flow.asl.json': '{"StartAt": "A",\n "States": {"A": {"Type": "Pass", "End": true},}}\n',
    });
    expect(errors.map((e) => [e.file, e.line, e.column, e.message])).toEqual([
      [
        'flow.asl.json',
        2,
        48,
        'cannot parse this state machine definition, which a template names (DefinitionUri): invalid JSON: unexpected "}"',
      ],
    ]);
  });

  it('reads a function its DefinitionSubstitutions do not give, or an intrinsic in the file, as unknown', () => {
    const functionOf = (machine: string, text: string) => {
      const { tasks } = modelTasks(machine, { 'flow.asl.yaml': text });
      const ref = tasks[0]?.functionRef;
      return isUnknown(ref) ? `<${ref.reason}>` : ref;
    };
    expect(functionOf(samMachine('flow.asl.yaml', '        Other: x\n'), aslYaml())).toBe(
      '<${FnArn} is not given by DefinitionSubstitutions>',
    );
    expect(functionOf(samMachine('flow.asl.yaml'), aslYaml('!GetAtt Fn.Arn'))).toMatch(
      /CloudFormation runs no intrinsic function there/,
    );
    // The short form is told; the function is no caller.
    const short = scanFiles({
      'template.yaml': samTemplate(samFunction('Fn') + samMachine('flow.asl.yaml')),
      'flow.asl.yaml': aslYaml('!GetAtt Fn.Arn'),
    });
    expect(short.failed).toEqual([]);
    expect(short.warnings).toEqual([
      'flow.asl.yaml:8:21: !GetAtt is a YAML short form, which CloudFormation does not run in a state ' +
        "machine's definition file: give the value in DefinitionSubstitutions and write its ${name} there; " +
        'Parapet does not read it',
    ]);
  });
});
