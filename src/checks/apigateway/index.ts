import type { Check } from '../define.js';
import routeNoAuth from './route-no-auth.js';

/** Checks on API Gateway routes in front of Lambda functions. */
export const APIGATEWAY_CHECKS: readonly Check[] = [routeNoAuth] as Check[];
