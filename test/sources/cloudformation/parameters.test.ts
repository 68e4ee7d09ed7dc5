import { describe, expect, it } from 'vitest';
import runtimeDeprecated from '../../../src/checks/lambda/runtime-deprecated.js';
import { checkParameterValues } from '../../../src/sources/cloudformation/parameters.js';
import { buildTemplateInventory } from '../../../src/sources/cloudformation/template.js';
import { parseYaml } from '../../../src/sources/cloudformation/yaml.js';
import { scanTemplate } from '../../helpers/scan-template.js';

/** The messages for one parameter declaration, given `value` with -p. */
function given(decl: Record<string, unknown>, value: string): string[] {
  return checkParameterValues({ Parameters: { P: decl } }, { P: value }).map((i) => i.message);
}

/** The messages for one declaration's own Default. */
function defaultOf(decl: Record<string, unknown>): string[] {
  return checkParameterValues({ Parameters: { P: decl } }).map((i) => i.message);
}

describe('checkParameterValues: -p values', () => {
  it('names the parameter, the value and the AllowedValues it is not one of', () => {
    expect(given({ Type: 'String', AllowedValues: ['dev', 'prod'] }, 'qa')).toEqual([
      '-p P=qa: not one of AllowedValues [dev, prod]; CloudFormation rejects this value (scanned with it anyway)',
    ]);
    expect(given({ Type: 'String', AllowedValues: ['dev', 'prod'] }, 'prod')).toEqual([]);
  });

  it('points at the parameter declaration', () => {
    const parameters = { Stage: { Type: 'String', AllowedValues: ['dev'] } };
    const [issue] = checkParameterValues({ Parameters: parameters }, { Stage: 'qa' });
    expect(issue?.node).toBe(parameters);
    expect(issue?.key).toBe('Stage');
  });

  it('requires AllowedPattern to match the whole value', () => {
    const decl = { Type: 'String', AllowedPattern: '[a-z]+' };
    expect(given(decl, 'abc')).toEqual([]);
    expect(given(decl, 'abc1')[0]).toContain('-p P=abc1: not matched by AllowedPattern [a-z]+');
    expect(given(decl, '1abc')).toHaveLength(1);
  });

  it('checks MinLength and MaxLength of a String, written as numbers or text', () => {
    expect(given({ Type: 'String', MinLength: 3 }, 'ab')[0]).toContain('shorter than MinLength 3');
    expect(given({ Type: 'String', MaxLength: '4' }, 'abcde')[0]).toContain('longer than MaxLength 4');
    expect(given({ Type: 'String', MinLength: 3, MaxLength: 4 }, 'abcd')).toEqual([]);
  });

  it('requires a Number to be a number within MinValue and MaxValue', () => {
    expect(given({ Type: 'Number' }, 'ten')[0]).toContain('-p P=ten: not a number');
    expect(given({ Type: 'Number' }, '')[0]).toContain('not a number');
    expect(given({ Type: 'Number' }, '-1.5e3')).toEqual([]);
    expect(given({ Type: 'Number', MinValue: 1 }, '0')[0]).toContain('less than MinValue 1');
    expect(given({ Type: 'Number', MaxValue: '10' }, '10.5')[0]).toContain('greater than MaxValue 10');
    expect(given({ Type: 'Number', MinValue: 1, MaxValue: 10 }, '10')).toEqual([]);
  });

  it('compares a Number with AllowedValues as numbers too', () => {
    expect(given({ Type: 'Number', AllowedValues: [128, 256] }, '256.0')).toEqual([]);
    expect(given({ Type: 'Number', AllowedValues: [128, 256] }, '512')[0]).toContain(
      'not one of AllowedValues [128, 256]',
    );
  });

  it('requires each item of a List<Number> to be a number', () => {
    expect(given({ Type: 'List<Number>' }, '80, 443')).toEqual([]);
    expect(given({ Type: 'List<Number>' }, '80,http')[0]).toContain(
      'not a list of numbers (item "http" is not a number)',
    );
  });

  it('checks each item of a CommaDelimitedList against AllowedValues and AllowedPattern', () => {
    const values = { Type: 'CommaDelimitedList', AllowedValues: ['a', 'b'] };
    expect(given(values, 'a, b')).toEqual([]);
    expect(given(values, 'a,c')[0]).toContain(
      'not made of AllowedValues [a, b] (item "c" is not one of them)',
    );
    const pattern = { Type: 'CommaDelimitedList', AllowedPattern: 'subnet-[0-9a-f]+' };
    expect(given(pattern, 'subnet-1a,subnet-2b')).toEqual([]);
    expect(given(pattern, 'subnet-1a,sg-2')[0]).toContain('(item "sg-2" does not match)');
  });

  it('accepts a list whose whole text is allowed, as cfn-lint does', () => {
    expect(given({ Type: 'CommaDelimitedList', AllowedValues: ['a,b'] }, 'a,b')).toEqual([]);
  });

  it('does not check AWS-specific, SSM or unknown types', () => {
    const constraints = { AllowedValues: ['x'], AllowedPattern: 'x', MinLength: 5 };
    for (const Type of [
      'AWS::EC2::VPC::Id',
      'List<AWS::EC2::Subnet::Id>',
      'AWS::SSM::Parameter::Value<String>',
      'AWS::SSM::Parameter::Name',
      'Strnig',
    ]) {
      expect(given({ Type, ...constraints }, 'vpc-1'), Type).toEqual([]);
    }
  });

  it('treats a parameter without Type as a String', () => {
    expect(given({ AllowedValues: ['a'] }, 'b')).toHaveLength(1);
  });

  it('never prints a NoEcho value, even inside a list', () => {
    const secret = 'hunter2-secret';
    const messages = [
      ...given({ Type: 'String', NoEcho: true, MinLength: 20 }, secret),
      ...given({ Type: 'String', NoEcho: 'true', AllowedPattern: '[0-9]+' }, secret),
      ...given({ Type: 'CommaDelimitedList', NoEcho: true, AllowedValues: ['a'] }, `a,${secret}`),
      ...given({ Type: 'List<Number>', NoEcho: true }, `1,${secret}`),
    ];
    expect(messages).toHaveLength(4);
    for (const message of messages) {
      expect(message).not.toContain(secret);
      expect(message).toMatch(/^-p P: the given value is /);
    }
    expect(messages[2]).toContain('(an item is not one of them)');
  });

  it('does not print a value whose name or shape says it may be a secret, NoEcho or not', () => {
    const byName = checkParameterValues(
      { Parameters: { DbPassword: { Type: 'String', MinLength: 12 } } },
      { DbPassword: 'hunter2' },
    );
    expect(byName.map((i) => i.message)).toEqual([
      '-p DbPassword: the given value is shorter than MinLength 12; CloudFormation rejects this value (scanned with it anyway)',
    ]);
    const token = 'ghp_0123456789abcdefghijklmnopqrstuvwxyz';
    const [byShape] = given({ Type: 'String', AllowedValues: ['none'] }, token);
    expect(byShape).toContain('-p P: the given value is not one of AllowedValues [none]');
    expect(byShape).not.toContain(token);
  });

  it("adds the template's ConstraintDescription", () => {
    expect(
      given(
        { Type: 'String', AllowedPattern: '[a-z]+', ConstraintDescription: 'lower-case letters only' },
        'A',
      )[0],
    ).toContain('not matched by AllowedPattern [a-z]+ (lower-case letters only)');
  });

  it('reports only the parameters given with -p (besides bad defaults)', () => {
    const template = { Parameters: { A: { Type: 'Number' }, B: { Type: 'Number' } } };
    expect(checkParameterValues(template, { B: 'x' }).map((i) => i.key)).toEqual(['B']);
    expect(checkParameterValues({}, { B: 'x' })).toEqual([]);
  });
});

