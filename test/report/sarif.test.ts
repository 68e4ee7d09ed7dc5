import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Check } from '../../src/checks/define.js';
import type { Finding } from '../../src/findings/finding.js';
import { ruleName } from '../../src/report/sarif/rules.js';
import { FINGERPRINT_KEY, INFORMATION_URI, SARIF_SCHEMA_URI, toSarif } from '../../src/report/sarif.js';
import type { ScanResult } from '../../src/scan.js';
import {
  absolutePathFinding,
  CHECKS,
  checkError,
  configError,
  configSuppressedFinding,
  envSecretCheck,
  liveFinding,
  noLineFinding,
  parseError,
  passFinding,
  readError,
  samUrlFinding,
  scanResult,
  secretFinding,
  strayFinding,
  unknownFinding,
  urlAuthCheck,
  withErrors,
} from '../fixtures/sarif/inputs.js';

type Json = any;

function sarif(result: ScanResult = scanResult()): Json {
  return JSON.parse(toSarif(result, CHECKS));
}

function resultFor(log: Json, finding: Finding): Json {
  const found = log.runs[0].results.filter(
    (r: Json) => r.partialFingerprints[FINGERPRINT_KEY] === finding.fingerprint,
  );
  expect(found).toHaveLength(1);
  return found[0];
}

function ruleOf(log: Json, id: string): Json {
  return log.runs[0].tool.driver.rules.find((r: Json) => r.id === id);
}

afterEach(() => {
  vi.useRealTimers();
});

describe('toSarif: the log', () => {
  it('is one SARIF 2.1.0 run of parapet, ending in a newline', () => {
    const text = toSarif(scanResult(), CHECKS);
    expect(text.endsWith('}\n')).toBe(true);
    const log = JSON.parse(text);
    expect(log.$schema).toBe(SARIF_SCHEMA_URI);
    expect(log.version).toBe('2.1.0');
    expect(log.runs).toHaveLength(1);
    expect(log.runs[0].tool.driver).toMatchObject({
      name: 'parapet',
      version: '0.1.0',
      semanticVersion: '0.1.0',
      informationUri: INFORMATION_URI,
    });
    expect(log.runs[0].originalUriBaseIds['%SRCROOT%'].description.text).toBeTruthy();
    expect(log.runs[0].properties).toMatchObject({ scanDate: '2026-11-20', checksRun: CHECKS.length });
  });

  it('is the same bytes for the same input, whatever the clock or the order of the checks given', () => {
    vi.useFakeTimers();
    vi.setSystemTime(new Date('2020-01-01T00:00:00Z'));
    const first = toSarif(withErrors(), CHECKS);
    vi.setSystemTime(new Date('2031-06-15T12:34:56Z'));
    const second = toSarif(withErrors(), [...CHECKS].reverse());
    expect(second).toBe(first);
  });
});

