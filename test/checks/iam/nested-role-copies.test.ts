import { describe, expect, it } from 'vitest';
import { fn, HEAD, role, scanFolder } from '../../helpers/stack-roles.js';

/**
 * A template nested more than once (two stack resources naming one template, by one parent or two) is deployed once
 * per nesting, each copy a stack with resources of its own: the role one copy makes is not the other's. A parent's
 * `!GetAtt FnAResources.Outputs.RoleArn` is the role of that copy, and `iam.role-shared-by-functions` judges each
 * copy's role by the functions that run as it, naming the copy. A role truly shared (one resource of one stack, given
 * to several, or exported and imported) is still one.
 */

/** role.yaml: LambdaRole, `resources` besides, and output RoleArn, its ARN. */
function roleTemplate(resources = ''): string {
  return `${HEAD}Resources:\n${role('LambdaRole')}${resources}Outputs:\n  RoleArn:\n    Value: !GetAtt LambdaRole.Arn\n`;
}

/** A CloudFormation nested stack of `template`, given `parameters` (YAML, `{ A: x }`) when set. */
function stack(id: string, template: string, parameters?: string): string {
  const given = parameters === undefined ? '' : `      Parameters: ${parameters}\n`;
  return `  ${id}:\n    Type: AWS::CloudFormation::Stack\n    Properties:\n      TemplateURL: ./${template}\n${given}`;
}

const copyRole = (copy: string) => `!GetAtt ${copy}.Outputs.RoleArn`;

/** The repro (NHSDigital eps-prescription-status-update): SAM applications, each function the role of its own. */
const SAM_PARENT = `${HEAD}Transform: AWS::Serverless-2016-10-31
Resources:
  FnA:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: python3.12
      Handler: a.handler
      InlineCode: "def handler(e, c): pass"
      Role: !GetAtt FnAResources.Outputs.RoleArn
  FnAResources:
    Type: AWS::Serverless::Application
    Properties:
      Location: role.yaml
  FnB:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: python3.12
      Handler: b.handler
      InlineCode: "def handler(e, c): pass"
      Role: !GetAtt FnBResources.Outputs.RoleArn
  FnBResources:
    Type: AWS::Serverless::Application
    Properties:
      Location: role.yaml
`;

describe('a role of a template nested more than once', () => {
  it('passes the repro: two SAM applications of role.yaml, each function running as its own copy’s role', () => {
    const { shared } = scanFolder({ 'template.yaml': SAM_PARENT, 'role.yaml': roleTemplate() });
    expect(shared('LambdaRole')).toEqual([
      [
        'pass',
        'in the copy nested by FnAResources in template.yaml, used by FnA (stack template.yaml) only; ' +
          'in the copy nested by FnBResources in template.yaml, used by FnB (stack template.yaml) only',
        'role.yaml',
      ],
    ]);
  });

  it('passes two AWS::CloudFormation::Stack resources of one TemplateURL, one function each', () => {
    const { shared } = scanFolder({
      'parent.yaml': `${HEAD}Resources:\n${stack('CopyA', 'role.yaml')}${stack('CopyB', 'role.yaml')}${fn('FnA', copyRole('CopyA'))}${fn('FnB', copyRole('CopyB'))}`,
      'role.yaml': roleTemplate(),
    });
    expect(shared('LambdaRole')).toEqual([
      [
        'pass',
        'in the copy nested by CopyA in parent.yaml, used by FnA (stack parent.yaml) only; ' +
          'in the copy nested by CopyB in parent.yaml, used by FnB (stack parent.yaml) only',
        'role.yaml',
      ],
    ]);
  });

  it('passes one copy nested by each of two parents', () => {
    const parent = (fnId: string) =>
      `${HEAD}Resources:\n${stack('Roles', 'role.yaml')}${fn(fnId, copyRole('Roles'))}`;
    const { shared } = scanFolder({
      'a.yaml': parent('FnA'),
      'b.yaml': parent('FnB'),
      'role.yaml': roleTemplate(),
    });
    expect(shared('LambdaRole')).toEqual([
      [
        'pass',
        'in the copy nested by Roles in a.yaml, used by FnA (stack a.yaml) only; ' +
          'in the copy nested by Roles in b.yaml, used by FnB (stack b.yaml) only',
        'role.yaml',
      ],
    ]);
  });

  it('fails two functions running as one copy’s role, naming that copy', () => {
    const { shared } = scanFolder({
      'parent.yaml': `${HEAD}Resources:\n${stack('CopyA', 'role.yaml')}${stack('CopyB', 'role.yaml')}${fn('FnA', copyRole('CopyA'))}${fn('FnB', copyRole('CopyA'))}`,
      'role.yaml': roleTemplate(),
    });
    expect(shared('LambdaRole')).toEqual([
      [
        'fail',
        'In the copy nested by CopyA in parent.yaml, the role is the execution role of 2 functions: FnA (stack parent.yaml), FnB (stack parent.yaml).',
        'role.yaml',
      ],
    ]);
  });

  it('fails a copy’s role given to a sibling nested stack too, naming that copy', () => {
    const sibling = `${HEAD}Parameters:\n  RoleArn:\n    Type: String\nResources:\n${fn('SiblingFn', '!Ref RoleArn')}`;
    const { shared } = scanFolder({
      'parent.yaml': `${HEAD}Resources:\n${stack('CopyA', 'role.yaml')}${stack('CopyB', 'role.yaml')}${stack('Functions', 'functions.yaml', `{ RoleArn: ${copyRole('CopyA')} }`)}${fn('FnA', copyRole('CopyA'))}${fn('FnB', copyRole('CopyB'))}`,
      'role.yaml': roleTemplate(),
      'functions.yaml': sibling,
    });
    expect(shared('LambdaRole')).toEqual([
      [
        'fail',
        'In the copy nested by CopyA in parent.yaml, the role is the execution role of 2 functions: SiblingFn (stack functions.yaml), FnA (stack parent.yaml).',
        'role.yaml',
      ],
    ]);
  });

  it('fails each copy whose role a function of the template itself runs as too: every copy has that function', () => {
    const { shared, result } = scanFolder({
      'parent.yaml': `${HEAD}Resources:\n${stack('CopyA', 'role.yaml')}${stack('CopyB', 'role.yaml')}${fn('FnA', copyRole('CopyA'))}${fn('FnB', copyRole('CopyB'))}`,
      'role.yaml': roleTemplate(fn('ChildFn', '!GetAtt LambdaRole.Arn')),
    });
    expect(shared('LambdaRole')).toEqual([
      [
        'fail',
        'In the copy nested by CopyA in parent.yaml, the role is the execution role of 2 functions: ChildFn, FnA (stack parent.yaml). ' +
          'In the copy nested by CopyB in parent.yaml, the role is the execution role of 2 functions: ChildFn, FnB (stack parent.yaml).',
        'role.yaml',
      ],
    ]);
    const finding = result.findings.find((f) => f.checkId === 'iam.role-shared-by-functions');
    expect(finding?.evidence).toEqual({
      functions: 'ChildFn, FnA (stack parent.yaml); ChildFn, FnB (stack parent.yaml)',
    });
  });

  it('is unknown where a function of the template may run as the role, naming the copy', () => {
    // A role with a RoleName, which a role ARN given as a parameter may name.
    const named = `${role('LambdaRole')}      RoleName: !Sub '\${AWS::StackName}-fn'\n`;
    const child = `${HEAD}Parameters:\n  OtherRole:\n    Type: String\nResources:\n${named}${fn('ChildFn', '!Ref OtherRole')}Outputs:\n  RoleArn:\n    Value: !GetAtt LambdaRole.Arn\n`;
    const given = '{ OtherRole: !Ref Given }';
    const { shared } = scanFolder({
      'parent.yaml': `${HEAD}Parameters:\n  Given:\n    Type: String\nResources:\n${stack('CopyA', 'role.yaml', given)}${stack('CopyB', 'role.yaml', given)}${fn('FnA', copyRole('CopyA'))}`,
      'role.yaml': child,
    });
    expect(shared('LambdaRole')).toEqual([
      [
        'unknown',
        'In the copy nested by CopyA in parent.yaml, the role is the execution role of FnA (stack parent.yaml); the role of ChildFn (from parameter OtherRole, given by the parent stack parent.yaml (from parameter Given, which has no default)) is not known before deploy and may be this one.',
        'role.yaml',
      ],
    ]);
  });
});

