// biome-ignore-all lint/suspicious/noTemplateCurlyInString: CloudFormation `${...}` templates are the subject of these tests
import { describe, expect, it } from 'vitest';
import passRole from '../../../src/checks/iam/role-passrole-wildcard.js';
import wildcardAction from '../../../src/checks/iam/role-wildcard-action.js';
import writeOnAll from '../../../src/checks/iam/role-wildcard-resource-write.js';
import { scanTemplate } from '../../helpers/scan-template.js';
import { appRole, inline } from './fixtures.js';

// An unknown finding says what the statement may grant and what is not known before deploy, never
// the words of a certain one ("Allow grants ...").

const ACTION_PARAM = 'Parameters:\n  ActionParam: { Type: String }\n';
const NO_ACTION = 'the Action is not known before deploy (from parameter ActionParam, which has no default)';
const NO_RESOURCE = 'the Resource is not known before deploy (from parameter Res, which has no default)';

/** AppRole with one inline statement: these YAML lines (at 16 spaces) after `- Effect: Allow`. */
function statement(lines: string, extra = ''): string {
  return appRole(inline(`              - Effect: Allow\n${lines}`), extra);
}

const unknownAction = statement(
  `                Action: !Ref ActionParam\n                Resource: '*'\n`,
  ACTION_PARAM,
);

const undecidableIf = statement(
  `                Action: !If [Wide, iam:PassRole, s3:GetObject]\n                Resource: '*'\n`,
  'Parameters:\n  Stage: { Type: String }\nConditions:\n  Wide: !Equals [!Ref Stage, dev]\n',
);

function messages(text: string, check: typeof passRole) {
  const { failed, unknown, errors } = scanTemplate(text, check);
  expect(errors).toEqual([]);
  expect(failed).toEqual([]);
  return unknown.map((f) => f.message);
}

describe('unknown IAM findings say what is not known', () => {
  it('iam.role-passrole-wildcard: an Action from a parameter without default', () => {
    expect(messages(unknownAction, passRole)).toEqual([
      `inline policy app, Statement[0] may grant iam:PassRole on every role ("*"): ${NO_ACTION}.`,
    ]);
  });

  it('iam.role-wildcard-action: an Action from a parameter without default', () => {
    expect(messages(unknownAction, wildcardAction)).toEqual([
      `inline policy app, Statement[0] may grant every action ("\${ActionParam}"): ${NO_ACTION}.`,
    ]);
  });

  it('iam.role-wildcard-resource-write: an Action from a parameter without default', () => {
    expect(messages(unknownAction, writeOnAll)).toEqual([
      `inline policy app, Statement[0] may grant write actions ("\${ActionParam}") on every resource: ${NO_ACTION}.`,
    ]);
  });

  it('an Action behind an !If whose condition cannot be decided, for each statement check', () => {
    const expected: [typeof passRole, string][] = [
      [passRole, 'may grant iam:PassRole on every role ("*")'],
      [wildcardAction, 'may grant every action'],
      [writeOnAll, 'may grant write actions on every resource'],
    ];
    for (const [check, grants] of expected) {
      const [message, ...more] = messages(undecidableIf, check);
      expect(more, check.id).toEqual([]);
      expect(message, check.id).toMatch(
        new RegExp(
          `^inline policy app, Statement\\[0\\] ${escapeRegExp(grants)}: the Action is not known before deploy \\(.+\\)\\.$`,
        ),
      );
    }
  });

  it('an unknown Resource, alone and with an unknown Action', () => {
    const resource = 'Parameters:\n  Res: { Type: String }\n';
    const passRoleOnUnknown = statement(
      `                Action: iam:PassRole\n                Resource: !Ref Res\n`,
      resource,
    );
    expect(messages(passRoleOnUnknown, passRole)).toEqual([
      `inline policy app, Statement[0] may grant iam:PassRole on every role ("\${Res}"): ${NO_RESOURCE}.`,
    ]);
    const both = statement(
      `                Action: !Ref ActionParam\n                Resource: !Ref Res\n`,
      `${ACTION_PARAM}  Res: { Type: String }\n`,
    );
    expect(messages(both, passRole)).toEqual([
      `inline policy app, Statement[0] may grant iam:PassRole on every role ("\${Res}"): ${NO_ACTION}; ${NO_RESOURCE}.`,
    ]);
    expect(messages(both, writeOnAll)).toEqual([
      `inline policy app, Statement[0] may grant write actions ("\${ActionParam}") on every resource: ${NO_ACTION}; ${NO_RESOURCE}.`,
    ]);
    // Whatever the Resource, Action "*" grants every action: a certain finding, but not an administrator.
    const everyAction = statement(
      `                Action: '*'\n                Resource: !Ref Res\n`,
      resource,
    );
    const { failed } = scanTemplate(everyAction, wildcardAction);
    expect(failed.map((f) => [f.severity, f.message])).toEqual([
      ['high', 'inline policy app, Statement[0]: Allow grants every action ("*").'],
    ]);
  });

  it('an Effect not known before deploy, and a Deny that may cancel the grant', () => {
    const effect = appRole(
      inline(`              - Effect: !Ref Effect
                Action: iam:PassRole
                Resource: '*'
`),
      'Parameters:\n  Effect: { Type: String }\n',
    );
    expect(messages(effect, passRole)).toEqual([
      'inline policy app, Statement[0] may grant iam:PassRole on every role ("*"): the Effect is not known ' +
        'before deploy (from parameter Effect, which has no default).',
    ]);
    const deny = statement(
      `                Action: iam:*
                Resource: '*'
              - Effect: Deny
                Action: !Ref ActionParam
                Resource: '*'
`,
      ACTION_PARAM,
    );
    expect(messages(deny, passRole)).toEqual([
      'inline policy app, Statement[0] may grant iam:PassRole on every role ("*"): a Deny of iam:PassRole may ' +
        'cancel it: the Action of that statement is not known before deploy (from parameter ActionParam, which ' +
        'has no default).',
    ]);
  });
});

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
