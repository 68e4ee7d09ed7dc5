import { describe, expect, it } from 'vitest';
import check from '../../../src/checks/lambda/env-plaintext-secret.js';
import { scanTemplate } from '../../helpers/scan-template.js';
import { functionWithVariables as fn } from './env-fixtures.js';

// `resolve:ssm` reads String and StringList parameters (CloudFormation user guide, "Get a plaintext value from
// Systems Manager Parameter Store"): their value lands in the function configuration as an
// AWS::SSM::Parameter::Value<String> parameter's does.
describe('lambda.env-plaintext-secret: {{resolve:ssm}} references as the SSM parameter type', () => {
  it('is unknown for a reference in a variable named as a secret, naming the SSM parameter', () => {
    const { unknown, failed, errors } = scanTemplate(
      fn('          DB_PASSWORD: "{{resolve:ssm:/app/db/password}}"\n'),
      check,
    );
    expect(errors).toEqual([]);
    expect(failed).toEqual([]);
    expect(unknown).toHaveLength(1);
    expect(unknown[0]?.property).toBe('Environment.Variables.DB_PASSWORD');
    expect(unknown[0]?.message).toContain(
      'SSM parameter /app/db/password with a {{resolve:ssm}} dynamic reference',
    );
  });

  it('names a parameter given at deploy beside the reference, as before references were read', () => {
    const { unknown } = scanTemplate(
      fn(
        '          DB_PASSWORD: !Sub "${DbPass}{{resolve:ssm:/app/db/password}}"\n',
        'Parameters:\n  DbPass: {Type: String}\n',
      ),
      check,
    );
    expect(unknown).toHaveLength(1);
    expect(unknown[0]?.message).toContain('DbPass');
  });

  it("is unknown for a reference in a URL's query parameter named like a secret, as the parameter type there", () => {
    const { unknown } = scanTemplate(
      [
        'Parameters:',
        '  Key: { Type: "AWS::SSM::Parameter::Value<String>", Default: /k }',
        fn(
          '          API: "https://api.example.com/v1?api_key={{resolve:ssm:/k}}"\n' +
            '          API2: !Sub "https://api.example.com/v1?x=1&api_key=${Key}"\n',
        ),
      ].join('\n'),
      check,
    );
    expect(unknown.map((f) => f.property)).toEqual([
      'Environment.Variables.API',
      'Environment.Variables.API2',
    ]);
  });

  it('passes a reference in a variable and slot that do not name a secret', () => {
    const { unknown, failed, passed } = scanTemplate(
      fn(
        '          DB_HOST: "{{resolve:ssm:/app/db/host}}"\n' +
          '          API: "https://api.example.com/v1?region={{resolve:ssm:/region}}"\n' +
          '          DB_PASSWORD_SECRET: "{{resolve:ssm:/app/db/secret-name}}"\n',
      ),
      check,
    );
    expect([...unknown, ...failed]).toEqual([]);
    expect(passed).toHaveLength(1);
  });
});

