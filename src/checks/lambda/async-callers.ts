import { analyzePrincipal, describeValue } from '../../iam/index.js';
import { SERVICE_SUFFIX_SOURCE } from '../../iam/partitions.js';
import type { Inventory } from '../../model/inventory.js';
import type { LambdaPermission } from '../../model/lambda.js';
import type { Pipe } from '../../model/pipes.js';
import { invokedQualifier, sameQualifier } from '../../model/qualifier.js';
import { deployedByDefault } from '../../model/resource.js';
import type { Schedule } from '../../model/scheduler.js';
import type { ServiceCaller, Switchable } from '../../model/service-callers.js';
import { isUnknown, shapeOf } from '../../model/values.js';
import type { AsyncCaller } from './async-destinations.js';
import type { SwitchedCaller } from './disabled-callers.js';
import { principalWords } from './resource-policy.js';
import { type ServiceCall, serviceCallLabel, serviceCallsOf } from './service-callers.js';
import { type InvokingTask, taskLabel, tasksInvoking } from './state-machine-callers.js';

/**
 * Service principals that invoke Lambda asynchronously through a resource-based policy statement.
 * EventBridge Scheduler and EventBridge Pipes invoke through a role instead (their schedules and pipes are linked to
 * the function in the model); CodePipeline does too and shows nowhere but in an event invoke config on the function.
 * CloudFormation is left out: it invokes a custom resource's function asynchronously (Lambda Developer Guide,
 * services-cloudformation.html), but waits for the function's response, and a function that fails without one fails
 * the stack operation when it times out (Knowledge Center, best-practices-custom-cf-lambda): no failure is lost.
 */
const ASYNC_SERVICES = new Set([
  's3',
  'sns',
  'ses',
  'events',
  'logs',
  'iot',
  'iotevents',
  'codecommit',
  'config',
  'scheduler',
  'lambda.alarms.cloudwatch',
]);

/**
 * `s3.amazonaws.com`, `logs.eu-west-1.amazonaws.com`, `logs.${AWS::Region}.amazonaws.com`, and the same in every
 * partition (`s3.c2s.ic.gov`, `logs.us-iso-east-1.c2s.ic.gov`, `logs.eusc-de-east-1.amazonaws.eu`).
 */
const SERVICE_PRINCIPAL = new RegExp(
  `^(.+?)(\\.[a-z]{2,4}(-[a-z]+)+-\\d|\\.\\$\\{[^}]+\\})?\\.(?:${SERVICE_SUFFIX_SOURCE})$`,
);

/** A principal that may be any service: one not known before deploy. */
const ANY_SERVICE = Symbol('any service');

/**
 * The service a permission's principal names (`s3` of `s3.amazonaws.com`, `logs` of a regional one); ANY_SERVICE
 * when it is not known before deploy; undefined when it names no service.
 */
function serviceNamed(
  permission: LambdaPermission,
  inventory: Inventory,
): string | typeof ANY_SERVICE | undefined {
  // A service principal written with intrinsics (`!Sub events.${AWS::URLSuffix}`) is read as IAM reads it,
  // and so is a role of the template (`!GetAtt Role.Arn`), which is no service.
  const info = analyzePrincipal(permission.principal, 'untyped', { inventory });
  if (info.kind === 'account') return undefined;
  if (info.kind === 'service') return SERVICE_PRINCIPAL.exec(info.principal)?.[1];
  const principal = shapeOf(permission.principal);
  if (principal === undefined) return ANY_SERVICE;
  const match = SERVICE_PRINCIPAL.exec(principal);
  if (!match) {
    return isUnknown(permission.principal) && /^\$\{[^}]+\}$/.test(principal) ? ANY_SERVICE : undefined;
  }
  const service = match[1] as string;
  return service.includes('${') ? ANY_SERVICE : service;
}

/** Whether a permission's principal is a service that invokes asynchronously. */
export function invokesAsync(permission: LambdaPermission, inventory: Inventory): 'yes' | 'no' | 'maybe' {
  const service = serviceNamed(permission, inventory);
  if (service === ANY_SERVICE) return 'maybe';
  return service !== undefined && ASYNC_SERVICES.has(service) ? 'yes' : 'no';
}

/**
 * A service written with intrinsics as IAM reads it (`events.amazonaws.com` for `events.${AWS::URLSuffix}`), as the
 * permission checks name it (principalWords); any other principal as written (one of several values names them all).
 */