describe('toSarif: rules', () => {
  it('has one rule per check with a finding or a scan error, sorted by id, and none for unused checks', () => {
    const ids = sarif(withErrors()).runs[0].tool.driver.rules.map((r: Json) => r.id);
    expect(ids).toEqual([
      'custom.tag-missing',
      'lambda.env-plaintext-secret',
      'lambda.function-url-auth-none',
      // The unknowns of a check have a rule of their own (below).
      'lambda.function-url-auth-none/unknown',
      'lambda.tracing-off',
      'logs.retention-unset',
    ]);
  });

  it('gives unknowns a rule without security severity, so code scanning does not block a merge on them', () => {
    const log = sarif();
    const review = ruleOf(log, 'lambda.function-url-auth-none/unknown');
    const own = ruleOf(log, 'lambda.function-url-auth-none');
    expect(review.defaultConfiguration).toEqual({ level: 'note' });
    expect(review.properties).not.toHaveProperty('security-severity');
    expect(review.properties.tags).not.toContain('security');
    expect(review.properties).toMatchObject({
      reviewOf: 'lambda.function-url-auth-none',
      severity: 'critical',
    });
    expect(review.shortDescription.text).toBe(`Not decided from the template: ${own.shortDescription.text}`);
    expect(review.help).toEqual(own.help);
    const result = resultFor(log, unknownFinding);
    expect(result.ruleId).toBe('lambda.function-url-auth-none/unknown');
    expect(result.properties).not.toHaveProperty('security-severity');
    expect(own.properties['security-severity']).toBe('9.5');
  });

  it('points every result, by id and index, at the rule of its check', () => {
    const log = sarif(withErrors());
    const rules = log.runs[0].tool.driver.rules;
    expect(log.runs[0].results.length).toBeGreaterThan(0);
    for (const result of log.runs[0].results) {
      expect(rules[result.ruleIndex].id).toBe(result.ruleId);
      const review = result.properties.status === 'unknown' ? '/unknown' : '';
      expect(result.ruleId).toBe(`${result.properties.checkId}${review}`);
    }
    for (const n of log.runs[0].invocations[0].toolExecutionNotifications.filter(
      (x: Json) => x.associatedRule,
    )) {
      expect(rules[n.associatedRule.index].id).toBe(n.associatedRule.id);
    }
  });

  it('describes a check: title, description, help with risk, remediation, snippets and compliance', () => {
    const rule = ruleOf(sarif(), urlAuthCheck.id);
    expect(rule.name).toBe('LambdaFunctionUrlAuthNone');
    expect(rule.shortDescription.text).toBe(urlAuthCheck.title);
    expect(rule.fullDescription.text).toBe(urlAuthCheck.description);
    for (const help of [rule.help.text, rule.help.markdown]) {
      expect(help).toContain(urlAuthCheck.description);
      expect(help).toContain(urlAuthCheck.risk);
      expect(help).toContain(urlAuthCheck.remediation.text);
      expect(help).toContain('AuthType: AWS_IAM');
      expect(help).toContain('AWS CDK (TypeScript):');
      expect(help).toContain('fn.addFunctionUrl({ authType: lambda.FunctionUrlAuthType.AWS_IAM });');
      expect(help).toContain('aws lambda update-function-url-config');
      expect(help).toContain('authorization_type = "AWS_IAM"');
      expect(help).toContain('NIST SP 800-53 Rev. 5');
      expect(help).toContain('AC-3, AC-6');
      expect(help).toContain('Lambda.1');
      expect(help).toContain('https://docs.aws.amazon.com/lambda/latest/dg/urls-auth.html');
    }
    expect(rule.help.markdown).toContain('```yaml\nFunctionUrlConfig:\n  AuthType: AWS_IAM\n```');
    // The CDK fix beside the CloudFormation one, before the CLI.
    const markdown: string = rule.help.markdown;
    expect(markdown).toContain(
      'AWS CDK (TypeScript):\n\n```ts\nfn.addFunctionUrl({ authType: lambda.FunctionUrlAuthType.AWS_IAM });\n```',
    );
    expect(markdown.indexOf('CloudFormation / SAM:')).toBeLessThan(markdown.indexOf('AWS CDK (TypeScript):'));
    expect(markdown.indexOf('AWS CDK (TypeScript):')).toBeLessThan(markdown.indexOf('AWS CLI:'));
    expect(rule.properties.compliance).toEqual({
      'aws-fsbp': ['Lambda.1'],
      'nist-800-53-r5': ['AC-3', 'AC-6'],
    });
  });

  it("puts a check's details after its remediation in the help, not in the full description", () => {
    const detailed: Check = { ...urlAuthCheck, details: 'A URL on an alias is judged with the alias.' };
    const rule = ruleOf(JSON.parse(toSarif(scanResult(), [detailed])), urlAuthCheck.id);
    expect(rule.fullDescription.text).toBe(urlAuthCheck.description);
    expect(rule.help.text).toContain('How Parapet decides: A URL on an alias is judged with the alias.');
    expect(rule.help.markdown).toContain(
      '## How Parapet decides\n\nA URL on an alias is judged with the alias.',
    );
    for (const help of [rule.help.text, rule.help.markdown] as string[])
      expect(help.indexOf('How Parapet decides')).toBeGreaterThan(
        help.indexOf('aws lambda update-function-url-config'),
      );
  });

  it('fences a snippet that holds backticks with a longer fence', () => {
    expect(ruleOf(sarif(), envSecretCheck.id).help.markdown).toContain('````yaml\nValue: "```"\n````');
  });

  it('gives GitHub a level, a security severity in the right band, tags and a precision', () => {
    const log = sarif();
    const expected = {
      'lambda.function-url-auth-none': ['error', '9.5'],
      'lambda.env-plaintext-secret': ['error', '8.0'],
      'custom.tag-missing': ['warning', '5.5'],
      'logs.retention-unset': ['note', '3.0'],
      'lambda.tracing-off': ['note', '1.0'],
    };
    for (const [id, [level, score]] of Object.entries(expected)) {
      const rule = ruleOf(log, id);
      expect(rule.defaultConfiguration.level, id).toBe(level);
      expect(rule.properties['security-severity'], id).toBe(score);
      expect(rule.properties.tags, id).toContain('security');
      expect(['very-high', 'high', 'medium', 'low'], id).toContain(rule.properties.precision);
    }
    expect(ruleOf(log, urlAuthCheck.id).properties.tags).toEqual([
      'security',
      'lambda',
      'aws-fsbp',
      'nist-800-53-r5',
    ]);
    expect(ruleOf(log, 'logs.retention-unset').properties.tags).toEqual(['security', 'logs']);
  });

  it('builds a rule from the finding when its check is not in the list given', () => {
    const rule = ruleOf(sarif(), strayFinding.checkId);
    expect(rule).toMatchObject({
      id: 'custom.tag-missing',
      name: 'CustomTagMissing',
      shortDescription: { text: strayFinding.title },
      defaultConfiguration: { level: 'warning' },
    });
    expect(rule.help.text).toBeTruthy();
    expect(rule.properties['security-severity']).toBe('5.5');
  });

  it('clips descriptions to the 1,024 characters GitHub keeps, and keeps the whole text in the help', () => {
    const long = 'Long description. '.repeat(80);
    const log = JSON.parse(
      toSarif(scanResult({ findings: [samUrlFinding] }), [{ ...urlAuthCheck, description: long } as Check]),
    );
    const rule = log.runs[0].tool.driver.rules[0];
    expect([...rule.fullDescription.text]).toHaveLength(1024);
    expect(rule.fullDescription.text.endsWith('…')).toBe(true);
    expect(long.startsWith(rule.fullDescription.text.slice(0, -1))).toBe(true);
    expect(rule.help.text).toContain(long.trim());
  });

  it('names rules in Pascal case from their ids', () => {
    expect(ruleName('iam.role-star-actions')).toBe('IamRoleStarActions');
    expect(ruleName('ec2.sg-0-0-0-0')).toBe('Ec2Sg0000');
  });
});