// CloudFormation reads an AWS::SSM::Parameter::Value<String> parameter from Parameter Store at deploy and writes the
// value into the function configuration (API_Parameter ResolvedValue): the same case as `{{resolve:ssm}}`.
describe('lambda.env-plaintext-secret: AWS::SSM::Parameter::Value<String> parameters', () => {
  const ssmParameters = [
    'Parameters:',
    '  DtConnectionAuthTokenSSM: { Type: "AWS::SSM::Parameter::Value<String>", Default: /dt/ConnectionAuthToken }',
    '  TokenSsmParameter: { Type: "AWS::SSM::Parameter::Value<String>" }',
    '  DbPassParam: { Type: "AWS::SSM::Parameter::Value<String>", Default: /app/db/pass }',
    '  TokensSSM: { Type: "AWS::SSM::Parameter::Value<List<String>>", Default: /app/tokens }',
    '  TableNameSsm: { Type: "AWS::SSM::Parameter::Value<String>", Default: /app/table }',
    '  ApiKeySecretArn: { Type: "AWS::SSM::Parameter::Value<String>", Default: /app/api-key-secret-arn }',
    '',
  ].join('\n');

  it('is unknown for one in a variable named as a secret, naming the parameter and its SSM path', () => {
    const { unknown, failed } = scanTemplate(
      fn('          DT_CONNECTION_AUTH_TOKEN: !Ref DtConnectionAuthTokenSSM\n', ssmParameters),
      check,
    );
    expect(failed).toEqual([]);
    expect(unknown).toHaveLength(1);
    expect(unknown[0]?.severity).toBe('medium');
    expect(unknown[0]?.message).toContain(
      'is set from parameter DtConnectionAuthTokenSSM (SSM parameter /dt/ConnectionAuthToken, its default), whose ' +
        'value CloudFormation reads from Parameter Store at deploy,',
    );
    expect(unknown[0]?.evidence).toMatchObject({
      parameters: 'DtConnectionAuthTokenSSM',
      value: '(read from SSM Parameter Store at deploy: not in the template)',
    });
  });

  it('says the SSM path is given at deploy when the parameter has no default, and names one given with -p', () => {
    const atDeploy = scanTemplate(fn('          TOKEN: !Ref TokenSsmParameter\n', ssmParameters), check);
    expect(atDeploy.unknown.map((f) => f.message)).toEqual([
      expect.stringContaining('parameter TokenSsmParameter (an SSM parameter named at deploy)'),
    ]);
    const given = scanTemplate(fn('          TOKEN: !Ref TokenSsmParameter\n', ssmParameters), check, {
      parameters: { TokenSsmParameter: '/prod/token' },
    });
    expect(given.unknown.map((f) => f.message)).toEqual([
      expect.stringContaining('(SSM parameter /prod/token, given with -p)'),
    ]);
  });

  it("is unknown for one in a URL's password, whatever the variable is called", () => {
    const { unknown } = scanTemplate(
      fn('          DB_URL: !Sub "postgres://app:${DbPassParam}@db/x"\n', ssmParameters),
      check,
    );
    expect(unknown.map((f) => f.property)).toEqual(['Environment.Variables.DB_URL']);
    expect(unknown[0]?.message).toContain('parameter DbPassParam (SSM parameter /app/db/pass, its default)');
  });

  it('says one caught only by its place in a URL sits where a password goes, not that it is named as a secret', () => {
    const { unknown } = scanTemplate(
      fn(
        '          L_URL: !Sub "postgres://app:${PlainHost}@db"\n',
        `${ssmParameters}  PlainHost: { Type: "AWS::SSM::Parameter::Value<String>", Default: /app/host }\n`,
      ),
      check,
    );
    expect(unknown.map((f) => f.property)).toEqual(['Environment.Variables.L_URL']);
    expect(unknown[0]?.message).toContain(
      'is set from parameter PlainHost (SSM parameter /app/host, its default), whose value CloudFormation reads ' +
        'from Parameter Store at deploy, and sits where a password goes:',
    );
    expect(unknown[0]?.message).not.toContain('named as a secret');
  });

  it('still says named as a secret where a name says so, even in a password slot', () => {
    const { unknown } = scanTemplate(
      fn('          DB_URL: !Sub "postgres://app:${DbPassParam}@db/x"\n', ssmParameters),
      check,
    );
    expect(unknown[0]?.message).toContain('at deploy, and named as a secret:');
  });

  it('is unknown for one whose own name says it holds a secret read from SSM, in a variable that does not', () => {
    const { unknown } = scanTemplate(
      fn(
        '          CONFIG: !Ref DbPasswordSsm\n',
        `${ssmParameters}  DbPasswordSsm: { Type: "AWS::SSM::Parameter::Value<String>", Default: /db/pw }\n`,
      ),
      check,
    );
    expect(unknown.map((f) => f.message)).toEqual([
      expect.stringContaining('parameter DbPasswordSsm (SSM parameter /db/pw, its default)'),
    ]);
  });

  it('skips a variable not named as a secret and a parameter named as a pointer to one', () => {
    const { unknown, failed, passed } = scanTemplate(
      fn('          TABLE: !Ref TableNameSsm\n' + '          API_KEY: !Ref ApiKeySecretArn\n', ssmParameters),
      check,
    );
    expect([...unknown, ...failed]).toEqual([]);
    expect(passed).toHaveLength(1);
  });
});

