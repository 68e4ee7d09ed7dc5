import { describe, expect, it } from 'vitest';
import { fn, HEAD, role, scanFolder } from '../../helpers/stack-roles.js';

/**
 * A parent's role given to a nested stack, which outputs it back (`Value: !Ref RoleParam`): the parent's
 * `!GetAtt CopyA.Outputs.RoleArn` is its own role, as `!GetAtt Role.Arn` is, whichever stack (or copy of one
 * template) passes it back. It said the role was "used by no function of the template".
 */

/** pass.yaml: given RoleParam, and outputs it back as RoleArn. */
const PASS_BACK = `${HEAD}Parameters:\n  RoleParam:\n    Type: String\nResources:\n  Topic:\n    Type: AWS::SNS::Topic\nOutputs:\n  RoleArn:\n    Value: !Ref RoleParam\n`;

/** A stack resource of `type` nesting pass.yaml, given `Role`'s ARN. */
function passing(id: string, type = 'AWS::CloudFormation::Stack'): string {
  const where = type === 'AWS::Serverless::Application' ? 'Location: pass.yaml' : 'TemplateURL: ./pass.yaml';
  return `  ${id}:\n    Type: ${type}\n    Properties:\n      ${where}\n      Parameters: { RoleParam: !GetAtt Role.Arn }\n`;
}

const back = (copy: string) => `!GetAtt ${copy}.Outputs.RoleArn`;

describe('a parent’s role passed down to a nested stack and read back', () => {
  it.each([
    ['AWS::CloudFormation::Stack', HEAD],
    ['AWS::Serverless::Application', `${HEAD}Transform: AWS::Serverless-2016-10-31\n`],
  ])('fails two functions reading it back from two %s resources of one template', (type, head) => {
    const { shared } = scanFolder({
      'parent.yaml': `${head}Resources:\n${role('Role')}${passing('CopyA', type)}${passing('CopyB', type)}${fn('FnA', back('CopyA'))}${fn('FnB', back('CopyB'))}`,
      'pass.yaml': PASS_BACK,
    });
    expect(shared('Role')).toEqual([
      ['fail', 'The role is the execution role of 2 functions: FnA, FnB.', 'parent.yaml'],
    ]);
  });

  it('fails one function reading it back and one naming it directly', () => {
    const { shared } = scanFolder({
      'parent.yaml': `${HEAD}Resources:\n${role('Role')}${passing('Copy')}${fn('FnA', back('Copy'))}${fn('FnB', '!GetAtt Role.Arn')}`,
      'pass.yaml': PASS_BACK,
    });
    expect(shared('Role')).toEqual([
      ['fail', 'The role is the execution role of 2 functions: FnA, FnB.', 'parent.yaml'],
    ]);
  });

  it('passes one function reading it back, alone', () => {
    const { shared } = scanFolder({
      'parent.yaml': `${HEAD}Resources:\n${role('Role')}${passing('Copy')}${fn('FnA', back('Copy'))}`,
      'pass.yaml': PASS_BACK,
    });
    expect(shared('Role')).toEqual([['pass', 'used by FnA only', 'parent.yaml']]);
  });

  it('is unknown beside a function whose role a parameter without default gives', () => {
    // A role with a RoleName, which a role ARN given as a parameter may name.
    const named = `${role('Role')}      RoleName: fn-role\n`;
    const { shared } = scanFolder({
      'parent.yaml': `${HEAD}Parameters:\n  OtherRole:\n    Type: String\nResources:\n${named}${passing('Copy')}${fn('FnA', back('Copy'))}${fn('FnB', '!Ref OtherRole')}`,
      'pass.yaml': PASS_BACK,
    });
    expect(shared('Role')).toEqual([
      [
        'unknown',
        'The role is the execution role of FnA; the role of FnB (from parameter OtherRole, which has no default) is not known before deploy and may be this one.',
        'parent.yaml',
      ],
    ]);
  });

  it('fails it given, as read back, to a sibling nested stack whose function runs as it', () => {
    const sibling = `${HEAD}Parameters:\n  RoleArn:\n    Type: String\nResources:\n${fn('SiblingFn', '!Ref RoleArn')}`;
    const functions = `  Functions:\n    Type: AWS::CloudFormation::Stack\n    Properties:\n      TemplateURL: ./functions.yaml\n      Parameters: { RoleArn: ${back('Copy')} }\n`;
    const { shared } = scanFolder({
      'parent.yaml': `${HEAD}Resources:\n${role('Role')}${passing('Copy')}${functions}${fn('FnA', '!GetAtt Role.Arn')}`,
      'pass.yaml': PASS_BACK,
      'functions.yaml': sibling,
    });
    expect(shared('Role')).toEqual([
      [
        'fail',
        'The role is the execution role of 2 functions: FnA, SiblingFn (stack functions.yaml).',
        'parent.yaml',
      ],
    ]);
  });

  it('fails a grandparent’s role passed down two levels and read back by the middle stack', () => {
    const middle = `${HEAD}Parameters:\n  RoleParam:\n    Type: String\nResources:\n  Leaf:\n    Type: AWS::CloudFormation::Stack\n    Properties:\n      TemplateURL: ./pass.yaml\n      Parameters: { RoleParam: !Ref RoleParam }\n${fn('MiddleFn', back('Leaf'))}`;
    const { shared } = scanFolder({
      'parent.yaml': `${HEAD}Resources:\n${role('Role')}  Middle:\n    Type: AWS::CloudFormation::Stack\n    Properties:\n      TemplateURL: ./middle.yaml\n      Parameters: { RoleParam: !GetAtt Role.Arn }\n${fn('FnA', '!GetAtt Role.Arn')}`,
      'middle.yaml': middle,
      'pass.yaml': PASS_BACK,
    });
    expect(shared('Role')).toEqual([
      [
        'fail',
        'The role is the execution role of 2 functions: FnA, MiddleFn (stack middle.yaml).',
        'parent.yaml',
      ],
    ]);
  });

  it('fails a function of another stack importing it from the nested stack’s export', () => {
    const exporting = `${PASS_BACK}    Export: { Name: shared-role }\n`;
    const { shared } = scanFolder({
      'parent.yaml': `${HEAD}Resources:\n${role('Role')}${passing('Copy')}${fn('FnA', '!GetAtt Role.Arn')}`,
      'pass.yaml': exporting,
      'importer.yaml': `${HEAD}Resources:\n${fn('FnB', '!ImportValue shared-role')}`,
    });
    expect(shared('Role')).toEqual([
      [
        'fail',
        'The role is the execution role of 2 functions: FnA, FnB (stack importer.yaml).',
        'parent.yaml',
      ],
    ]);
  });

  it('judges the trust of a role read back by the functions that run as it', () => {
    const { trust } = scanFolder({
      'parent.yaml': `${HEAD}Resources:\n${role('Role', 'ec2.amazonaws.com')}${passing('CopyA')}${passing('CopyB')}${fn('FnA', back('CopyA'))}${fn('FnB', back('CopyB'))}`,
      'pass.yaml': PASS_BACK,
    });
    expect(trust('Role')).toEqual([
      [
        'fail',
        'Besides Lambda, the service ec2.amazonaws.com can assume the execution role of FnA, FnB, and act with its permissions.',
        'parent.yaml',
      ],
    ]);
  });
});
