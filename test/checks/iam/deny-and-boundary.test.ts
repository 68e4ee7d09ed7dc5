// biome-ignore-all lint/suspicious/noTemplateCurlyInString: CloudFormation `${...}` templates are the subject of these tests
import { describe, expect, it } from 'vitest';
import wildcardAction from '../../../src/checks/iam/role-wildcard-action.js';
import wildcardWrite from '../../../src/checks/iam/role-wildcard-resource-write.js';
import { scanTemplate, template } from '../../helpers/scan-template.js';
import { allow, boundaryPolicy, fn, inline, role } from './fixtures.js';

const CHECKS = [wildcardAction, wildcardWrite];

/** A Deny of `inline` denying every action but `notAction` on every resource. */
function denyAllBut(notAction: string): string {
  return `              - Effect: Deny
                NotAction: ${notAction}
                Resource: '*'
`;
}

/** Role AppRole of function Fn: `*` on `*` less a Deny of all but `notAction`, under `PermissionsBoundary: boundary`. */
function deniedAndBounded(notAction: string, boundary: string, extra = '', head = ''): string {
  const body = `      PermissionsBoundary: ${boundary}\n${inline(allow("'*'", "'*'") + denyAllBut(notAction))}`;
  return template(role('AppRole', body) + fn('Fn', '!GetAtt AppRole.Arn') + extra, head);
}

const DENY = 'the Deny of inline policy app, Statement[1]';
const KEPT_PARAM = 'Parameters:\n  Kept: { Type: String }\n';
const WRITES_DENIED = `${DENY} cancels 9,677 write actions, all but those of NotAction s3:*`;

const outcomes = (
  findings: readonly { checkId: string; status: string; severity: string; message: string }[],
) => findings.map((f) => [f.checkId, f.status, f.severity, f.message]);

describe('an explicit Deny and a permissions boundary weighed together', () => {
  it('passes what the Deny leaves when the boundary allows none of it, saying both limit it', () => {
    // The Deny leaves s3 alone; the boundary allows logs alone: nothing is left.
    const { failed, unknown, passed } = scanTemplate(
      deniedAndBounded("'s3:*'", '!Ref Boundary', boundaryPolicy("'logs:*'")),
      CHECKS,
    );
    expect([failed, unknown]).toEqual([[], []]);
    const limited = `(what inline policy app, Statement[0] grants is limited by ${DENY}, which leaves it`;
    expect(passed.map((f) => f.message)).toEqual([
      `no statement allows a wildcard action ${limited} s3:*, and by its permissions boundary Boundary, which allows none of that)`,
      expect.stringMatching(
        new RegExp(
          `^no statement allows write actions on every resource, or on every resource of a type \\(left out: .*\\) \\(${esc(WRITES_DENIED)}\\) ${esc(limited)} \\d+ actions, and by its permissions boundary Boundary, which allows none of that\\)$`,
        ),
      ),
    ]);
  });

  it('keeps what survives both, saying what the Deny cancelled and naming the boundary: no administrator', () => {
    const { failed } = scanTemplate(
      deniedAndBounded("'s3:*'", '!Ref Boundary', boundaryPolicy("'*'")),
      CHECKS,
    );
    expect(outcomes(failed)).toEqual([
      [
        'iam.role-wildcard-action',
        'fail',
        'high',
        `inline policy app, Statement[0]: Allow grants every action ("*") (${DENY} cancels all of it but s3:*); its permissions boundary Boundary allows every action ("*").`,
      ],
      [
        'iam.role-wildcard-resource-write',
        'fail',
        'high',
        expect.stringMatching(
          new RegExp(
            `^inline policy app, Statement\\[0\\]: Allow grants write actions \\("\\*"\\) on every resource: (s3:\\w+, ){4}s3:\\w+ and 86 more \\(permissions management included\\) \\(${esc(WRITES_DENIED)}\\); its permissions boundary Boundary allows write actions \\("\\*"\\) on every resource\\.$`,
          ),
        ),
      ],
    ]);
  });

  it('keeps a boundary that allows the service the Deny leaves, naming what it allows', () => {
    const { failed } = scanTemplate(
      deniedAndBounded("'s3:*'", '!Ref Boundary', boundaryPolicy("['s3:*', 'logs:*']")),
      wildcardAction,
    );
    expect(outcomes(failed)).toEqual([
      [
        'iam.role-wildcard-action',
        'fail',
        'high',
        `inline policy app, Statement[0]: Allow grants every action ("*") (${DENY} cancels all of it but s3:*); its permissions boundary Boundary allows every s3 action ("s3:*").`,
      ],
    ]);
  });

  it('an unreadable boundary keeps its words on top of the Deny weighing', () => {
    const { failed } = scanTemplate(
      deniedAndBounded("'s3:*'", 'arn:aws:iam::123456789012:policy/boundary'),
      wildcardAction,
    );
    expect(outcomes(failed)).toEqual([
      [
        'iam.role-wildcard-action',
        'fail',
        'high',
        `inline policy app, Statement[0]: Allow grants every action ("*") (${DENY} cancels all of it but s3:*); its permissions boundary arn:aws:iam::123456789012:policy/boundary may limit this, but Parapet did not read it (it is not in this template).`,
      ],
    ]);
  });

  it('is unknown when the Deny leaves what a parameter says and the boundary allows part, naming the boundary', () => {
    const kept = (boundary: string) =>
      scanTemplate(
        deniedAndBounded('!Ref Kept', '!Ref Boundary', boundaryPolicy(boundary), KEPT_PARAM),
        wildcardAction,
      );
    const { failed, unknown } = kept("'logs:*'");
    expect(failed).toEqual([]);
    expect(outcomes(unknown)).toEqual([
      [
        'iam.role-wildcard-action',
        'unknown',
        'high',
        'inline policy app, Statement[0] may grant every action ("*"): a Deny may cancel some of it: the NotAction ' +
          'of that Deny is not known before deploy (from parameter Kept, which has no default); its permissions ' +
          'boundary Boundary allows every logs action ("logs:*").',
      ],
    ]);
    // A boundary of "*" allows whatever the Deny leaves: the finding stays.
    expect(outcomes(kept("'*'").failed)).toEqual([
      [
        'iam.role-wildcard-action',
        'fail',
        'critical',
        `inline policy app, Statement[0]: Allow grants every action ("*") on every resource: the role is an administrator (${DENY} cancels all of it but \${Kept}); its permissions boundary Boundary allows every action ("*").`,
      ],
    ]);
  });
});

