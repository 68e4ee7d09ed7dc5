import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { scanCdkOut } from '../../helpers/cdk-out.js';
import { vpcWithInternetGateway } from '../../helpers/network.js';
import { lambdaFunction } from '../../helpers/templates.js';

// A nested stack's output read by its parent (`!GetAtt Net.Outputs.SubnetId`) rests on what the parent gives it: where
// the parent gives it a value from its own parameter's default, a deploy of the parent may give another, as it may
// for a default of the nested stack's own. Read at that default, the output is one deploy's, not every deploy's.

/** net.yaml: a VPC with public subnet PubSub and private PrivSub; output SubnetId is `subnet`, Layer its parameter. */
function net(subnet = '!If [IsOpen, !Ref PubSub, !Ref PrivSub]', openDefault = ''): string {
  return `AWSTemplateFormatVersion: '2010-09-09'
Parameters:
  Open: { Type: String${openDefault} }
  Layer: { Type: String, Default: none }
Conditions:
  IsOpen: !Equals [!Ref Open, 'yes']
Resources:
${vpcWithInternetGateway()}  PubSub:
    Type: AWS::EC2::Subnet
    Properties: { VpcId: !Ref Vpc, CidrBlock: 10.0.1.0/24 }
  PrivSub:
    Type: AWS::EC2::Subnet
    Properties: { VpcId: !Ref Vpc, CidrBlock: 10.0.2.0/24 }
  PubTable:
    Type: AWS::EC2::RouteTable
    Properties: { VpcId: !Ref Vpc }
  PubAssoc:
    Type: AWS::EC2::SubnetRouteTableAssociation
    Properties: { SubnetId: !Ref PubSub, RouteTableId: !Ref PubTable }
  ToInternet:
    Type: AWS::EC2::Route
    Properties: { RouteTableId: !Ref PubTable, DestinationCidrBlock: 0.0.0.0/0, GatewayId: !Ref Igw }
Outputs:
  SubnetId: { Value: ${subnet} }
  LayerArn: { Value: !Ref Layer }
`;
}

const FN_VPC =
  '      VpcConfig: { SubnetIds: [!GetAtt Net.Outputs.SubnetId], SecurityGroupIds: [sg-0123456789abcdef0] }\n';

/**
 * parent.yaml: parameter Open (default 'no', or none when `openDefault` is undefined), nested stack Net of net.yaml
 * given `given`, then `more`; a function Fn of its own in Net's SubnetId unless `more` holds the function.
 */
function parent(
  given: string,
  more = lambdaFunction('Fn', FN_VPC),
  openDefault: string | undefined = "'no'",
): string {
  const open = openDefault === undefined ? '{ Type: String }' : `{ Type: String, Default: ${openDefault} }`;
  return `AWSTemplateFormatVersion: '2010-09-09'
Parameters:
  Open: ${open}
  LayerArn: { Type: String, Default: 'arn:aws:lambda:us-east-1:999999999999:layer:tools:1' }
Resources:
  Net:
    Type: AWS::CloudFormation::Stack
    Properties:
      TemplateURL: net.yaml
      Parameters: ${given}
${more}`;
}

/** A nested stack App of app.yaml given `given` (a sibling of Net). */
function app(given: string): string {
  return `  App:\n    Type: AWS::CloudFormation::Stack\n    Properties:\n      TemplateURL: app.yaml\n      Parameters: ${given}\n`;
}

/** app.yaml: function Fn in subnet Subnet, with layer Layer. */
const APP = `AWSTemplateFormatVersion: '2010-09-09'
Parameters:
  Subnet: { Type: String, Default: subnet-0123456789abcdef0 }
  Layer: { Type: String, Default: 'arn:aws:lambda:us-east-1:580247275435:layer:LambdaInsightsExtension:52' }
Resources:
${lambdaFunction('Fn', '      Layers: [!Ref Layer]\n      VpcConfig: { SubnetIds: [!Ref Subnet], SecurityGroupIds: [sg-0123456789abcdef0] }\n')}`;