// AWS::SSM::Parameter::Value<List<String>> and Value<CommaDelimitedList> read a StringList (or a String of items parted
// by commas) from Parameter Store: a variable holds its items, the whole list joined with commas by !Join. A type of
// AWS resource (Value<AWS::EC2::Image::Id>, List<AWS::EC2::Subnet::Id>, AWS::EC2::KeyPair::KeyName) is an id or name
// CloudFormation checks against the account ("CloudFormation validates the values against existing values in the
// account", CDK's ssm.ParameterValueType, after the user guide's "SSM parameter types"): no secret.
describe('lambda.env-plaintext-secret: SSM parameter types other than Value<String>', () => {
  const parameters = [
    'Parameters:',
    '  TokensSSM: { Type: "AWS::SSM::Parameter::Value<List<String>>", Default: /app/tokens }',
    '  Passwords: { Type: "AWS::SSM::Parameter::Value<CommaDelimitedList>" }',
    '  Ami: { Type: "AWS::SSM::Parameter::Value<AWS::EC2::Image::Id>", Default: /aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64 }',
    '  Subnets: { Type: "AWS::SSM::Parameter::Value<List<AWS::EC2::Subnet::Id>>", Default: /app/subnets }',
    '  KeyName: { Type: "AWS::EC2::KeyPair::KeyName" }',
    '  DbPassParam: { Type: "AWS::SSM::Parameter::Value<String>", Default: /app/db/pass }',
    '',
  ].join('\n');

  const LIST_READ =
    'whose items CloudFormation reads from Parameter Store at deploy, and named as a secret: if an item is one, ' +
    'CloudFormation writes it into the function configuration (the whole list joined with commas where !Join takes ' +
    'it), where it shows in plaintext (and a StringList parameter keeps it unencrypted)';

  it('is unknown for a list in a variable named as a secret, saying it holds the items of a StringList', () => {
    const { unknown, failed } = scanTemplate(
      fn(
        '          API_TOKENS: !Join [",", !Ref TokensSSM]\n' +
          '          DB_PASSWORD: !Select [0, !Ref Passwords]\n',
        parameters,
      ),
      check,
    );
    expect(failed).toEqual([]);
    expect(unknown.map((f) => f.message)).toEqual([
      `Environment variable API_TOKENS is set from parameter TokensSSM (SSM parameter /app/tokens, its default, a list), ${LIST_READ}, and shows it as the parameter's ResolvedValue (DescribeStacks). Keep it in a SecureString or Secrets Manager, pass the name and read it at run time.`,
      `Environment variable DB_PASSWORD is set from parameter Passwords (an SSM parameter named at deploy, a list), ${LIST_READ}, and shows it as the parameter's ResolvedValue (DescribeStacks). Keep it in a SecureString or Secrets Manager, pass the name and read it at run time.`,
    ]);
  });

  it('passes an AWS resource id or name read from SSM or given at deploy, in a variable named as a secret', () => {
    const { unknown, failed, passed } = scanTemplate(
      fn(
        '          DB_PASSWORD: !Ref Ami\n' +
          '          API_TOKEN: !Join [",", !Ref Subnets]\n' +
          '          SECRET_KEY: !Ref KeyName\n',
        parameters,
      ),
      check,
    );
    expect([...unknown, ...failed]).toEqual([]);
    expect(passed).toHaveLength(1);
  });

  // `TokenSsmList` holds tokens read from SSM, as a list: `list` is said of the parameter's type, as `Ssm` of its source.
  it('reads a list named <secret>SsmList as holding the secret, and <pointer>SsmList as a pointer', () => {
    const lists = [
      'Parameters:',
      '  TokenSsmList: { Type: "AWS::SSM::Parameter::Value<List<String>>", Default: /app/tokens }',
      '  TokenArnSsmLists: { Type: "AWS::SSM::Parameter::Value<List<String>>", Default: /app/token-arns }',
      '',
    ].join('\n');
    const { unknown, failed } = scanTemplate(
      fn(
        '          API_TOKEN: !Select [0, !Ref TokenSsmList]\n' +
          '          API_TOKEN_ARN: !Select [0, !Ref TokenArnSsmLists]\n' +
          '          AUTH_TOKEN: !Select [0, !Ref TokenArnSsmLists]\n',
        lists,
      ),
      check,
    );
    expect(failed).toEqual([]);
    expect(unknown.map((f) => f.evidence?.variable)).toEqual(['API_TOKEN']);
    expect(unknown[0]?.message).toContain(
      'is set from parameter TokenSsmList (SSM parameter /app/tokens, its default, a list)',
    );
  });

  it('is unknown as before for a Value<String> beside an AWS resource id', () => {
    const { unknown } = scanTemplate(
      fn('          DB_PASSWORD: !Sub "${Ami}:${DbPassParam}"\n', parameters),
      check,
    );
    expect(unknown.map((f) => f.message)).toEqual([
      expect.stringContaining(
        'is set from parameter DbPassParam (SSM parameter /app/db/pass, its default), whose value',
      ),
    ]);
  });
});