describe('checkParameterValues: AllowedPattern in Java regex syntax', () => {
  it('reads escapes JavaScript takes only outside unicode mode', () => {
    expect(given({ Type: 'String', AllowedPattern: '[a-z\\_]+' }, 'a_b')).toEqual([]);
  });

  it('does not check a pattern JavaScript would read differently from Java', () => {
    for (const pattern of ['\\p{Alpha}+', '(?i)[a-z]+', '[a-z&&[^q]]+', '\\Aabc\\z', 'a++']) {
      expect(given({ Type: 'String', AllowedPattern: pattern }, '1!'), pattern).toEqual([]);
    }
  });

  it('does not check a pattern that is not a regular expression at all', () => {
    expect(given({ Type: 'String', AllowedPattern: '[a-z' }, 'x')).toEqual([]);
  });
});

describe('checkParameterValues: Defaults', () => {
  it('reports a Default that breaks its own constraints, at the Default', () => {
    const decl = { Type: 'String', Default: 'qa', AllowedValues: ['dev', 'prod'] };
    const [issue] = checkParameterValues({ Parameters: { Stage: decl } });
    expect(issue?.message).toBe(
      'parameter Stage: Default "qa" is not one of AllowedValues [dev, prod]; CloudFormation requires a Default to meet its parameter\'s constraints',
    );
    expect(issue?.node).toBe(decl);
    expect(issue?.key).toBe('Default');
  });

  it('accepts good Defaults, YAML numbers and dates read as the text written', () => {
    expect(defaultOf({ Type: 'String', Default: 'prod', AllowedValues: ['dev', 'prod'] })).toEqual([]);
    expect(defaultOf({ Type: 'Number', Default: 5, MinValue: 1, MaxValue: 10 })).toEqual([]);
    expect(
      defaultOf({ Type: 'String', Default: '2024-01-31', AllowedPattern: '\\d{4}-\\d{2}-\\d{2}' }),
    ).toEqual([]);
    expect(defaultOf({ Type: 'Number', Default: 50, MaxValue: 10 })[0]).toContain(
      'Default "50" is greater than MaxValue 10',
    );
  });

  it('reports a bad Default even when -p gives another value, and the -p value on its own', () => {
    const template = { Parameters: { P: { Type: 'String', Default: 'qa', AllowedValues: ['dev'] } } };
    expect(checkParameterValues(template, { P: 'dev' }).map((i) => i.key)).toEqual(['Default']);
    expect(checkParameterValues(template, { P: 'x' }).map((i) => i.key)).toEqual(['Default', 'P']);
  });

  it('reports a Default that is a list or a mapping, at the Default: CloudFormation takes only text there', () => {
    const decl = { Type: 'CommaDelimitedList', Default: ['bucket-name'] };
    const [issue] = checkParameterValues({ Parameters: { Buckets: decl } });
    expect(issue?.message).toBe(
      "parameter Buckets: its Default is a list; CloudFormation requires text (a CommaDelimitedList's Default is one text of comma-separated values) and rejects the template",
    );
    expect([issue?.node, issue?.key]).toEqual([decl, 'Default']);
    expect(defaultOf({ Type: 'String', Default: { Name: 'x' } })[0]).toContain('its Default is a mapping');
    expect(defaultOf({ Type: 'CommaDelimitedList', Default: 'a,b' })).toEqual([]);
  });

  it('does not print the Default of a NoEcho parameter', () => {
    const [message] = defaultOf({ Type: 'String', NoEcho: true, Default: 'tooshort', MinLength: 12 });
    expect(message).toContain('parameter P: its Default is shorter than MinLength 12');
    expect(message).not.toContain('tooshort');
  });
});

