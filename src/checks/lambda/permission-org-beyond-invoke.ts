import { restrictingConditions } from '../../iam/conditions.js';
import { organizationIdDoubt, permissionStatement } from '../../iam/exposure.js';
import { describeValue, elementsOf } from '../../iam/templates.js';
import type { Statement } from '../../model/iam.js';
import type { LambdaPermission } from '../../model/lambda.js';
import { isUnknown } from '../../model/values.js';
import { type CheckContext, defineCheck, type Outcome } from '../define.js';
import { judgedPerCopy } from '../each-text.js';
import { grantedWords, permissionActions } from './permission-actions.js';
import { PERMISSION_TEXTS, readPermission } from './resource-policy.js';

/** The condition keys that limit a `*` principal to an organization (or organizational units of it). */
const ORG_KEYS = new Set(['aws:principalorgid', 'aws:principalorgpaths']);

export default defineCheck({
  id: 'lambda.permission-org-beyond-invoke',
  title: 'Lambda permission lets a whole organization do more than invoke the function',
  severity: 'high',
  resource: 'lambda.permission',
  description:
    'Fails an `AWS::Lambda::Permission` whose principal is `*` limited only by `PrincipalOrgID` (or an ' +
    '`aws:PrincipalOrgID` / `aws:PrincipalOrgPaths` condition) when its `Action` is more than invoking: `lambda:*`, ' +
    '`*`, `lambda:UpdateFunctionCode`, `lambda:AddPermission` and other writes (high severity), or reads such as ' +
    '`lambda:GetFunction` (medium). Such a grant is not public, so `lambda.permission-public-invoke` passes it, but ' +
    'every principal of every account of the organization may then change the function. Invoke-only grants ' +
    '(`lambda:InvokeFunction`, `lambda:InvokeFunctionUrl`) to an organization pass.',
  details:
    'A permission whose other conditions pin the caller as well (`SourceAccount`, `SourceArn`) is not ' +
    'organization-wide and is not applicable. An Action or principal not known before deploy, or a ' +
    "`PrincipalOrgID` an `!If` may remove or that names no organization (`''`, `my-org`: see " +
    "`lambda.permission-public-invoke`), is `unknown`, as is one from a parameter a deploy may give as `''` " +
    '(no AllowedPattern, AllowedValues or MinLength keeps it out); one they keep non-empty is still one organization, ' +
    'whichever it is. The actions are read from the IAM action catalog: Read and List levels ' +
    'are reads, every other level (Write, Permissions management, Tagging) a write.',
  risk: 'Any user or role of any account of the organization (a developer sandbox, a compromised CI account) can replace the function’s code, change its environment or grant itself and others more access to it, and run code with the permissions of its execution role.',
  remediation: {
    text: 'Grant the organization `lambda:InvokeFunction` only. Let the accounts that deploy or manage the function assume a role in the function’s account that holds those permissions, instead of a resource policy open to the whole organization.',
    cloudformation:
      'Type: AWS::Lambda::Permission\n' +
      'Properties:\n' +
      '  FunctionName: !GetAtt Fn.Arn\n' +
      '  Action: lambda:InvokeFunction      # not lambda:* or a write\n' +
      '  Principal: "*"\n' +
      '  PrincipalOrgID: o-a1b2c3d4e5\n',
    cdk:
      "import * as iam from 'aws-cdk-lib/aws-iam';\n" +
      '\n' +
      '// invoke only (grantInvoke), not fn.addPermission with action lambda:* for the organization\n' +
      "fn.grantInvoke(new iam.OrganizationPrincipal('o-a1b2c3d4e5'));\n",
    cli:
      'aws lambda remove-permission --function-name <name> --statement-id <sid>\n' +
      'aws lambda add-permission --function-name <name> --statement-id <sid> --action lambda:InvokeFunction ' +
      '--principal "*" --principal-org-id o-a1b2c3d4e5',
    terraform:
      'resource "aws_lambda_permission" "org" {\n' +
      '  action           = "lambda:InvokeFunction"\n' +
      '  function_name    = aws_lambda_function.this.function_name\n' +
      '  principal        = "*"\n' +
      '  principal_org_id = "o-a1b2c3d4e5"\n' +
      '}\n',
  },
  compliance: {
    'nist-800-53-r5': ['AC-3', 'AC-6', 'CM-5'],
    'pci-dss-4.0': ['7.2.1'],
    soc2: ['CC6.1', 'CC6.3'],
  },
  references: [
    'https://docs.aws.amazon.com/lambda/latest/dg/API_AddPermission.html',
    'https://docs.aws.amazon.com/lambda/latest/dg/permissions-function-cross-account.html',
    'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html#condition-keys-principalorgid',
  ],
  evaluate(permission, ctx) {
    // Copies of a nested template each given its own principal, action or organization: each judged.
    return judgedPerCopy(permission, PERMISSION_TEXTS, ctx, judgePermission);
  },
});

