import type { Check } from '../define.js';

/** Checks on IAM roles and policies used by functions. */
export const IAM_CHECKS: readonly Check[] = [] as Check[];