describe('checkParameterValues: every broken constraint, none of a secret spelled out', () => {
  const decl = { Type: 'String', AllowedPattern: '[a-z]+', MinLength: 5 };

  it('reports every constraint a value breaks, in one message', () => {
    expect(given(decl, 'AB')).toEqual([
      '-p P=AB: not matched by AllowedPattern [a-z]+ and shorter than MinLength 5; CloudFormation rejects this value (scanned with it anyway)',
    ]);
    expect(given({ Type: 'Number', AllowedValues: [1, 2] }, 'ten')).toEqual([
      '-p P=ten: not a number and not one of AllowedValues [1, 2]; CloudFormation rejects this value (scanned with it anyway)',
    ]);
    expect(
      given({ Type: 'String', AllowedValues: ['dev'], AllowedPattern: 'd.*', MaxLength: 3 }, 'prod'),
    ).toEqual([
      '-p P=prod: not one of AllowedValues [dev], not matched by AllowedPattern d.* and longer than MaxLength 3; CloudFormation rejects this value (scanned with it anyway)',
    ]);
  });

  it('reports every constraint a NoEcho value breaks too, without its AllowedPattern', () => {
    const [message] = given({ ...decl, NoEcho: true }, 'AB');
    expect(message).toBe(
      '-p P: the given value is not matched by its AllowedPattern and shorter than MinLength 5; CloudFormation rejects this value (scanned with it anyway)',
    );
  });

  it('does not print the AllowedValues or AllowedPattern of a NoEcho parameter: they spell out the secret', () => {
    const secret = 'Sup3rS3cretDbPassw0rd';
    const noEcho = {
      Type: 'String',
      NoEcho: true,
      Default: 'tooshort',
      AllowedValues: [secret, 'Other1'],
      AllowedPattern: `${secret}|Other1`,
    };
    const messages = checkParameterValues(
      { Parameters: { DbPassword: noEcho } },
      { DbPassword: 'wrong' },
    ).map((i) => i.message);
    expect(messages).toEqual([
      "parameter DbPassword: its Default is not one of its AllowedValues and not matched by its AllowedPattern; CloudFormation requires a Default to meet its parameter's constraints",
      '-p DbPassword: the given value is not one of its AllowedValues and not matched by its AllowedPattern; CloudFormation rejects this value (scanned with it anyway)',
    ]);
    const list = given({ Type: 'CommaDelimitedList', NoEcho: true, AllowedValues: [secret] }, 'x');
    expect(list[0]).toContain('not made of its AllowedValues (an item is not one of them)');
    for (const message of [...messages, ...list]) {
      expect(message).not.toContain(secret);
      expect(message).not.toContain('Other1');
    }
  });

  it('does not print the AllowedValues of a parameter named like a password, NoEcho or not', () => {
    const [message] = checkParameterValues(
      { Parameters: { AdminPassword: { Type: 'String', AllowedValues: ['hunter2'] } } },
      { AdminPassword: 'x' },
    ).map((i) => i.message);
    expect(message).toBe(
      '-p AdminPassword: the given value is not one of its AllowedValues; CloudFormation rejects this value (scanned with it anyway)',
    );
  });

  it('does not print the default of a parameter named like a secret in the style GitHubClientSecretParameter', () => {
    const messages = checkParameterValues({
      Parameters: {
        GitHubClientSecretParameter: { Type: 'String', Default: 'Qz7kWvUtabc', AllowedPattern: '[0-9]+' },
      },
    }).map((i) => i.message);
    expect(messages).toHaveLength(1);
    expect(messages[0]).not.toContain('Qz7k');
  });

  it('still prints the AllowedValues of an ordinary parameter given a token-like value', () => {
    const token = 'ghp_0123456789abcdefghijklmnopqrstuvwxyz';
    const [message] = given({ Type: 'String', AllowedValues: ['dev', 'prod'], MinLength: 50 }, token);
    expect(message).toBe(
      '-p P: the given value is not one of AllowedValues [dev, prod] and shorter than MinLength 50; CloudFormation rejects this value (scanned with it anyway)',
    );
  });
});