/** The check on one permission (or one copy of it: see judgeCopies). */
function judgePermission(permission: LambdaPermission, ctx: CheckContext): Outcome {
  const read = readPermission(permission, ctx);
  if ('refused' in read) return read.refused;
  const { options, principal } = read;
  if (principal.kind !== 'public' && principal.kind !== 'unknown') {
    return ctx.notApplicable(
      `the principal is ${describeValue(permission.principal)}, not * of an organization`,
    );
  }
  const statement = permissionStatement(permission);
  const byOrg = restrictingConditions(keepConditions(statement, true), 'public', options);
  if (byOrg.answer === 'no') {
    return ctx.notApplicable('no PrincipalOrgID limits the grant to an organization');
  }
  const byOthers = restrictingConditions(keepConditions(statement, false), 'public', options);
  if (byOthers.answer === 'yes') {
    return ctx.notApplicable(`the caller is pinned by ${byOthers.by.join(', ')} besides the organization`);
  }
  const actions = permissionActions(permission.action);
  const action = describeValue(permission.action);
  if (actions.kind === 'invoke') return ctx.pass(`the organization may only invoke the function (${action})`);
  const orgDoubt = organizationIdDoubt('PrincipalOrgID', permission.principalOrgId);
  // A PrincipalOrgID that names no organization is said once, as the doubt, not in its place.
  const org = orgDoubt === undefined ? organizationWords(statement) : 'the organization';
  if (actions.kind === 'unknown') {
    return ctx.unknown(`Cannot tell what ${org} may do with the function: ${actions.why}.`, {
      where: ['Action'],
    });
  }
  const granted = grantedWords(actions);
  const doubt = orgDoubt ?? doubtOf(permission, principal.kind === 'unknown', byOrg, byOthers);
  if (doubt !== undefined) {
    return ctx.unknown(
      `Cannot tell whether every principal of ${org} may use ${action} on the function, which grants ${granted}: ${doubt}.`,
      { where: orgDoubt === undefined ? ['Action'] : ['PrincipalOrgID'] },
    );
  }
  const severity = actions.writes.length > 0 ? 'high' : 'medium';
  return ctx.fail(
    `Every principal of ${org} may use ${action} on the function, not only invoke it: ${granted}. Grant the organization lambda:InvokeFunction only.`,
    { where: ['Action'], severity, evidence: { action, organization: org } },
  );
}

type Restriction = ReturnType<typeof restrictingConditions>;

/** Why the grant may not be organization-wide after all, when something it rests on is not known. */
function doubtOf(
  permission: LambdaPermission,
  principalUnknown: boolean,
  byOrg: Restriction,
  byOthers: Restriction,
): string | undefined {
  if (principalUnknown) {
    return `Principal ${describeValue(permission.principal)} is not known before deploy (only * gives it to the whole organization)`;
  }
  if (byOrg.answer === 'unknown') return `whether ${byOrg.by.join(', ')} applies is not known before deploy`;
  if (byOthers.answer === 'unknown') {
    return `whether ${byOthers.by.join(', ')} pins the caller as well is not known before deploy`;
  }
  return undefined;
}

/** The statement with only its organization conditions (`org`), or only its others. */
function keepConditions(statement: Statement, org: boolean): Statement {
  const conditions = statement.conditions;
  if (conditions === undefined || isUnknown(conditions)) return statement;
  const kept: Record<string, Record<string, (typeof conditions)[string][string]>> = {};
  for (const [operator, keys] of Object.entries(conditions)) {
    for (const [key, values] of Object.entries(keys)) {
      if (ORG_KEYS.has(key.toLowerCase()) !== org) continue;
      kept[operator] = { ...(kept[operator] ?? {}), [key]: values };
    }
  }
  return { ...statement, conditions: kept };
}

/** `organization o-a1b2c3d4e5`, `organization path o-a1b2c3d4e5/r-ab12/ou-ab12-11111111/`, as the conditions name them. */
function organizationWords(statement: Statement): string {
  const conditions = statement.conditions;
  if (conditions === undefined || isUnknown(conditions)) return 'the organization';
  const words: string[] = [];
  for (const keys of Object.values(conditions)) {
    for (const [key, list] of Object.entries(keys)) {
      const lower = key.toLowerCase();
      if (!ORG_KEYS.has(lower)) continue;
      const values = elementsOf(list);
      const named = isUnknown(values) ? '(not known before deploy)' : values.map(describeValue).join(' or ');
      words.push(lower === 'aws:principalorgid' ? `organization ${named}` : `organization path ${named}`);
    }
  }
  return words.length === 0 ? 'the organization' : words.join(' and ');
}