describe('a Deny of NotAction leaving named actions alone, with a boundary', () => {
  it('passes under a boundary whose own Deny leaves named actions alone: it allows no wildcard', () => {
    const boundary = `  Boundary:
    Type: AWS::IAM::ManagedPolicy
    Properties:
      PolicyDocument:
        Statement:
          - { Effect: Allow, Action: '*', Resource: '*' }
          - { Effect: Deny, NotAction: s3:GetObject, Resource: '*' }
`;
    const body = `      PermissionsBoundary: !Ref Boundary\n${inline(allow("'*'", "'*'"))}`;
    const text = template(role('AppRole', body) + fn('Fn', '!GetAtt AppRole.Arn') + boundary);
    expect(outcomes(scanTemplate(text, wildcardAction).findings)).toEqual([
      [
        'iam.role-wildcard-action',
        'pass',
        'high',
        'no statement allows a wildcard action (what inline policy app, Statement[0] grants is limited by its ' +
          'permissions boundary Boundary, which allows no such grant)',
      ],
    ]);
  });

  it('is unknown when the Deny leaves a named action and what a parameter says, under a boundary allowing neither', () => {
    const text = deniedAndBounded(
      '[s3:GetObject, !Ref Kept]',
      '!Ref Boundary',
      boundaryPolicy("'logs:*'"),
      KEPT_PARAM,
    );
    expect(outcomes(scanTemplate(text, wildcardAction).findings)).toEqual([
      [
        'iam.role-wildcard-action',
        'unknown',
        'high',
        'inline policy app, Statement[0] may grant every action ("*"): a Deny may cancel some of it: part of the ' +
          'NotAction of that Deny is not known before deploy (from parameter Kept, which has no default); its ' +
          'permissions boundary Boundary allows every logs action ("logs:*").',
      ],
    ]);
  });
});

describe('an Allow with NotAction weighed with a Deny of NotAction', () => {
  /** AppRole: Allow NotAction `allowed` on `*`, Deny NotAction `kept` on `*`, under `boundary` when given. */
  const notActions = (allowed: string, kept: string, boundary?: string) => {
    const grant = `              - { Effect: Allow, NotAction: ${allowed}, Resource: '*' }\n`;
    const head = boundary === undefined ? '' : '      PermissionsBoundary: !Ref Boundary\n';
    return template(
      role('AppRole', head + inline(grant + denyAllBut(kept))) +
        fn('Fn', '!GetAtt AppRole.Arn') +
        (boundary === undefined ? '' : boundaryPolicy(boundary)),
    );
  };
  const results = (text: string) =>
    scanTemplate(text, wildcardAction).findings.map((f) => [f.status, f.severity, f.message]);

  it('fails with what the Deny leaves of it', () => {
    expect(results(notActions("'iam:*'", "['s3:*', 'iam:*']"))).toEqual([
      [
        'fail',
        'high',
        `inline policy app, Statement[0]: Allow with NotAction grants every action except iam:* (${DENY} cancels all ` +
          'of it but s3:*).',
      ],
    ]);
  });

  it('passes when its own NotAction keeps out all the Deny leaves, or the boundary allows none of it', () => {
    expect(results(notActions("'s3:*'", "'s3:*'"))).toEqual([
      ['pass', 'high', `no statement allows a wildcard action (${DENY} cancels NotAction)`],
    ]);
    expect(results(notActions("'iam:*'", "['s3:*', 'iam:*']", "'logs:*'"))).toEqual([
      [
        'pass',
        'high',
        `no statement allows a wildcard action (what inline policy app, Statement[0] grants is limited by ${DENY}, ` +
          'which leaves it s3:*, and by its permissions boundary Boundary, which allows none of that)',
      ],
    ]);
  });
});

function esc(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
