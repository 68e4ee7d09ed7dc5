import {
  coversAction,
  functionsUsingRole,
  isAllow,
  LAMBDA_SERVICE_PRINCIPALS,
  principalEntries,
  refersToRole,
  servicePrincipalName,
  statementsOf,
} from '../../iam/index.js';
import type { IamRole } from '../../model/iam.js';
import type { Derivation, Inventory } from '../../model/inventory.js';
import type { LambdaFunction } from '../../model/lambda.js';
import { isInvalid, isUnknown } from '../../model/values.js';

/** The functions of the inventory that run as a role. */
export interface RoleUse {
  /** Functions whose role certainly is this one (by id, `!GetAtt`, or an ARN naming the role). */
  readonly functions: readonly LambdaFunction[];
  /** Functions whose role is not known before deploy and may be this one. */
  readonly possible: readonly LambdaFunction[];
}

// Functions whose role is not known before deploy: few or none, but every role asks. Not one whose Role is
// invalid (missing, a list): CloudFormation rejects that function, and a scan error says so.
const FUNCTIONS_WITH_UNKNOWN_ROLE: Derivation<Inventory, readonly LambdaFunction[]> = {
  compute: (inventory) =>
    inventory.list('lambda.function').filter((fn) => isUnknown(fn.role) && !isInvalid(fn.role)),
};

// Six checks ask about every role.
const ROLE_USE: Derivation<IamRole, RoleUse> = { compute: (inventory, role) => findRoleUse(inventory, role) };

export function roleUse(inventory: Inventory, role: IamRole): RoleUse {
  return inventory.derived(ROLE_USE, role);
}

function findRoleUse(inventory: Inventory, role: IamRole): RoleUse {
  const functions = new Set(functionsUsingRole(inventory, role));
  const possible: LambdaFunction[] = [];
  // Whether a role not known before deploy is an external one (IamRole.external) cannot be told from its
  // name: that ARN's account may not be the deploying one.
  const unknownRoles = role.external ? [] : inventory.derived(FUNCTIONS_WITH_UNKNOWN_ROLE, inventory);
  for (const fn of unknownRoles) {
    // `!Sub arn:...:role/${Name}`-like templates can still name the role for certain.
    const answer = refersToRole(fn.role, role, { inventory });
    if (answer === 'yes') functions.add(fn);
    else if (answer === 'unknown') possible.push(fn);
  }
  const byId = (a: LambdaFunction, b: LambdaFunction) => a.id.localeCompare(b.id);
  return { functions: [...functions].sort(byId), possible: possible.sort(byId) };
}

const LAMBDA = new Set(LAMBDA_SERVICE_PRINCIPALS.map(servicePrincipalName));

/** Whether the trust policy certainly lets Lambda (or Lambda@Edge) assume the role. */
export function trustsLambda(role: IamRole): boolean {
  const statements = statementsOf(role.assumeRolePolicy);
  if (isUnknown(statements)) return false;
  return statements.some((statement) => {
    if (isAllow(statement) !== 'yes' || coversAction(statement, 'sts:AssumeRole') === 'no') return false;
    const entries = principalEntries(statement);
    return (
      !isUnknown(entries) &&
      entries.some(
        (entry) =>
          !entry.negated &&
          entry.info.kind === 'service' &&
          LAMBDA.has(servicePrincipalName(entry.info.principal)),
      )
    );
  });
}

/**
 * Whether the IAM checks on Lambda execution roles concern a role: it is used by a function of the
 * inventory, or its trust policy names Lambda (a role deployed here for functions elsewhere).
 */
export function isExecutionRole(inventory: Inventory, role: IamRole): boolean {
  return roleUse(inventory, role).functions.length > 0 || trustsLambda(role);
}

/** The id the user wrote for a function: the SAM function for one SAM generated. */
export function functionName(fn: LambdaFunction): string {
  return fn.generatedBy?.id ?? fn.id;
}
