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
