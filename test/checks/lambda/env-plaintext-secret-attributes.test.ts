import { describe, expect, it } from 'vitest';
import check from '../../../src/checks/lambda/env-plaintext-secret.js';
import { scanTemplate, template } from '../../helpers/scan-template.js';
import { lambdaFunction, samFunction, samTemplate } from '../../helpers/templates.js';

const CLIENT = `  Pool:
    Type: AWS::Cognito::UserPool
  Client:
    Type: AWS::Cognito::UserPoolClient
    Properties:
      UserPoolId: !Ref Pool
      GenerateSecret: true
  Key:
    Type: AWS::IAM::AccessKey
    Properties:
      UserName: ci
  Api:
    Type: AWS::AppSync::GraphQLApi
    Properties:
      Name: api
      AuthenticationType: API_KEY
  ApiKey:
    Type: AWS::AppSync::ApiKey
    Properties:
      ApiId: !GetAtt Api.ApiId
`;

/** A function with one environment variable set to `value`, beside the resources above. */
const withValue = (value: string, extra = '') =>
  template(
    `${lambdaFunction('Fn', `      Environment:\n        Variables:\n          SETTING: ${value}\n`)}${CLIENT}`,
    extra,
  );

describe('lambda.env-plaintext-secret: resource attributes that are secrets', () => {
  it('fails a Cognito client secret put into the environment, naming the attribute and never a value', () => {
    const { failed, errors } = scanTemplate(withValue('!GetAtt Client.ClientSecret'), check);
    expect(errors).toEqual([]);
    expect(failed).toHaveLength(1);
    expect(failed[0]?.severity).toBe('high');
    expect(failed[0]?.property).toBe('Environment.Variables.SETTING');
    expect(failed[0]?.message).toBe(
      'Environment variable SETTING is set from Client.ClientSecret (the app client secret of a Cognito user ' +
        'pool client): CloudFormation writes the resolved value into the function configuration at deploy, ' +
        'where it shows in plaintext.',
    );
    expect(failed[0]?.evidence).toMatchObject({
      variable: 'SETTING',
      kind: 'secret-attribute',
      attribute: 'Client.ClientSecret',
      resourceType: 'AWS::Cognito::UserPoolClient',
    });
  });

  it('fails an IAM secret access key and an AppSync API key, and the secret inside !Sub or !Join', () => {
    const cases: [string, string][] = [
      ['!GetAtt Key.SecretAccessKey', 'Key.SecretAccessKey'],
      ['!GetAtt ApiKey.ApiKey', 'ApiKey.ApiKey'],
      ["!Sub '${Client.ClientSecret}'", 'Client.ClientSecret'],
      ["!Sub 'id=${Client}&secret=${Client.ClientSecret}'", 'Client.ClientSecret'],
      ["!Join [':', [!Ref Client, !GetAtt Client.ClientSecret]]", 'Client.ClientSecret'],
      ["!Join ['', ['Basic ', !GetAtt [Client, ClientSecret]]]", 'Client.ClientSecret'],
    ];
    for (const [value, attribute] of cases) {
      const { failed } = scanTemplate(withValue(value), check);
      expect(
        failed.map((f) => f.evidence?.attribute),
        value,
      ).toEqual([attribute]);
    }
  });

  it('passes attributes of the same resources that are ids, names or ARNs, not secrets', () => {
    for (const value of [
      '!Ref Client',
      '!GetAtt Client.ClientId',
      '!Ref Key',
      '!GetAtt ApiKey.Arn',
      '!GetAtt ApiKey.ApiKeyId',
      "!Sub '${Pool.Arn}'",
    ]) {
      const { failed, passed } = scanTemplate(withValue(value), check);
      expect(failed, value).toEqual([]);
      expect(passed, value).toHaveLength(1);
    }
  });

  it('does not guess about a value from outside the template (an import or a parameter without default)', () => {
    const { failed, passed } = scanTemplate(withValue("!ImportValue 'auth-ClientSecret'"), check);
    expect(failed).toEqual([]);
    expect(passed[0]?.message).toContain('not known before deploy skipped');
    // A parameter given at deploy and named as a secret (its last Param a naming style) is unknown, not a pass.
    const given = scanTemplate(
      withValue('!Ref ClientSecretParam', 'Parameters:\n  ClientSecretParam: { Type: String }\n'),
      check,
    );
    expect(given.failed).toEqual([]);
    expect(given.unknown.map((f) => f.severity)).toEqual(['medium']);
  });

  it('fails each function that inherits the secret from SAM Globals, on the SAM function', () => {
    const sam = samTemplate(
      `${samFunction('One')}${samFunction('Two')}${CLIENT}`,
      'Globals:\n  Function:\n    Environment:\n      Variables:\n' +
        '        APP_CLIENT_SECRET: !GetAtt Client.ClientSecret\n',
    );
    const { failed, errors } = scanTemplate(sam, check);
    expect(errors).toEqual([]);
    expect(failed.map((f) => [f.resource.id, f.evidence?.attribute])).toEqual([
      ['One', 'Client.ClientSecret'],
      ['Two', 'Client.ClientSecret'],
    ]);
  });
});
