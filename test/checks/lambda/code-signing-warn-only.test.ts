// biome-ignore-all lint/suspicious/noTemplateCurlyInString: CloudFormation `${...}` templates are written in these tests
import { describe, expect, it } from 'vitest';
import check from '../../../src/checks/lambda/code-signing-warn-only.js';
import { defaultHeader, MAYBE_MADE_HEADER, type Nesting, scanNestings } from '../../helpers/nestings.js';
import { scanTemplate, template } from '../../helpers/scan-template.js';
import { lambdaFunction, samFunction, samTemplate } from '../../helpers/templates.js';

const fn = (csc: string) => lambdaFunction('Fn', `      CodeSigningConfigArn: ${csc}\n`);
const config = (policies: string) => `  Csc:
    Type: AWS::Lambda::CodeSigningConfig
    Properties:
      AllowedPublishers:
        SigningProfileVersionArns: [arn:aws:signer:us-east-1:123456789012:/signing-profiles/p/abc]
${policies}`;

describe('lambda.code-signing-warn-only', () => {
  it('fails a configuration without CodeSigningPolicies (Warn by default) and points at the configuration', () => {
    const { failed, errors } = scanTemplate(template(fn('!Ref Csc') + config('')), check);
    expect(errors).toEqual([]);
    expect(failed).toHaveLength(1);
    expect(failed[0]?.resource.id).toBe('Fn');
    expect(failed[0]?.message).toBe(
      'The code signing configuration Csc has UntrustedArtifactOnDeployment Warn (the default: CodeSigningPolicies ' +
        'is not set): code that fails the signature check is still deployed.',
    );
    expect(failed[0]?.location).toEqual({
      file: 'template.yaml',
      line: 11,
      column: 3,
      declaration: { id: 'Csc' },
    });
  });

  it('fails an explicit Warn, saying it as written', () => {
    const { failed } = scanTemplate(
      template(
        fn('!GetAtt Csc.CodeSigningConfigArn') +
          config('      CodeSigningPolicies:\n        UntrustedArtifactOnDeployment: Warn\n'),
      ),
      check,
    );
    expect(failed.map((f) => f.message)).toEqual([
      'The code signing configuration Csc has UntrustedArtifactOnDeployment Warn: code that fails the signature ' +
        'check is still deployed.',
    ]);
  });

  it('passes Enforce', () => {
    const { failed, passed } = scanTemplate(
      template(
        fn('!Ref Csc') +
          config('      CodeSigningPolicies:\n        UntrustedArtifactOnDeployment: Enforce\n'),
      ),
      check,
    );
    expect(failed).toEqual([]);
    expect(passed).toHaveLength(1);
  });

  it('is unknown for a configuration that is not in this template', () => {
    const { failed, unknown } = scanTemplate(
      template(fn('arn:aws:lambda:us-east-1:123456789012:code-signing-config:csc-0abc')),
      check,
    );
    expect(failed).toEqual([]);
    expect(unknown).toHaveLength(1);
    expect(unknown[0]?.message).toContain('not in this template');
  });

  it('says a configuration ARN built with pseudo parameters is outside the template, not that it is unknown', () => {
    const { unknown } = scanTemplate(
      template(
        fn("!Sub 'arn:${AWS::Partition}:lambda:${AWS::Region}:${AWS::AccountId}:code-signing-config:csc-1'"),
      ),
      check,
    );
    expect(unknown.map((f) => f.message)).toEqual([
      'The code signing configuration arn:${AWS::Partition}:lambda:${AWS::Region}:${AWS::AccountId}:code-signing-config:csc-1 is not in this template; its policy cannot be seen.',
    ]);
  });

  it('is unknown when the policy comes from a parameter without default', () => {
    const { failed, unknown } = scanTemplate(
      template(
        fn('!Ref Csc') +
          config('      CodeSigningPolicies:\n        UntrustedArtifactOnDeployment: !Ref Policy\n'),
        'Parameters:\n  Policy: { Type: String }\n',
      ),
      check,
    );
    expect(failed).toEqual([]);
    expect(unknown).toHaveLength(1);
    expect(unknown[0]?.message).toContain('parameter Policy');
  });

  it("does not evaluate a function whose CodeSigningConfigArn is '' (no configuration)", () => {
    expect(scanTemplate(template(fn("''")), check).findings).toEqual([]);
  });

  it('does not evaluate functions without code signing', () => {
    const noSigning = fn('x').replace('      CodeSigningConfigArn: x\n', '');
    expect(scanTemplate(template(noSigning), check).findings).toEqual([]);
  });

  it('follows a SAM function to its code signing configuration', () => {
    const sam = samTemplate(samFunction('Fn', '      CodeSigningConfigArn: !Ref Csc\n') + config(''));
    const { failed } = scanTemplate(sam, check);
    expect(failed).toHaveLength(1);
    expect(failed[0]?.resource.id).toBe('Fn');
  });
});

describe('lambda.code-signing-warn-only on a template nested more than once', () => {
  /** child.yaml: function Fn signed by configuration Csc, whose UntrustedArtifactOnDeployment is parameter Policy. */
  const CHILD = template(
    fn('!Ref Csc') +
      config('      CodeSigningPolicies:\n        UntrustedArtifactOnDeployment: !Ref Policy\n'),
    'Parameters:\n  Policy:\n    Type: String\n',
  );
  const policies = (...texts: string[]) => texts.map((text) => ({ parameters: { Policy: text } }));
  const found = (scan: ReturnType<typeof scanNestings>) => scan.of('lambda.code-signing-warn-only', 'Fn');

  it('fails when one nesting gives Warn: that copy deploys unsigned code, and the finding names it', () => {
    const result = found(scanNestings(CHILD, policies('Enforce', 'Warn')));
    expect(result.map((f) => f.status)).toEqual(['fail']);
    expect(result[0]?.message).toMatch(
      /^UntrustedArtifactOnDeployment of Csc is one of Enforce, Warn \(from parameter Policy, .*\), each deployed by its own copy; where it is Warn, code that fails the signature check is still deployed\.$/,
    );
  });

  it('passes when every nesting gives Enforce', () => {
    expect(found(scanNestings(CHILD, policies('Enforce', 'Enforce'))).map((f) => f.status)).toEqual(['pass']);
  });

  it('is unknown when the nesting giving Warn may not be made, or gives it by default', () => {
    const maybe: Nesting = { parameters: { Policy: 'Warn' }, condition: 'IsOld' };
    const conditional = scanNestings(CHILD, [...policies('Enforce'), maybe], MAYBE_MADE_HEADER);
    expect(found(conditional).map((f) => f.status)).toEqual(['unknown']);
    const byDefault = scanNestings(CHILD, policies('Enforce', '!Ref Given'), defaultHeader('Warn'));
    expect(found(byDefault).map((f) => f.status)).toEqual(['unknown']);
  });
});
