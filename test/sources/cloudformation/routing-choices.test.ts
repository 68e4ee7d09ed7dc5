import { describe, expect, it } from 'vitest';
import { buildTemplateInventory } from '../../../src/sources/cloudformation/template.js';
import { parseYaml } from '../../../src/sources/cloudformation/yaml.js';
import { vpcWithInternetGateway } from '../../helpers/network.js';

// Which routes and route table associations attach to a table or subnet only by the stack's parameter defaults or
// conditions (ResourceBase.attachedByChoice): the model is built with the defaults, so another deploy's routing is not
// in it, and a stack scanned beside this one must not judge its subnets from it.

/** A VPC, an internet gateway, tables Public and Private, subnets A and B, then `resources`. */
function template(resources: string, env = 'Env: { Type: String, Default: dev }'): string {
  return `AWSTemplateFormatVersion: '2010-09-09'
Parameters:
  ${env}
Conditions:
  IsProd: !Equals [!Ref Env, prod]
  Always: !Equals [a, a]
Resources:
${vpcWithInternetGateway({ attached: false })}  Public:
    Type: AWS::EC2::RouteTable
    Properties: { VpcId: !Ref Vpc }
  Private:
    Type: AWS::EC2::RouteTable
    Properties: { VpcId: !Ref Vpc }
  A:
    Type: AWS::EC2::Subnet
    Properties: { VpcId: !Ref Vpc, CidrBlock: 10.0.1.0/24 }
  B:
    Type: AWS::EC2::Subnet
    Properties: { VpcId: !Ref Vpc, CidrBlock: 10.0.2.0/24 }
${resources}`;
}

const route = (condition: string, table = '!Ref Public') =>
  `  ToInternet:\n    Type: AWS::EC2::Route\n${condition}    Properties: { RouteTableId: ${table}, DestinationCidrBlock: 0.0.0.0/0, GatewayId: !Ref Igw }\n`;

const association = (condition: string, subnet = '!Ref A', table = '!Ref Public') =>
  `  ARoutes:\n    Type: AWS::EC2::SubnetRouteTableAssociation\n${condition}    Properties: { SubnetId: ${subnet}, RouteTableId: ${table} }\n`;

/** Per resource with any, the declarations attached to it by choice. */
function byChoice(text: string, errors: readonly string[] = []): Record<string, readonly string[]> {
  const parsed = parseYaml(text, 'net.yaml');
  const built = buildTemplateInventory(parsed.value as Record<string, unknown>, parsed.locator);
  expect(built.errors.map((e) => e.message)).toEqual(errors);
  return Object.fromEntries(
    [...built.inventory.all()].flatMap((r) => (r.attachedByChoice ? [[r.id, r.attachedByChoice]] : [])),
  );
}

const IS_PROD = '    Condition: IsProd\n';

