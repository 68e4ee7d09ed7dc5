import { describe, expect, it } from 'vitest';
import check from '../../../src/checks/lambda/env-plaintext-secret.js';
import { scanTemplate } from '../../helpers/scan-template.js';
import { functionWithVariables as fn } from './env-fixtures.js';

// A parameter of an AWS-specific type holds the id or name of a resource of the account, which CloudFormation validates
// before it creates anything (AWS DevOps blog, "Using the New CloudFormation Parameter Types": "if you entered an invalid
// key pair ... CloudFormation validates the value much earlier"). Its default is such an id, not a secret, whatever the
// variable is called; a key pair's name is no private key.
describe('lambda.env-plaintext-secret: defaults of AWS-specific parameter types', () => {
  const parameters = [
    'Parameters:',
    '  AmiId: { Type: "AWS::EC2::Image::Id", Default: ami-0abcdef1234567890 }',
    '  KeyName: { Type: "AWS::EC2::KeyPair::KeyName", Default: prod-keypair-Xq93kLm2 }',
    '  VpcId: { Type: "AWS::EC2::VPC::Id", Default: vpc-0a1b2c3d4e5f67890 }',
    '  Subnets: { Type: "List<AWS::EC2::Subnet::Id>", Default: "subnet-0a1b2c3d4e5f67890, subnet-0f1e2d3c4b5a69788" }',
    '  DbPassword: { Type: String, Default: hunter2 }',
    '',
  ].join('\n');

  it('passes a variable named as a secret whose value is only such ids or names', () => {
    const { unknown, failed, passed } = scanTemplate(
      fn(
        '          DB_PASSWORD: !Ref AmiId\n' +
          '          SSH_PRIVATE_KEY: !Ref KeyName\n' +
          '          SECRET_VPC: !Ref VpcId\n' +
          '          PASSWORD_SUBNETS: !Join [",", !Ref Subnets]\n' +
          '          API_TOKEN: !Sub "${VpcId}/${AmiId}"\n',
        parameters,
      ),
      check,
    );
    expect([...unknown, ...failed]).toEqual([]);
    expect(passed).toHaveLength(1);
  });

  it('still fails a secret written beside an id, or a secret parameter beside one', () => {
    const { failed } = scanTemplate(
      fn(
        '          DB_PASSWORD: !Sub "${AmiId}:hunter2"\n' +
          '          DB_CONN: !Join [":", [!Ref VpcId, !Ref DbPassword]]\n',
        parameters,
      ),
      check,
    );
    expect(failed.map((f) => f.evidence?.variable)).toEqual(['DB_PASSWORD', 'DB_CONN']);
  });

  it('fails symbols written beside an id: only separators between ids pass', () => {
    const { failed } = scanTemplate(
      fn("          DB_PASSWORD: !Sub '${AmiId}!@#$%^&*()_+=~'\n", parameters),
      check,
    );
    expect(failed.map((f) => f.evidence?.variable)).toEqual(['DB_PASSWORD']);
  });

  it('says the secret is the text written beside the id, not the parameter', () => {
    const { failed } = scanTemplate(
      fn("          API_KEY: !Sub '${KeyName}Zx9!qLm2Pz8vTr4K'\n", parameters),
      check,
    );
    expect(failed.map((f) => f.message)).toEqual([
      'Environment variable API_KEY holds a plaintext secret in text written beside the resource id or name that ' +
        'parameter KeyName (its default value) gives: value of a variable named like an API key (API_KEY) (medium ' +
        'confidence). The function configuration shows it in plaintext.',
    ]);
  });

  it('passes such a parameter given with -p', () => {
    const { unknown, failed } = scanTemplate(fn('          DB_PASSWORD: !Ref KeyName\n', parameters), check, {
      parameters: { KeyName: 'another-keypair' },
    });
    expect([...unknown, ...failed]).toEqual([]);
  });

  it('is unchanged for an AWS-specific parameter given at deploy (no default): passes', () => {
    const { unknown, failed } = scanTemplate(
      fn('          DB_PASSWORD: !Ref Ami\n', 'Parameters:\n  Ami: { Type: "AWS::EC2::Image::Id" }\n'),
      check,
    );
    expect([...unknown, ...failed]).toEqual([]);
  });
});

// AWS::SSM::Parameter::Value<Number> reads a number from a String parameter of Parameter Store at deploy, as
// Value<String> reads text (cfn-lint lists it among the valid types); "CloudFormation can perform validation on Systems
// Manager parameter keys, but not on their corresponding values" (user guide, "Systems Manager parameter types"). A
// number in a variable named as a secret may still be one (a PIN: a literal `123456` there fails), so it is unknown as
// a Value<String> parameter is, said to be read from Parameter Store, never "given at deploy" without NoEcho.
describe('lambda.env-plaintext-secret: AWS::SSM::Parameter::Value<Number>', () => {
  const parameters = [
    'Parameters:',
    '  PinSsm: { Type: "AWS::SSM::Parameter::Value<Number>", Default: /app/card/pin }',
    '  Retries: { Type: "AWS::SSM::Parameter::Value<Number>" }',
    '',
  ].join('\n');

  it('is unknown in a variable named as a secret, saying it reads a number from Parameter Store', () => {
    const { unknown, failed } = scanTemplate(
      fn('          CARD_PASSWORD: !Ref PinSsm\n          API_TOKEN: !Ref Retries\n', parameters),
      check,
    );
    expect(failed).toEqual([]);
    expect(unknown.map((f) => f.message)).toEqual([
      'Environment variable CARD_PASSWORD is set from parameter PinSsm (SSM parameter /app/card/pin, its default, a ' +
        'number), whose value CloudFormation reads from Parameter Store at deploy, and named as a secret: if the value ' +
        'is one (a number may be a PIN), CloudFormation writes it into the function configuration, where it shows in ' +
        "plaintext (and a String parameter keeps it unencrypted), and shows it as the parameter's ResolvedValue " +
        '(DescribeStacks). Keep it in a SecureString or Secrets Manager, pass the name and read it at run time.',
      'Environment variable API_TOKEN is set from parameter Retries (an SSM parameter named at deploy, a number), ' +
        'whose value CloudFormation reads from Parameter Store at deploy, and named as a secret: if the value is one ' +
        '(a number may be a PIN), CloudFormation writes it into the function configuration, where it shows in ' +
        "plaintext (and a String parameter keeps it unencrypted), and shows it as the parameter's ResolvedValue " +
        '(DescribeStacks). Keep it in a SecureString or Secrets Manager, pass the name and read it at run time.',
    ]);
  });

  it('passes in a variable not named as a secret', () => {
    const { unknown, failed, passed } = scanTemplate(
      fn('          MAX_RETRIES: !Ref Retries\n', parameters),
      check,
    );
    expect([...unknown, ...failed]).toEqual([]);
    expect(passed).toHaveLength(1);
  });
});