/** What `checkId` says of `fn` (the parent's, or app.yaml's), scanned with the files and -p `parameters`. */
function judged(
  checkId: string,
  files: Record<string, string>,
  parameters?: Record<string, string>,
  fn = 'Fn',
): [string, string, readonly string[] | undefined][] {
  const dir = mkdtempSync(join(tmpdir(), 'parapet-output-defaults-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  const { result, of } = scanCdkOut(dir, [dir], parameters);
  expect(result.errors).toEqual([]);
  return of(checkId, fn).map((f) => [f.status, f.message, f.assumptions]);
}

const PUBLIC = 'lambda.vpc-public-subnet';
const NOT_KNOWN =
  "Cannot tell whether the function's subnets are public: a subnet id is not known before deploy (output SubnetId " +
  'of nested stack Net: output SubnetId of stack net.yaml, chosen in that stack by condition IsOpen, which its ' +
  "parameters' defaults decide).";
const PASSES = 'No subnet of the function (PrivSub of stack net.yaml) routes to an internet gateway.';
const FAILS =
  'The function is in public subnet PubSub of stack net.yaml: route table PubTable of stack net.yaml sends internet ' +
  'traffic to internet gateway Igw of stack net.yaml. Lambda gives the function no public IP, so it has no internet ' +
  'access there.';

describe("a nested stack's output chosen by a condition on what its parent gives from a default", () => {
  it('is unknown, not passed, where the default takes the private branch: a deploy may give the public one', () => {
    // Was: passed at PrivSub, though a deploy with Open=yes puts the function in PubSub.
    expect(judged(PUBLIC, { 'parent.yaml': parent('{ Open: !Ref Open }'), 'net.yaml': net() })).toEqual([
      ['unknown', NOT_KNOWN, undefined],
    ]);
    // As where the nested stack's own default takes it (was unknown there, without saying why).
    const ownDefault = { 'parent.yaml': parent('{}'), 'net.yaml': net(undefined, ", Default: 'no'") };
    expect(judged(PUBLIC, ownDefault)).toEqual([['unknown', NOT_KNOWN, undefined]]);
  });

  it('is unknown, naming the condition, in a sibling nested stack the parent gives the output', () => {
    const files = {
      'parent.yaml': parent('{ Open: !Ref Open }', app('{ Subnet: !GetAtt Net.Outputs.SubnetId }')),
      'net.yaml': net(),
      'app.yaml': APP,
    };
    expect(judged(PUBLIC, files)).toEqual([
      [
        'unknown',
        "Cannot tell whether the function's subnets are public: a subnet id is not known before deploy (output " +
          "SubnetId of stack net.yaml, chosen in that stack by condition IsOpen, which its parameters' defaults decide).",
        undefined,
      ],
    ]);
  });

  it('is unknown where the default comes from further up: a stack nesting the parent gives it from its own', () => {
    const top = `AWSTemplateFormatVersion: '2010-09-09'
Parameters:
  Open: { Type: String, Default: 'no' }
Resources:
  Mid:
    Type: AWS::CloudFormation::Stack
    Properties: { TemplateURL: parent.yaml, Parameters: { Open: !Ref Open } }
`;
    const files = {
      'top.yaml': top,
      'parent.yaml': parent('{ Open: !Ref Open }', undefined, undefined),
      'net.yaml': net(),
    };
    expect(judged(PUBLIC, files)).toEqual([['unknown', NOT_KNOWN, undefined]]);
  });

  it('is judged where the parent gives a literal, or the value is given with -p: public fails, private passes', () => {
    const scans: [Record<string, string>, Record<string, string> | undefined, string, string][] = [
      [{ 'parent.yaml': parent("{ Open: 'yes' }"), 'net.yaml': net() }, undefined, 'fail', FAILS],
      [{ 'parent.yaml': parent("{ Open: 'no' }"), 'net.yaml': net() }, undefined, 'pass', PASSES],
      [{ 'parent.yaml': parent('{ Open: !Ref Open }'), 'net.yaml': net() }, { Open: 'yes' }, 'fail', FAILS],
      [{ 'parent.yaml': parent('{ Open: !Ref Open }'), 'net.yaml': net() }, { Open: 'no' }, 'pass', PASSES],
    ];
    for (const [files, parameters, status, message] of scans)
      expect(judged(PUBLIC, files, parameters), JSON.stringify(parameters)).toEqual([
        [status, message, undefined],
      ]);
  });

  it('is judged where no default chooses the output: a public one fails, a private one passes', () => {
    const given = '{ Open: !Ref Open }';
    expect(judged(PUBLIC, { 'parent.yaml': parent(given), 'net.yaml': net('!Ref PubSub') })).toEqual([
      ['fail', FAILS, undefined],
    ]);
    expect(judged(PUBLIC, { 'parent.yaml': parent(given), 'net.yaml': net('!Ref PrivSub') })).toEqual([
      ['pass', PASSES, undefined],
    ]);
  });
});

describe("a nested stack's output that passes straight through what its parent gives from a default", () => {
  const UNTRUSTED = 'lambda.layer-untrusted-account';
  // Unknown: nothing says which account the stacks deploy to, and 999999999999 may be it (own-account.test.ts).
  const LAYER =
    'Layer arn:aws:lambda:us-east-1:999999999999:layer:tools:1: published by account 999999999999, which is ' +
    'neither AWS, a known vendor, nor in trustedAccounts, and the template does not say whether that is the account it is ' +
    "deployed to (if it is, or if you trust it, add it to parapet.yaml: trustedAccounts: ['999999999999']).";
  const files = (toNet: string) => ({
    'parent.yaml': parent(toNet, app('{ Layer: !GetAtt Net.Outputs.LayerArn }')),
    'net.yaml': net(),
    'app.yaml': APP,
  });

  it('names the default it rests on in the sibling given it, as where the parent gives its default directly', () => {
    const assumed = [
      'parameter Layer is given by the parent stack parent.yaml (resource App) from a default of its own, which a ' +
        'deploy may override',
    ];
    // Was: "given by the parent stack parent.yaml (resource App)", as if no deploy could give another layer.
    expect(judged(UNTRUSTED, files('{ Open: x, Layer: !Ref LayerArn }'))).toEqual([
      ['unknown', LAYER, assumed],
    ]);
    const direct = {
      'parent.yaml': parent('{ Open: x }', app('{ Layer: !Ref LayerArn }')),
      'net.yaml': net(),
      'app.yaml': APP,
    };
    expect(judged(UNTRUSTED, direct)).toEqual([['unknown', LAYER, assumed]]);
  });

  it('names none where the parent gives the nested stack a literal', () => {
    const literal = "{ Open: x, Layer: 'arn:aws:lambda:us-east-1:999999999999:layer:tools:1' }";
    expect(judged(UNTRUSTED, files(literal))).toEqual([
      ['unknown', LAYER, ['parameter Layer is given by the parent stack parent.yaml (resource App)']],
    ]);
  });
});

describe("the output of one copy of a template nested twice, chosen by a condition on what that copy's resource gives", () => {
  /** parent.yaml: NetA and NetB both of net.yaml, given `toA` and `toB`; Fn in NetB's SubnetId, Fn2 in NetA's. */
  const copies = (toA: string, toB: string) => ({
    'parent.yaml': `AWSTemplateFormatVersion: '2010-09-09'
Parameters:
  Open: { Type: String, Default: 'no' }
Resources:
  NetA:
    Type: AWS::CloudFormation::Stack
    Properties: { TemplateURL: net.yaml, Parameters: ${toA} }
  NetB:
    Type: AWS::CloudFormation::Stack
    Properties: { TemplateURL: net.yaml, Parameters: ${toB} }
${lambdaFunction('Fn', FN_VPC.replace('Net.', 'NetB.'))}${lambdaFunction('Fn2', FN_VPC.replace('Net.', 'NetA.'))}`,
    'net.yaml': net(),
  });
  const judgedBoth = (files: Record<string, string>) =>
    ['Fn', 'Fn2'].map((fn) =>
      judged(PUBLIC, files, undefined, fn).map(([status, message]) => [status, message]),
    );
  const notKnown = (copy: string) => NOT_KNOWN.replace('nested stack Net:', `nested stack ${copy}:`);

  it("is judged by the text that copy's resource gives, whatever default the other copy's takes", () => {
    // Was unknown for Fn too: `Open` of net.yaml was from a default as NetA gives it, though NetB gives 'no'.
    expect(judgedBoth(copies('{ Open: !Ref Open }', "{ Open: 'no' }"))).toEqual([
      [['pass', PASSES]],
      [['unknown', notKnown('NetA')]],
    ]);
  });

  it('is judged in each copy by what its own resource gives: the public one fails, the private one passes', () => {
    expect(judgedBoth(copies("{ Open: 'no' }", "{ Open: 'no' }"))).toEqual([
      [['pass', PASSES]],
      [['pass', PASSES]],
    ]);
    expect(judgedBoth(copies("{ Open: 'no' }", "{ Open: 'yes' }"))).toEqual([
      [['fail', FAILS]],
      [['pass', PASSES]],
    ]);
  });
});