describe('routing attached by the stack’s choices', () => {
  it('notes a route whose condition the defaults make false on its table, though the table does not hold it', () => {
    expect(byChoice(template(route(IS_PROD)))).toEqual({ Public: ['ToInternet'] });
  });

  it('notes a route whose condition cannot be decided before deploy, and one the defaults make true', () => {
    expect(byChoice(template(route(IS_PROD), 'Env: { Type: String }'))).toEqual({ Public: ['ToInternet'] });
    expect(byChoice(template(route(IS_PROD), 'Env: { Type: String, Default: prod }'))).toEqual({
      Public: ['ToInternet'],
    });
  });

  it('notes an association by its condition or by an Fn::If choosing its route table on its subnet', () => {
    expect(byChoice(template(association(IS_PROD)))).toEqual({ A: ['ARoutes'] });
    const chosen = association('', '!Ref A', '!If [IsProd, !Ref Public, !Ref Private]');
    expect(byChoice(template(chosen))).toEqual({ A: ['ARoutes'] });
  });

  it('notes one whose target an Fn::If chooses on every resource of that kind: another deploy may name any', () => {
    expect(byChoice(template(association('', '!If [IsProd, !Ref B, !Ref A]')))).toEqual({
      A: ['ARoutes'],
      B: ['ARoutes'],
    });
    expect(byChoice(template(route('', '!If [IsProd, !Ref Public, !Ref Private]')))).toEqual({
      Public: ['ToInternet'],
      Private: ['ToInternet'],
    });
    const whole =
      '  ARoutes:\n    Type: AWS::EC2::SubnetRouteTableAssociation\n    Properties: !If\n      - IsProd\n' +
      '      - { SubnetId: !Ref B, RouteTableId: !Ref Public }\n      - { SubnetId: !Ref A, RouteTableId: !Ref Public }\n';
    expect(byChoice(template(whole))).toEqual({ A: ['ARoutes'], B: ['ARoutes'] });
  });

  it('notes one whose target a choice makes only on what the choice may pick: its branches, its list items', () => {
    const other = '  Other:\n    Type: AWS::EC2::RouteTable\n    Properties: { VpcId: !Ref Vpc }\n';
    const c =
      '  C:\n    Type: AWS::EC2::Subnet\n    Properties: { VpcId: !Ref Vpc, CidrBlock: 10.0.3.0/24 }\n';
    expect(byChoice(template(other + route('', '!If [IsProd, !Ref Public, !Ref Private]')))).toEqual({
      Public: ['ToInternet'],
      Private: ['ToInternet'],
    });
    const idx = "Env: { Type: String, Default: dev }\n  Idx: { Type: String, Default: '0' }";
    expect(byChoice(template(c + association('', '!Select [!Ref Idx, [!Ref A, !Ref B]]'), idx))).toEqual({
      A: ['ARoutes'],
      B: ['ARoutes'],
    });
    // Nested: an If in a list item.
    const nested = '!Select [!Ref Idx, [!Ref A, !If [IsProd, !Ref B, !Ref A]]]';
    expect(byChoice(template(c + association('', nested), idx))).toEqual({ A: ['ARoutes'], B: ['ARoutes'] });
  });

  it('notes a choice wrapped in a !Join of one item or a !Sub of one placeholder as the bare Fn::If: on its branches', () => {
    const other = '  Other:\n    Type: AWS::EC2::RouteTable\n    Properties: { VpcId: !Ref Vpc }\n';
    const choice = '!If [IsProd, !Ref Public, !Ref Private]';
    for (const wrapped of [`!Join ['', [${choice}]]`, `!Sub ['\${T}', { T: ${choice} }]`])
      expect(byChoice(template(other + route('', wrapped))), wrapped).toEqual({
        Public: ['ToInternet'],
        Private: ['ToInternet'],
      });
  });

  it('reads a branch the defaults do not take without telling its problems again', () => {
    // `Nope` is told once, before anything is read: CloudFormation refuses it in any branch.
    const nope =
      'ToInternet: Ref to "Nope", which is neither a parameter nor a resource of this template ' +
      '(CloudFormation refuses the template: Unresolved resource dependencies [Nope] in the Resources block)';
    expect(byChoice(template(route('', '!If [IsProd, !Ref Nope, !Ref Public]')), [nope])).toEqual({
      Public: ['ToInternet'],
    });
  });

  it('notes one whose choice cannot be listed on every resource of that kind, as before', () => {
    const list =
      "Env: { Type: String, Default: dev }\n  Idx: { Type: String, Default: '0' }\n  Ids: { Type: CommaDelimitedList, Default: 'a,b' }";
    expect(byChoice(template(association('', '!Select [!Ref Idx, !Ref Ids]'), list))).toEqual({
      A: ['ARoutes'],
      B: ['ARoutes'],
    });
    const joined = association('', '!Join ["", [!If [IsProd, subnet-, x], abc]]');
    expect(byChoice(template(joined))).toEqual({ A: ['ARoutes'], B: ['ARoutes'] });
  });

  it('notes none of its own where a mapping chooses the target, which holds only text', () => {
    const mapped = route('', '!FindInMap [Tables, !Ref Env, Id]');
    const mappings =
      'Mappings:\n  Tables:\n    dev: { Id: rtb-0123456789abcdef0 }\n    prod: { Id: rtb-0fedcba9876543210 }\n';
    expect(byChoice(template(mapped).replace('Resources:\n', `${mappings}Resources:\n`))).toEqual({});
  });

  it('notes none that rests on no choice: no condition, or one decided whatever the parameters say', () => {
    expect(byChoice(template(route('') + association('')))).toEqual({});
    expect(byChoice(template(route('    Condition: Always\n') + association('')))).toEqual({});
    // An If whose condition is decided whatever the parameters takes one branch in every deploy.
    expect(byChoice(template(route('', '!If [Always, !Ref Public, !Ref Private]')))).toEqual({});
  });
});
