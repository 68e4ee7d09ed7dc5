import type { Check } from '../define.js';
import asyncNoFailureDestination from './async-no-failure-destination.js';
import codeSigningWarnOnly from './code-signing-warn-only.js';
import envNoCustomerKms from './env-no-customer-kms.js';
import envPlaintextSecret from './env-plaintext-secret.js';
import eventSourceFailuresLost from './event-source-failures-lost.js';
import functionNotInVpc from './function-not-in-vpc.js';
import functionUrlAuthNone from './function-url-auth-none.js';
import functionUrlCorsWildcardCredentials from './function-url-cors-wildcard-credentials.js';
import layerPermissionPublic from './layer-permission-public.js';
import layerUntrustedAccount from './layer-untrusted-account.js';
import noCodeSigning from './no-code-signing.js';
import noErrorAlarm from './no-error-alarm.js';
import noReservedConcurrency from './no-reserved-concurrency.js';
import permissionConfusedDeputy from './permission-confused-deputy.js';
import permissionOrgBeyondInvoke from './permission-org-beyond-invoke.js';
import permissionPublicInvoke from './permission-public-invoke.js';
import permissionUntrustedAccount from './permission-untrusted-account.js';
import runtimeDeprecated from './runtime-deprecated.js';
import runtimeDeprecationSoon from './runtime-deprecation-soon.js';
import tracingNotActive from './tracing-not-active.js';
import vpcPublicSubnet from './vpc-public-subnet.js';
import vpcSecurityGroupEgressAll from './vpc-security-group-egress-all.js';
import vpcSingleAz from './vpc-single-az.js';

/** Checks on Lambda functions and what hangs off them (URLs, permissions, layers, event sources). */
export const LAMBDA_CHECKS: readonly Check[] = [
  functionUrlAuthNone,
  functionNotInVpc,
  vpcSecurityGroupEgressAll,
  vpcPublicSubnet,
  vpcSingleAz,
  functionUrlCorsWildcardCredentials,
  asyncNoFailureDestination,
  tracingNotActive,
  noReservedConcurrency,
  noCodeSigning,
  codeSigningWarnOnly,
  noErrorAlarm,
  eventSourceFailuresLost,
  runtimeDeprecated,
  runtimeDeprecationSoon,
  envPlaintextSecret,
  envNoCustomerKms,
  permissionPublicInvoke,
  permissionConfusedDeputy,
  permissionUntrustedAccount,
  permissionOrgBeyondInvoke,
  layerUntrustedAccount,
  layerPermissionPublic,
] as Check[];