describe('toSarif: results', () => {
  it('has one result per finding with a file, in the scan order', () => {
    const fingerprints = sarif().runs[0].results.map((r: Json) => r.partialFingerprints[FINGERPRINT_KEY]);
    const expected = scanResult()
      .findings.filter((f) => f.location.file)
      .map((f) => f.fingerprint);
    expect(fingerprints).toEqual(expected);
    expect(fingerprints).not.toContain(liveFinding.fingerprint);
  });

  it('maps severity to level for failures: critical and high error, medium warning, low and info note', () => {
    const log = sarif();
    expect(resultFor(log, samUrlFinding)).toMatchObject({ kind: 'fail', level: 'error' });
    expect(resultFor(log, secretFinding)).toMatchObject({ kind: 'fail', level: 'error' });
    expect(resultFor(log, strayFinding)).toMatchObject({ kind: 'fail', level: 'warning' });
    expect(resultFor(log, configSuppressedFinding)).toMatchObject({ kind: 'fail', level: 'note' });
    expect(resultFor(log, noLineFinding)).toMatchObject({ kind: 'fail', level: 'note' });
  });

  it('makes an unknown a review result and a pass a pass result, both with level none as SARIF requires', () => {
    const log = sarif();
    const review = resultFor(log, unknownFinding);
    expect(review).toMatchObject({ kind: 'review', level: 'none' });
    expect(review.message.text).toMatch(
      /^Needs review: AuthType comes from parameter UrlAuth, which has no default\./,
    );
    const pass = resultFor(log, passFinding);
    expect(pass).toMatchObject({ kind: 'pass', level: 'none' });
    expect(pass.message.text).toMatch(/^Passed lambda\.tracing-off\./);
  });

  it('says in the message what is wrong, on which resource, which generated resource and what was assumed', () => {
    expect(resultFor(sarif(), samUrlFinding).message.text).toBe(
      'FunctionUrlConfig.AuthType is NONE. Resource: ApiFunction (AWS::Serverless::Function). ' +
        'Generated resource ApiFunctionUrl (AWS::Lambda::Url). Assumes the resource exists only when condition IsProd holds.',
    );
    expect(resultFor(sarif(), configSuppressedFinding).message.text).toContain(
      'CDK path: MyStack/LogRetention/Resource.',
    );
  });

  it('points at the file relative to %SRCROOT%, with line and column', () => {
    const [location] = resultFor(sarif(), samUrlFinding).locations;
    expect(location.physicalLocation).toEqual({
      artifactLocation: { uri: 'app/template.yaml', uriBaseId: '%SRCROOT%' },
      region: { startLine: 12, startColumn: 7 },
    });
  });

  it('puts a finding without a line on line 1, with no column, and percent-encodes its path', () => {
    const [location] = resultFor(sarif(), noLineFinding).locations;
    expect(location.physicalLocation).toEqual({
      artifactLocation: { uri: 'infra/my%20stack%231.yaml', uriBaseId: '%SRCROOT%' },
      region: { startLine: 1 },
    });
  });

  it('turns a path outside the scan root into a file URI', () => {
    const [location] = resultFor(sarif(), absolutePathFinding).locations;
    expect(location.physicalLocation.artifactLocation).toEqual({ uri: 'file:///srv/shared/template.yaml' });
  });

  it('names the resource as a logical location: the CDK path as its full name, the generated resource beside it', () => {
    const log = sarif();
    expect(resultFor(log, samUrlFinding).locations[0].logicalLocations).toEqual([
      { name: 'ApiFunction', fullyQualifiedName: 'ApiFunction', kind: 'resource' },
      { name: 'ApiFunctionUrl', fullyQualifiedName: 'ApiFunction/ApiFunctionUrl', kind: 'resource' },
    ]);
    expect(resultFor(log, configSuppressedFinding).locations[0].logicalLocations).toEqual([
      { name: 'LogRetentionaae0aa3c', fullyQualifiedName: 'MyStack/LogRetention/Resource', kind: 'resource' },
    ]);
  });

  it('carries the fingerprint for code scanning to track alerts across runs', () => {
    for (const result of sarif().runs[0].results) {
      expect(Object.keys(result.partialFingerprints)).toEqual([FINGERPRINT_KEY]);
      expect(result.partialFingerprints[FINGERPRINT_KEY]).toMatch(/^[0-9a-f]{32}$/);
    }
  });

  it('marks suppressed findings: inline in source, config external, with the reason as justification', () => {
    const log = sarif();
    expect(resultFor(log, secretFinding).suppressions).toEqual([
      { kind: 'inSource', justification: 'rotated test credential, not used in production' },
    ]);
    expect(resultFor(log, configSuppressedFinding).suppressions).toEqual([
      {
        kind: 'external',
        justification: 'CDK-managed log retention function',
        properties: { expires: '2031-01-01' },
      },
    ]);
    expect(resultFor(log, samUrlFinding).suppressions).toBeUndefined();
  });

  it('keeps severity, check, resource type and the already redacted evidence in the properties', () => {
    expect(resultFor(sarif(), secretFinding).properties).toMatchObject({
      checkId: 'lambda.env-plaintext-secret',
      severity: 'high',
      status: 'fail',
      resourceId: 'Worker',
      resourceType: 'AWS::Lambda::Function',
      evidence: { variable: 'DB_PASSWORD', value: '…(24 chars)' },
    });
    expect(resultFor(sarif(), samUrlFinding).properties).toMatchObject({
      property: 'FunctionUrlConfig.AuthType',
      generatedResource: { id: 'ApiFunctionUrl', type: 'AWS::Lambda::Url' },
      assumptions: ['the resource exists only when condition IsProd holds'],
    });
  });
});