describe('a role truly shared, one resource of one stack', () => {
  it('fails a role of a template nested once, given to a sibling nested stack and run by a parent function', () => {
    const sibling = `${HEAD}Parameters:\n  RoleArn:\n    Type: String\nResources:\n${fn('SiblingFn', '!Ref RoleArn')}`;
    const { shared } = scanFolder({
      'parent.yaml': `${HEAD}Resources:\n${stack('Roles', 'role.yaml')}${stack('Functions', 'functions.yaml', `{ RoleArn: ${copyRole('Roles')} }`)}${fn('ParentFn', copyRole('Roles'))}`,
      'role.yaml': roleTemplate(),
      'functions.yaml': sibling,
    });
    expect(shared('LambdaRole')).toEqual([
      [
        'fail',
        'The role is the execution role of 2 functions: SiblingFn (stack functions.yaml), ParentFn (stack parent.yaml).',
        'role.yaml',
      ],
    ]);
  });

  it('fails a parent’s role given as a parameter to two nested stacks, each with a function', () => {
    const child = (fnId: string) =>
      `${HEAD}Parameters:\n  RoleArn:\n    Type: String\nResources:\n${fn(fnId, '!Ref RoleArn')}`;
    const given = '{ RoleArn: !GetAtt SharedRole.Arn }';
    const { shared } = scanFolder({
      'parent.yaml': `${HEAD}Resources:\n${role('SharedRole')}${stack('A', 'a.yaml', given)}${stack('B', 'b.yaml', given)}`,
      'a.yaml': child('FnA'),
      'b.yaml': child('FnB'),
    });
    expect(shared('SharedRole')).toEqual([
      [
        'fail',
        'The role is the execution role of 2 functions: FnA (stack a.yaml), FnB (stack b.yaml).',
        'parent.yaml',
      ],
    ]);
  });

  it('fails a role exported once and imported by two stacks', () => {
    const importer = (fnId: string) => `${HEAD}Resources:\n${fn(fnId, '!ImportValue shared-role-arn')}`;
    const { shared } = scanFolder({
      'role.yaml': `${HEAD}Resources:\n${role('SharedRole')}Outputs:\n  RoleArn:\n    Value: !GetAtt SharedRole.Arn\n    Export:\n      Name: shared-role-arn\n`,
      'a.yaml': importer('FnA'),
      'b.yaml': importer('FnB'),
    });
    expect(shared('SharedRole')).toEqual([
      [
        'fail',
        'The role is the execution role of 2 functions: FnA (stack a.yaml), FnB (stack b.yaml).',
        'role.yaml',
      ],
    ]);
  });
});
