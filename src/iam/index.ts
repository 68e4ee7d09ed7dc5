/**
 * IAM policy analysis for checks: pure, synchronous, three-valued (yes / no / unknown) over the
 * normalized model. Values not known before deploy are never taken as known: `${...}` templates are
 * read as far as they go (pseudo parameters, resource attributes) and the rest is `unknown`.
 */
export * from './action-data.js';
export * from './actions.js';
export * from './api-access.js';
export * from './aws-managed-documents.js';
export * from './conditions.js';
export * from './denies.js';
export * from './deny-actions.js';
export * from './deny-reach.js';
export * from './doubts.js';
export * from './escalation.js';
export * from './exposure.js';
export * from './grants.js';
export * from './hits.js';
export * from './managed-policies.js';
export * from './principals.js';
export * from './resource-conditions.js';
export * from './resource-scope.js';
export * from './role-policies.js';
export * from './statements.js';
export * from './templates.js';
export * from './tri.js';
export * from './wildcards.js';
