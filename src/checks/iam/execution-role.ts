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
import type { FunctionOfOtherStack } from '../../model/neighbours.js';
import { isInvalid, isUnknown } from '../../model/values.js';

/** The functions of the inventory that run as a role. */
export interface RoleUse {
  /** Functions whose role certainly is this one (by id, `!GetAtt`, or an ARN naming the role). */
  readonly functions: readonly LambdaFunction[];
  /** Functions whose role is not known before deploy and may be this one. */
  readonly possible: readonly LambdaFunction[];
  /** Functions of other stacks scanned with this one that run as the role (a nested stack given it, an import). */
  readonly otherStacks: readonly FunctionOfOtherStack[];
  /** Functions of other scanned stacks that may run as it: they import an export several scanned stacks make. */
  readonly possibleInOtherStacks: readonly FunctionOfOtherStack[];
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
  // A role outside the inventory is named by the functions alone; one of another scanned stack is that stack's.
  const others = role.external ? undefined : inventory.neighbours.functionsRunningAs(role.id);
  return {
    functions: [...functions].sort(byId),
    possible: possible.sort(byId),
    otherStacks: others?.surely ?? [],
    possibleInOtherStacks: others?.maybe ?? [],
  };
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
  return runsFunctions(roleUse(inventory, role)) || trustsLambda(role);
}

/** Whether a function of the inventory, or of another stack scanned with it, surely runs as the role. */
export function runsFunctions(use: RoleUse): boolean {
  return use.functions.length > 0 || use.otherStacks.length > 0;
}

/** The id the user wrote for a function: the SAM function for one SAM generated. */
export function functionName(fn: LambdaFunction): string {
  return fn.generatedBy?.id ?? fn.id;
}

/** A function of another scanned stack as messages name it: `ChildFn (stack child.yaml)`. */
export function otherStackFunctionName({ fn, stack }: FunctionOfOtherStack): string {
  return `${functionName(fn)} (stack ${stack})`;
}

/** Why functions of another stack only may run as a role (RoleUse.possibleInOtherStacks). */
export function whyMaybe(functions: number): string {
  return `${functions === 1 ? 'its' : 'their'} Role imports an export that more than one scanned stack makes, this role among them`;
}

/** The functions that surely run as the role, by name: the inventory's, then those of other stacks. */
export function userNames(use: RoleUse): string[] {
  return [...use.functions.map(functionName), ...use.otherStacks.map(otherStackFunctionName)];
}