describe('a parameter whose Default is a list, in a scan', () => {
  it('is one error, at the Default; what refers to it is not known, not a second error at each use', () => {
    const text = `Parameters:
  Rt:
    Type: String
    Default: [python3.8]
Resources:
  Fn:
    Type: AWS::Lambda::Function
    Properties:
      Runtime: !Ref Rt
      Handler: index.handler
      Role: arn:aws:iam::123456789012:role/r
      Code: { ZipFile: x }
`;
    const { errors, unknown } = scanTemplate(text, runtimeDeprecated);
    expect(errors.map((e) => [e.line, e.column, e.message])).toEqual([
      [
        4,
        5,
        "parameter Rt: its Default is a list; CloudFormation requires text (a CommaDelimitedList's Default is one text of comma-separated values) and rejects the template",
      ],
    ]);
    expect(unknown.map((f) => f.checkId)).toEqual(['lambda.runtime-deprecated']);
  });
});

describe('checkParameterValues: an AllowedPattern that backtracks without end', () => {
  // `(a+)+$` on 40 a's and a b: minutes of backtracking in JavaScript's engine, stopped after 250 ms.
  const slow = { Type: 'String', AllowedPattern: '(a+)+$', Default: `${'a'.repeat(40)}b` };
  const uncheckedBecause =
    'is not checked against its AllowedPattern (a+)+$: matching it was stopped after 250 ms (a pattern that repeats a repeated part, such as (a+)+, backtracks for longer than a scan can wait on text it almost matches)';

  function checked(template: Record<string, unknown>, values?: Record<string, string>) {
    const warnings: { message: string; key: string | number | undefined }[] = [];
    const started = Date.now();
    const errors = checkParameterValues(template, values, undefined, (w) =>
      warnings.push({ message: w.message, key: w.key }),
    ).map((i) => i.message);
    return { errors, warnings, ms: Date.now() - started };
  }

  it('stops the match, warns at the Default, and reports no error', () => {
    const { errors, warnings, ms } = checked({ Parameters: { Name: slow } });
    expect(errors).toEqual([]);
    expect(warnings).toEqual([
      { message: `parameter Name: its Default ${uncheckedBecause}`, key: 'Default' },
    ]);
    expect(ms).toBeLessThan(10_000);
  });

  it('warns of a -p value too, and of a CommaDelimitedList item, without printing a secret pattern', () => {
    const given = `${'a'.repeat(30)}c`;
    expect(checked({ Parameters: { Name: { ...slow, Default: 'a' } } }, { Name: given }).warnings).toEqual([
      { message: `parameter Name: the value -p Name gives ${uncheckedBecause}`, key: 'Name' },
    ]);
    const list = { Type: 'CommaDelimitedList', AllowedPattern: '(a+)+$', Default: `a,${'a'.repeat(30)}!` };
    expect(checked({ Parameters: { Names: list } }).warnings.map((w) => w.message)).toEqual([
      `parameter Names: its Default ${uncheckedBecause}`,
    ]);
    const secret = { ...slow, NoEcho: true };
    expect(checked({ Parameters: { Token: secret } }).warnings.map((w) => w.message)).toEqual([
      'parameter Token: its Default is not checked against its AllowedPattern: matching it was stopped after 250 ms (a pattern that repeats a repeated part, such as (a+)+, backtracks for longer than a scan can wait on text it almost matches)',
    ]);
  });

  it('still decides such a pattern where it matches or fails fast', () => {
    const names = { Type: 'String', AllowedPattern: '([a-z0-9]+-)*[a-z0-9]+' };
    const ok = checked({ Parameters: { P: { ...names, Default: 'my-service-name-in-production' } } });
    expect([ok.errors, ok.warnings]).toEqual([[], []]);
    const bad = checked({ Parameters: { P: { ...names, Default: 'my-service-name-in-production-' } } });
    expect(bad.errors).toEqual([
      'parameter P: Default "my-service-name-in-production-" is not matched by AllowedPattern ([a-z0-9]+-)*[a-z0-9]+; CloudFormation requires a Default to meet its parameter\'s constraints',
    ]);
    expect(bad.warnings).toEqual([]);
  });

  it('is a scan warning at the Default line', () => {
    const text = `AWSTemplateFormatVersion: '2010-09-09'
Parameters:
  Name:
    Type: String
    AllowedPattern: '(a+)+$'
    Default: ${'a'.repeat(40)}b
Resources:
  Topic:
    Type: AWS::SNS::Topic
`;
    const parsed = parseYaml(text, 'template.yaml');
    const built = buildTemplateInventory(parsed.value as Record<string, unknown>, parsed.locator);
    expect(built.errors).toEqual([]);
    expect(built.warnings).toEqual([
      { message: `parameter Name: its Default ${uncheckedBecause}`, line: 6, column: 5 },
    ]);
  });
});