describe('toSarif: live findings', () => {
  it('leaves a finding with an ARN and no file out of the results and reports it as a notification', () => {
    const log = sarif();
    const notifications = log.runs[0].invocations[0].toolExecutionNotifications;
    expect(notifications).toHaveLength(1);
    const [n] = notifications;
    expect(n.level).toBe('warning');
    expect(n.message.text).toContain('lambda.function-url-auth-none (fail): Function URL AuthType is NONE.');
    expect(n.message.text).toContain('arn:aws:lambda:eu-west-1:111122223333:function:prod-api');
    expect(n.locations).toEqual([
      {
        logicalLocations: [
          {
            name: 'arn:aws:lambda:eu-west-1:111122223333:function:prod-api',
            fullyQualifiedName: 'arn:aws:lambda:eu-west-1:111122223333:function:prod-api',
            kind: 'resource',
          },
        ],
      },
    ]);
    expect(log.runs[0].tool.driver.rules[n.associatedRule.index].id).toBe('lambda.function-url-auth-none');
    expect(n.properties).toMatchObject({
      fingerprint: liveFinding.fingerprint,
      account: '111122223333',
      region: 'eu-west-1',
    });
    // Not an error of the scan.
    expect(log.runs[0].invocations[0].executionSuccessful).toBe(true);
  });

  it('still has the rule when the only finding of a check is live', () => {
    const log = sarif(scanResult({ findings: [liveFinding] }));
    expect(log.runs[0].results).toEqual([]);
    expect(log.runs[0].tool.driver.rules.map((r: Json) => r.id)).toEqual(['lambda.function-url-auth-none']);
  });
});

