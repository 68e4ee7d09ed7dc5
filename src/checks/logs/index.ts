import type { Check } from '../define.js';
import logGroupNoKms from './log-group-no-kms.js';
import logGroupNoRetention from './log-group-no-retention.js';

/** Checks on CloudWatch Logs log groups. */
export const LOGS_CHECKS: readonly Check[] = [logGroupNoRetention, logGroupNoKms] as Check[];
