import type { LambdaFunction, LambdaPermission } from '../../src/model/lambda.js';

/**
 * Model resources built by hand, for tests that evaluate an inventory without a template (a live scan,
 * the IAM analysis): every field a source may leave unset is unset, then `fields` as given.
 */

/** A zip function running python3.12 on x86_64, with no environment, layers or settings. */
export function functionModel(
  fields: Pick<LambdaFunction, 'id' | 'source' | 'role'> & Partial<LambdaFunction>,
): LambdaFunction {
  return {
    kind: 'lambda.function',
    type: 'AWS::Lambda::Function',
    name: undefined,
    packageType: 'Zip',
    runtime: 'python3.12',
    handler: 'app.handler',
    environment: [],
    kmsKeyArn: undefined,
    vpcConfig: undefined,
    tracingMode: undefined,
    reservedConcurrency: undefined,
    deadLetterTarget: undefined,
    layers: [],
    codeSigningConfig: undefined,
    logGroupName: undefined,
    architectures: ['x86_64'],
    timeout: undefined,
    memorySize: undefined,
    ...fields,
  };
}

/** A statement granting lambda:InvokeFunction, without conditions. */
export function permissionModel(
  fields: Pick<LambdaPermission, 'id' | 'source' | 'functionRef' | 'principal'> & Partial<LambdaPermission>,
): LambdaPermission {
  return {
    kind: 'lambda.permission',
    type: 'AWS::Lambda::Permission',
    action: 'lambda:InvokeFunction',
    sourceArn: undefined,
    sourceAccount: undefined,
    principalOrgId: undefined,
    functionUrlAuthType: undefined,
    invokedViaFunctionUrl: undefined,
    eventSourceToken: undefined,
    ...fields,
  };
}