function invokerName(permission: LambdaPermission, inventory: Inventory): string {
  const { principal } = permission;
  if (!isUnknown(principal) || principal.oneOf !== undefined) return describeValue(principal);
  return principalWords(permission, analyzePrincipal(principal, 'untyped', { inventory }));
}

export const scheduleLabel = (schedule: Schedule) => `EventBridge Scheduler (schedule ${schedule.id})`;

/**
 * The permissions that let a service invoke the function asynchronously. One for SES is left to the template's
 * receipt rules where it has any that invoke the function: they tell how (`RequestResponse` is synchronous).
 */
function asyncPermissions(
  permissions: readonly LambdaPermission[],
  calls: readonly ServiceCall[],
  inventory: Inventory,
): LambdaPermission[] {
  const rulesDecide = calls.some(({ caller }) => caller.service === 'ses');
  return permissions.filter(
    (p) => invokesAsync(p, inventory) === 'yes' && !(rulesDecide && serviceNamed(p, inventory) === 'ses'),
  );
}

/**
 * The asynchronous calls of service resources that no permission of the same service on the same version or alias
 * already stands for (SAM and CDK write both: a rule and its permission are one caller, named by the permission).
 */
function callsBeyond(
  asyncCalls: readonly ServiceCall[],
  permissions: readonly LambdaPermission[],
  inventory: Inventory,
): ServiceCall[] {
  return asyncCalls.filter(
    ({ caller, call }) =>
      !permissions.some(
        (p) =>
          serviceNamed(p, inventory) === caller.service &&
          sameQualifier(invokedQualifier(call), invokedQualifier(p)) === true,
      ),
  );
}

/** What may invoke a function, asynchronously or not, and the callers among them that invoke it asynchronously. */
export interface Invocations {
  readonly permissions: readonly LambdaPermission[];
  readonly schedules: readonly Schedule[];
  readonly pipes: readonly Pipe[];
  readonly tasks: readonly InvokingTask[];
  /** The calls of service resources not known to be disabled. */
  readonly calls: readonly ServiceCall[];
  /** The callers that invoke the function asynchronously, each with the version or alias it reaches. */
  readonly invokers: readonly AsyncCaller[];
  /** Service resources and schedules that would invoke it asynchronously but are disabled: they invoke nothing until enabled. */
  readonly disabled: readonly SwitchedCaller[];
  /** Service resources and schedules that invoke it asynchronously if enabled, which is not known before deploy. */
  readonly mayBeEnabled: readonly SwitchedCaller[];
}

/**
 * The service resource or schedule of the template a permission lets invoke the function, when its SourceArn names
 * one (SAM and CDK write `SourceArn: !GetAtt Rule.Arn` beside a rule; `!GetAtt Schedule.Arn` is a schedule's ARN,
 * AWS::Scheduler::Schedule reference, Return values): the permission invokes only as that resource does.
 */
function permissionSource(
  permission: LambdaPermission,
  inventory: Inventory,
): ServiceCaller | Schedule | undefined {
  const service = serviceNamed(permission, inventory);
  if (service === 'scheduler') return inventory.resolve(permission.sourceArn, 'scheduler.schedule');
  const source = inventory.resolve(permission.sourceArn, 'service.lambda-caller');
  return source?.service === service ? source : undefined;
}

const isSchedule = (source: ServiceCaller | Schedule | undefined): source is Schedule =>
  source?.kind === 'scheduler.schedule';

/** Whether a resource is enabled: true, false, or undefined when not known before deploy. */
const enabledState = ({ enabled }: Switchable): boolean | undefined =>
  isUnknown(enabled) ? undefined : enabled;

/**
 * The service resources among `callers`, once each, and the schedules, whose being enabled is `enabled` (true,
 * false, or not known: undefined), named as findings name them.
 */
function withState(
  callers: readonly (ServiceCaller | undefined)[],
  schedules: readonly Schedule[],
  enabled: boolean | undefined,
): SwitchedCaller[] {
  const matching = callers.filter(
    (caller): caller is ServiceCaller => caller !== undefined && enabledState(caller) === enabled,
  );
  return [
    ...[...new Set(matching)].map((caller) => ({ ...caller, label: serviceCallLabel({ caller }) })),
    ...[...new Set(schedules)]
      .filter((schedule) => enabledState(schedule) === enabled)
      .map((schedule) => ({ ...schedule, label: `EventBridge Scheduler schedule ${schedule.id}` })),
  ];
}

