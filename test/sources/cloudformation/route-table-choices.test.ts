import { describe, expect, it } from 'vitest';
import type { Subnet } from '../../../src/model/network.js';
import { buildTemplateInventory } from '../../../src/sources/cloudformation/template.js';
import { parseYaml } from '../../../src/sources/cloudformation/yaml.js';

// Which route tables a subnet's association may give it in a deploy no case of the template's conditions shows
// (Subnet.routeTablesUnseen): the cases explore an Fn::If's branches, not a parameter's values.

/** Tables Public and Private, subnet A associated with the table `table` names, with `parameters` and `more`. */
function template(table: string, parameters: string, more = ''): string {
  return `AWSTemplateFormatVersion: '2010-09-09'
Parameters:
  Env: { Type: String, Default: dev }
${parameters}Conditions:
  IsProd: !Equals [!Ref Env, prod]
${more}Resources:
  Vpc:
    Type: AWS::EC2::VPC
    Properties: { CidrBlock: 10.0.0.0/16 }
  Public:
    Type: AWS::EC2::RouteTable
    Properties: { VpcId: !Ref Vpc }
  Private:
    Type: AWS::EC2::RouteTable
    Properties: { VpcId: !Ref Vpc }
  A:
    Type: AWS::EC2::Subnet
    Properties: { VpcId: !Ref Vpc, CidrBlock: 10.0.1.0/24 }
  ARoutes:
    Type: AWS::EC2::SubnetRouteTableAssociation
    Properties: { SubnetId: !Ref A, RouteTableId: ${table} }
`;
}

/** Subnet A's route table as read, and those it may use besides. */
function routing(text: string) {
  const parsed = parseYaml(text, 'net.yaml');
  const built = buildTemplateInventory(parsed.value as Record<string, unknown>, parsed.locator);
  expect(built.errors.map((e) => e.message)).toEqual([]);
  const subnet = built.inventory.resolve('A', 'ec2.subnet') as Subnet;
  return { read: subnet.routeTable, unseen: subnet.routeTablesUnseen };
}

const IDX = "  Idx: { Type: String, Default: '1' }\n";

describe('route tables an association may give its subnet in a deploy no case shows', () => {
  it('notes the other items of an Fn::Select whose index a parameter gives', () => {
    expect(routing(template('!Select [!Ref Idx, [!Ref Public, !Ref Private]]', IDX))).toEqual({
      read: 'Private',
      unseen: [{ association: 'ARoutes', table: 'Public', parameters: ['Idx'] }],
    });
    // An index a mapping gives by a parameter's key.
    const mapped = "Mappings:\n  Index: { dev: { I: '1' }, prod: { I: '0' } }\n";
    const select = '!Select [!FindInMap [Index, !Ref Env, I], [!Ref Public, !Ref Private]]';
    expect(routing(template(select, '', mapped)).unseen).toEqual([
      { association: 'ARoutes', table: 'Public', parameters: ['Env'] },
    ]);
  });

  it("reads a parameter's value written like a table's logical id as text, not that table: a deploy gives an id", () => {
    const table = '  Table: { Type: String, Default: Private }\n';
    const text = {
      unknown:
        'parameter Table by default gives the text "Private", which CloudFormation passes as written, not as ' +
        'resource Private',
      template: 'Private',
    };
    const read = routing(template('!Ref Table', table));
    expect(JSON.parse(JSON.stringify(read))).toEqual({ read: text });
    // A branch of an Fn::If that is one: the conditions' cases show it, as text.
    expect(routing(template('!If [IsProd, !Ref Table, !Ref Private]', table)).unseen).toBeUndefined();
    // Given with -p: the text as written too.
    const given = buildTemplateInventory(
      parseYaml(template('!Ref Table', table), 'net.yaml').value as Record<string, unknown>,
      parseYaml(template('!Ref Table', table), 'net.yaml').locator,
      { parameters: { Table: 'Public' } },
    );
    expect(
      JSON.parse(JSON.stringify((given.inventory.resolve('A', 'ec2.subnet') as Subnet).routeTable)),
    ).toEqual({
      unknown:
        'parameter Table gives the text "Public", which CloudFormation passes as written, not as resource Public',
      template: 'Public',
    });
  });

  it('reads an item of a list a parameter gives, picked by an index, as text too', () => {
    const tables = "  Tables: { Type: CommaDelimitedList, Default: 'rtb-0abc,Private' }\n";
    const { read, unseen } = routing(template('!Select [!Ref Idx, !Ref Tables]', IDX + tables));
    expect(unseen).toBeUndefined();
    expect(JSON.parse(JSON.stringify(read))).toEqual({
      unknown:
        'parameter Tables by default gives the text "Private", which CloudFormation passes as written, not as ' +
        'resource Private',
      template: 'Private',
    });
  });

  it("notes only the items the index's AllowedValues, or the mapping it is read from, may pick", () => {
    const select = '!Select [!Ref Idx, [!Ref Public, !Ref Private]]';
    const only = "  Idx: { Type: String, Default: '1', AllowedValues: ['1'] }\n";
    expect(routing(template(select, only))).toEqual({ read: 'Private', unseen: undefined });
    const both = "  Idx: { Type: String, Default: '1', AllowedValues: ['0', '1'] }\n";
    expect(routing(template(select, both)).unseen).toEqual([
      { association: 'ARoutes', table: 'Public', parameters: ['Idx'] },
    ]);
    const mapped = "Mappings:\n  Index: { dev: { I: '1' }, prod: { I: '1' } }\n";
    const byMap = '!Select [!FindInMap [Index, !Ref Env, I], [!Ref Public, !Ref Private]]';
    expect(routing(template(byMap, '', mapped))).toEqual({ read: 'Private', unseen: undefined });
  });

  it('notes the items of an Fn::Select by a parameter where the Properties an Fn::If chooses whole hold it', () => {
    const whole =
      '!If [IsProd, { SubnetId: !Ref A, RouteTableId: !Ref Private }, ' +
      '{ SubnetId: !Ref A, RouteTableId: !Select [!Ref Idx, [!Ref Public, !Ref Private]] }]';
    const text = template('!Ref Private', IDX).replace(
      '{ SubnetId: !Ref A, RouteTableId: !Ref Private }',
      whole,
    );
    expect(routing(text).unseen).toEqual([{ association: 'ARoutes', table: 'Public', parameters: ['Idx'] }]);
  });

  it('notes none where the cases show every table: a !Ref, an Fn::If, a written index, a default from elsewhere', () => {
    const table = '  Table: { Type: String, Default: rtb-0abc }\n';
    for (const written of [
      '!Ref Public',
      '!If [IsProd, !Ref Public, !Ref Private]',
      "!Select ['0', [!Ref Public, !Ref Private]]",
      '!Ref Table',
    ])
      expect(routing(template(written, table)).unseen, written).toBeUndefined();
  });
});
