import type { Check } from '../define.js';
import roleAdminManagedPolicy from './role-admin-managed-policy.js';
import rolePassroleWildcard from './role-passrole-wildcard.js';
import roleSharedByFunctions from './role-shared-by-functions.js';
import roleTrustBeyondLambda from './role-trust-beyond-lambda.js';
import roleWildcardAction from './role-wildcard-action.js';
import roleWildcardResourceRead from './role-wildcard-resource-read.js';
import roleWildcardResourceWrite from './role-wildcard-resource-write.js';

/** Checks on the IAM roles Lambda functions run as. */
export const IAM_CHECKS: readonly Check[] = [
  roleSharedByFunctions,
  roleWildcardAction,
  roleWildcardResourceWrite,
  roleWildcardResourceRead,
  roleAdminManagedPolicy,
  rolePassroleWildcard,
  roleTrustBeyondLambda,
] as Check[];