describe('toSarif: the invocation', () => {
  it('is successful with no notifications when the scan had no errors, warnings or live findings', () => {
    const log = sarif(scanResult({ findings: [samUrlFinding] }));
    expect(log.runs[0].invocations).toEqual([{ executionSuccessful: true, toolExecutionNotifications: [] }]);
  });

  it('is not successful when the scan had errors, each an error notification with its file and position', () => {
    const log = sarif(withErrors());
    const invocation = log.runs[0].invocations[0];
    expect(invocation.executionSuccessful).toBe(false);
    const errors = invocation.toolExecutionNotifications.filter((n: Json) => n.level === 'error');
    expect(errors).toHaveLength(4);
    const [parse, check, read, config] = errors;
    expect(parse).toEqual({
      level: 'error',
      message: { text: `${parseError.message}.` },
      locations: [
        {
          physicalLocation: {
            artifactLocation: { uri: 'broken.yaml', uriBaseId: '%SRCROOT%' },
            region: { startLine: 4, startColumn: 3 },
          },
        },
      ],
      properties: { errorKind: 'parse' },
    });
    expect(check.associatedRule).toEqual({ id: checkError.checkId, index: 1 });
    expect(check.properties).toEqual({ errorKind: 'check', checkId: checkError.checkId, resource: 'Worker' });
    expect(read.message.text).toBe(`${readError.message}.`);
    expect(read.locations).toEqual([
      { physicalLocation: { artifactLocation: { uri: 'missing.yaml', uriBaseId: '%SRCROOT%' } } },
    ]);
    expect(config.message.text).toBe(`${configError.message}.`);
    expect(config.locations).toBeUndefined();
  });

  it('reports scan warnings as warning notifications', () => {
    const warnings = sarif(withErrors())
      .runs[0].invocations[0].toolExecutionNotifications.filter(
        (n: Json) => n.level === 'warning' && !n.associatedRule,
      )
      .map((n: Json) => n.message.text);
    expect(warnings).toEqual([
      'suppression of logs.* expired on 2026-01-01; its findings are reported again.',
    ]);
  });

  it('gives no rule to a scan error whose check is unknown', () => {
    const log = sarif(
      scanResult({
        findings: [],
        errors: [{ kind: 'check', checkId: 'gone.check', message: 'check gone.check failed' }],
      }),
    );
    expect(log.runs[0].tool.driver.rules).toEqual([]);
    expect(log.runs[0].invocations[0].toolExecutionNotifications[0].associatedRule).toBeUndefined();
  });
});
