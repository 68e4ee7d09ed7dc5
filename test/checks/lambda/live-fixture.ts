import type { Check, CheckSettings } from '../../../src/checks/define.js';
import { evaluate } from '../../../src/engine/evaluate.js';
import type { Finding } from '../../../src/findings/finding.js';
import type { Resource } from '../../../src/model/index.js';
import { Inventory } from '../../../src/model/inventory.js';
import type { LambdaFunction, LambdaPermission } from '../../../src/model/lambda.js';
import { functionModel, permissionModel } from '../../helpers/model.js';

/** The account of the live scan: resources of a live inventory carry it, so `self` is known. */
export const ACCOUNT = '123456789012';
const REGION = 'us-east-1';

export interface LiveScan {
  readonly findings: Finding[];
  readonly failed: Finding[];
  readonly unknown: Finding[];
  readonly passed: Finding[];
}

/** Runs a check over resources as a live collector would build them (ARNs, account and region, no file). */
export function scanLive(
  resources: Resource[],
  check: Check,
  settings: Partial<CheckSettings> = {},
): LiveScan {
  const inventory = new Inventory(`aws://${ACCOUNT}/${REGION}`, resources);
  const { findings, errors } = evaluate(inventory, [check], {
    settings: { scanDate: new Date('2026-11-25T00:00:00Z'), trustedAccounts: [], options: {}, ...settings },
    displayPath: (file) => file,
    includePassed: true,
  });
  if (errors.length > 0) throw new Error(errors.map((e) => e.message).join('\n'));
  return {
    findings,
    failed: findings.filter((f) => f.status === 'fail'),
    unknown: findings.filter((f) => f.status === 'unknown'),
    passed: findings.filter((f) => f.status === 'pass'),
  };
}

const FUNCTION_ARN = `arn:aws:lambda:${REGION}:${ACCOUNT}:function:orders`;

/** A statement of a live function policy, as the Lambda collector maps it. */
export function livePermission(
  fields: Partial<LambdaPermission> & Record<string, unknown>,
): LambdaPermission {
  const sid = fields.id ?? 'statement';
  return permissionModel({
    id: `${FUNCTION_ARN}#${sid}`,
    source: { arn: FUNCTION_ARN, account: ACCOUNT, region: REGION },
    functionRef: FUNCTION_ARN,
    principal: '*',
    ...fields,
  } as Parameters<typeof permissionModel>[0]);
}

/** A live function with the given layers. */
export function liveFunction(layers: string[]): LambdaFunction {
  return functionModel({
    id: FUNCTION_ARN,
    source: { arn: FUNCTION_ARN, account: ACCOUNT, region: REGION },
    name: 'orders',
    role: `arn:aws:iam::${ACCOUNT}:role/orders`,
    layers,
    timeout: 3,
    memorySize: 128,
  });
}
