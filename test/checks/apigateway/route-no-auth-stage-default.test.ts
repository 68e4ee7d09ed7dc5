// biome-ignore-all lint/suspicious/noTemplateCurlyInString: CloudFormation `${...}` templates are written in these tests
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ALL_CHECKS } from '../../../src/checks/index.js';
import { EMPTY_CONFIG } from '../../../src/config/config.js';
import { scan } from '../../../src/scan.js';
import { scanTemplateFile } from '../../helpers/scan-file.js';
import { allowOffice, association, OFFICE_IPS, webAcl } from '../../helpers/web-acl-templates.js';

// The stage name a Deployment takes from a parameter's default is read while mapping a REST API's routes (for the web
// ACLs on its stages): a route's verdict rests on it only where a web ACL association names the API.

const written = readFileSync(
  join(import.meta.dirname, '../../fixtures/conditions/route-stage-default.yaml'),
  'utf8',
);

const results = (text: string) =>
  scanTemplateFile(text, 'apigateway.route-no-auth').findings.map((f) => [
    f.resource.id,
    f.status,
    f.assumptions ?? [],
  ]);

/** As `results`, with the passing findings kept (`--show-passed`). */
const withPassed = (text: string) => {
  const dir = mkdtempSync(join(tmpdir(), 'parapet-template-'));
  writeFileSync(join(dir, 'template.yaml'), text);
  const result = scan([dir], {
    checks: ALL_CHECKS.filter((c) => c.id === 'apigateway.route-no-auth'),
    config: EMPTY_CONFIG,
    scanDate: new Date('2026-11-25'),
    cwd: dir,
    includePassed: true,
  });
  expect(result.errors).toEqual([]);
  return result.findings.map((f) => [f.resource.id, f.status, f.assumptions ?? []]);
};

const ASSUMED = (parameter: string) =>
  `parameter ${parameter} uses its default value, which a deploy may override`;

describe('apigateway.route-no-auth: defaults read for the stages of the API', () => {
  it('lists none for an open route where no web ACL names the API', () => {
    expect(results(written)).toEqual([['Post', 'fail', []]]);
  });

  it('lists none on any route of the API (the stages are read once per API)', () => {
    const second = written.replace(
      '  Perm:\n',
      `  Get:
    Type: AWS::ApiGateway::Method
    Properties:
      RestApiId: !Ref Api
      ResourceId: !Ref Res
      HttpMethod: GET
      AuthorizationType: NONE
      Integration:
        Type: AWS_PROXY
        IntegrationHttpMethod: POST
        Uri: !Sub 'arn:aws:apigateway:\${AWS::Region}:lambda:path/2015-03-31/functions/\${Fn.Arn}/invocations'
  Perm:
`,
    );
    expect(results(second)).toEqual([
      ['Post', 'fail', []],
      ['Get', 'fail', []],
    ]);
  });

  it('lists the default that decides the open verdict (AuthorizationType from a parameter)', () => {
    const chosen = written
      .replace('AuthorizationType: NONE', 'AuthorizationType: !Ref Auth')
      .replace('Parameters:\n', 'Parameters:\n  Auth: { Type: String, Default: NONE }\n');
    expect(results(chosen)).toEqual([['Post', 'fail', [ASSUMED('Auth')]]]);
  });

  it('keeps the stage default where a web ACL association names the stage by it', () => {
    const guarded =
      written +
      OFFICE_IPS +
      webAcl(allowOffice(), 'Allow') +
      association("!Sub 'arn:aws:apigateway:${AWS::Region}::/restapis/${Api}/stages/${Stage}'");
    expect(results(guarded)).toEqual([['Post', 'fail', [ASSUMED('Stage')]]]);
  });

  // A route that requires authorization passes whatever the web ACLs hold: its verdict reads none of them.
  it('lists no stage default on a route that requires authorization, though a web ACL names the stage by it', () => {
    const guarded =
      written.replace('AuthorizationType: NONE', 'AuthorizationType: AWS_IAM') +
      OFFICE_IPS +
      webAcl(allowOffice(), 'Allow') +
      association("!Sub 'arn:aws:apigateway:${AWS::Region}::/restapis/${Api}/stages/${Stage}'");
    expect(withPassed(guarded)).toEqual([['Post', 'pass', []]]);
  });

  it('lists only the default that decides the authorization, where it decides there is some', () => {
    const guarded =
      written
        .replace('AuthorizationType: NONE', 'AuthorizationType: !Ref Auth')
        .replace('Parameters:\n', 'Parameters:\n  Auth: { Type: String, Default: AWS_IAM }\n') +
      OFFICE_IPS +
      webAcl(allowOffice(), 'Allow') +
      association("!Sub 'arn:aws:apigateway:${AWS::Region}::/restapis/${Api}/stages/${Stage}'");
    expect(withPassed(guarded)).toEqual([['Post', 'pass', [ASSUMED('Auth')]]]);
  });

  it('keeps the stage default where the authorization is not known (it may be NONE, and the web ACL then decides)', () => {
    const guarded =
      written.replace('AuthorizationType: NONE', 'AuthorizationType: !ImportValue AuthType') +
      OFFICE_IPS +
      webAcl(allowOffice(), 'Allow') +
      association("!Sub 'arn:aws:apigateway:${AWS::Region}::/restapis/${Api}/stages/${Stage}'");
    expect(results(guarded)).toEqual([['Post', 'unknown', [ASSUMED('Stage')]]]);
  });
});