export function invocationsOf(id: string, inventory: Inventory): Invocations {
  const permissions = inventory.referencing('lambda.permission', 'functionRef', id).filter(deployedByDefault);
  const schedules = inventory.referencing('scheduler.schedule', 'functionRef', id).filter(deployedByDefault);
  // A pipe invokes its target function asynchronously only with FIRE_AND_FORGET (REQUEST_RESPONSE is the default).
  const pipes = inventory.referencing('pipes.pipe', 'functionRef', id).filter(deployedByDefault);
  const asyncPipes = pipes.filter((pipe) => pipe.targetInvocationType === 'FIRE_AND_FORGET');
  // A state machine's task invokes it asynchronously only with InvocationType Event (RequestResponse is the default).
  const tasks = tasksInvoking(inventory, id).filter(({ machine }) => deployedByDefault(machine));
  const asyncTasks = tasks.filter(({ task }) => task.invocationType === 'Event');
  // SNS, EventBridge rules and S3 notifications of the template invoke it asynchronously, whether or not the
  // permission they need is in the template; an SES receipt rule only with InvocationType Event (the default).
  // A disabled rule invokes nothing; one that may be is left to noCaller, as an invocation type not known is.
  const allCalls = serviceCallsOf(inventory, id).filter(({ caller }) => deployedByDefault(caller));
  const calls = allCalls.filter(({ caller }) => caller.enabled !== false);
  const asyncCalls = calls.filter(
    ({ caller, call }) => caller.enabled === true && call.invocationType === 'Event',
  );
  // Receipt rules decide for a permission for SES, disabled or not: it was written for them.
  const asyncGrants = asyncPermissions(permissions, allCalls, inventory);
  const sources = asyncGrants.map((p) => permissionSource(p, inventory));
  const byPermission = asyncGrants.filter((_, i) => (sources[i]?.enabled ?? true) === true);
  // A schedule and a permission whose SourceArn is that schedule are one caller, named by the permission.
  const named = (schedule: Schedule) =>
    asyncGrants.some(
      (p, i) =>
        sources[i] === schedule && sameQualifier(invokedQualifier(schedule), invokedQualifier(p)) === true,
    );
  const callers: AsyncCaller[] = [
    ...byPermission.map((p) => {
      const source = sources[asyncGrants.indexOf(p)];
      return {
        label: `${invokerName(p, inventory)} (${p.id})`,
        qualifier: invokedQualifier(p),
        resources: source === undefined ? [p] : [p, source],
      };
    }),
    ...callsBeyond(asyncCalls, byPermission, inventory).map((c) => ({
      label: serviceCallLabel(c),
      qualifier: invokedQualifier(c.call),
      resources: [c.caller],
    })),
    ...schedules
      .filter((s) => s.enabled === true && !named(s))
      .map((s) => ({ label: scheduleLabel(s), qualifier: invokedQualifier(s), resources: [s] })),
    ...asyncPipes.map((p) => ({
      label: `EventBridge Pipes (pipe ${p.id}, FIRE_AND_FORGET)`,
      qualifier: invokedQualifier(p),
      resources: [p],
    })),
    ...asyncTasks.map((t) => ({
      label: taskLabel(t),
      qualifier: invokedQualifier(t.task),
      resources: [t.machine],
    })),
  ];
  // A bucket with two notifications for the function, a rule with two targets on it: one caller, named once.
  const invokers = callers.filter(
    (caller, i) =>
      callers.findIndex(
        (other) => other.label === caller.label && sameQualifier(other.qualifier, caller.qualifier),
      ) === i,
  );
  // A resource that is off, or may be, is no caller, named by a permission or not.
  const switchable = [
    ...sources.filter((source) => !isSchedule(source)),
    ...allCalls.filter(({ call }) => call.invocationType === 'Event').map(({ caller }) => caller),
  ];
  const switchableSchedules = [...schedules, ...sources.filter(isSchedule)];
  const disabled = withState(switchable, switchableSchedules, false);
  const mayBeEnabled = withState(switchable, switchableSchedules, undefined);
  return { permissions, schedules, pipes, tasks, calls, invokers, disabled, mayBeEnabled };
}
