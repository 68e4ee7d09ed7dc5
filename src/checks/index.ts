import { APIGATEWAY_CHECKS } from './apigateway/index.js';
import type { Check } from './define.js';
import { IAM_CHECKS } from './iam/index.js';
import { LAMBDA_CHECKS } from './lambda/index.js';
import { LOGS_CHECKS } from './logs/index.js';

/**
 * Every check Parapet has. One file per check under checks/<service>/; each service folder's
 * index lists its checks. Ids are stable forever.
 */
export const ALL_CHECKS: readonly Check[] = [
  ...LAMBDA_CHECKS,
  ...IAM_CHECKS,
  ...LOGS_CHECKS,
  ...APIGATEWAY_CHECKS,
];
