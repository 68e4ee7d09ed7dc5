import { transformsNotRunWords } from '../../findings/words.js';
import type { EventInvokeConfig, LambdaFunction } from '../../model/lambda.js';
import { describeQualifier, sameQualifier } from '../../model/qualifier.js';
import { deployedByDefault, notDeployedByDefault, type ResourceBase } from '../../model/resource.js';
import { childSource } from '../../model/source.js';
import { certainlyNonEmpty, isUnknown } from '../../model/values.js';
import type { CheckContext, Lacked, Outcome } from '../define.js';
import { type Invocations, invokesAsync, scheduleLabel } from './async-callers.js';
import {
  type CallerDestination,
  destinationOfConfig,
  destinationSet,
  qualifiersWithDestination,
} from './async-destinations.js';
import { disabledNote, mayBeEnabled, onlyDisabled } from './disabled-callers.js';
import { serviceCallLabel } from './service-callers.js';
import { taskLabel } from './state-machine-callers.js';

/**
 * Nothing shows an asynchronous caller: unknown when a permission's principal, the invocation type of a pipe or
 * a state machine's task, or whether a service resource is enabled, may; a pass that says so when the only callers
 * are disabled.
 */
export function noCaller(invocations: Invocations, ctx: CheckContext): Outcome {
  const { permissions, pipes, tasks, calls } = invocations;
  const maybe = permissions.find((p) => invokesAsync(p, ctx.inventory) === 'maybe');
  if (maybe) {
    return ctx.unknown(
      `The principal of permission ${maybe.id} is not known before deploy; it may invoke the function asynchronously.`,
    );
  }
  const undecidedPipe = pipes.find((pipe) => isUnknown(pipe.targetInvocationType));
  if (undecidedPipe && isUnknown(undecidedPipe.targetInvocationType)) {
    return ctx.unknown(
      `The invocation type of pipe ${undecidedPipe.id} is not known before deploy (${undecidedPipe.targetInvocationType.reason}); with FIRE_AND_FORGET it invokes the function asynchronously.`,
    );
  }
  const undecidedTask = tasks.find(({ task }) => isUnknown(task.invocationType));
  if (undecidedTask && isUnknown(undecidedTask.task.invocationType)) {
    return ctx.unknown(
      `The invocation type of ${taskLabel(undecidedTask)} is not known before deploy (${undecidedTask.task.invocationType.reason}); with Event it invokes the function asynchronously.`,
    );
  }
  const undecidedCall = calls.find(({ call }) => isUnknown(call.invocationType));
  if (undecidedCall && isUnknown(undecidedCall.call.invocationType)) {
    return ctx.unknown(
      `The invocation type of ${serviceCallLabel(undecidedCall)} is not known before deploy (${undecidedCall.call.invocationType.reason}); with Event it invokes the function asynchronously.`,
    );
  }
  const [undecidedSwitch] = invocations.mayBeEnabled;
  if (undecidedSwitch) return ctx.unknown(mayBeEnabled(undecidedSwitch));
  if (invocations.disabled.length > 0) return ctx.pass(onlyDisabled(invocations.disabled));
  return ctx.notApplicable('nothing in the template invokes the function asynchronously');
}

/** No caller shows, and some event invoke configs keep failed events: all of them passes, some is unknown. */
export function configsOnly(
  configs: readonly EventInvokeConfig[],
  keeping: readonly EventInvokeConfig[],
  ctx: CheckContext,
): Outcome {
  const [first] = keeping;
  if (keeping.length === configs.length && first)
    return ctx.pass(`failed asynchronous events go to ${destinationOfConfig(first)}`);
  const without = configs
    .filter((c) => !keeping.includes(c))
    .map((c) => `${c.id} (${describeQualifier(c.qualifier)})`);
  return ctx.unknown(
    `Nothing in the template shows which version or alias is invoked asynchronously: ${keeping.map((c) => c.id).join(', ')} keeps failed events, ${without.join(', ')} does not.`,
  );
}

/**
 * What a verdict on failed events lacks: a dead-letter queue, and an on-failure destination (SAM's
 * EventInvokeConfig, a config's DestinationConfig). Its finding rests on the defaults leaving those out, not on
 * those leaving out another property (a FunctionName chosen by an Fn::If) or giving another value (a variable).
 */
function lacked(configs: readonly EventInvokeConfig[]): Lacked[] {
  return [
    'DeadLetterConfig',
    'EventInvokeConfig',
    ...configs.map((config) => ({ of: config, property: 'DestinationConfig' })),
  ];
}

/** Whether failed events are kept rests on the dead-letter queue or on configs not known before deploy. */
export function undecided(
  fn: LambdaFunction,
  open: readonly CallerDestination[],
  configs: readonly EventInvokeConfig[],
  ctx: CheckContext,
  /** The callers whose failed events may be dropped (`open` and those no config keeps): the verdict rests on them. */
  callers: readonly CallerDestination[] = open,
): Outcome {
  const reasons = [
    ...(isUnknown(fn.deadLetterTarget) ? [`DeadLetterConfig (${fn.deadLetterTarget.reason})`] : []),
    ...new Set(open.flatMap((d) => d.open)),
  ];
  // When only destinations decide it, point at the (first) one: SAM's EventInvokeConfig...Destination.
  const config = open.find((d) => d.openConfig !== undefined)?.openConfig;
  const atDestination =
    !isUnknown(fn.deadLetterTarget) && config !== undefined
      ? {
          where: childSource(
            config.properties ?? config.source,
            'DestinationConfig',
            'OnFailure',
            'Destination',
          ),
        }
      : {};
  return ctx.unknown(
    `The function is invoked asynchronously; whether failed events are kept depends on ${reasons.join(' and ')}, not known before deploy.`,
    { ...atDestination, lacks: lacked(configs), deployedWith: deployingCallers(callers) },
  );
}

/** The resources that make the callers of a verdict callers: it rests on the defaults that deploy them. */
function deployingCallers(callers: readonly CallerDestination[]): ResourceBase[] {
  return [...new Set(callers.flatMap(({ caller }) => caller.resources ?? []))];
}

/**
 * How the finding opens: the callers seen, or the event invoke configs that stand for callers not seen (a config
 * invokes nothing, but is written for a function invoked asynchronously).
 */
function invokedBy(lost: readonly CallerDestination[]): string {
  const labels = [...qualifiersByCaller(lost).keys()].join(', ');
  return lost.every((d) => d.caller.sign)
    ? `The function has ${labels}, so it is most likely invoked asynchronously,`
    : `The function is invoked asynchronously (by ${labels})`;
}

/**
 * Each caller once, with the versions and aliases it invokes that keep no failed events: an EventBridge rule whose
 * two targets are the function and its alias (`Fn.Arn`, `Fn.Arn:live`) is one caller, invoking `$LATEST` and `live`.
 */
function qualifiersByCaller(lost: readonly CallerDestination[]): Map<string, string[]> {
  const byCaller = new Map<string, string[]>();
  for (const { caller } of lost) {
    const invoked = byCaller.get(caller.label) ?? [];
    const qualifier = describeQualifier(caller.qualifier);
    if (!invoked.includes(qualifier)) invoked.push(qualifier);
    byCaller.set(caller.label, invoked);
  }
  return byCaller;
}

/** Callers whose failed events no dead-letter queue and no on-failure destination of their qualifier keep. */
export function failed(
  fn: LambdaFunction,
  lost: readonly CallerDestination[],
  configs: readonly EventInvokeConfig[],
  { schedules, disabled }: Invocations,
  ctx: CheckContext,
): Outcome {
  const byCaller = qualifiersByCaller(lost);
  const signs = [...byCaller.keys()];
  const elsewhere = qualifiersWithDestination(configs);
  const schedulerQueues = schedules.filter(
    (schedule) => certainlyNonEmpty(schedule.deadLetterTarget) && signs.includes(scheduleLabel(schedule)),
  );
  const schedulerNote =
    schedulerQueues.length > 0
      ? ` The dead-letter queue of ${schedulerQueues.map((q) => `schedule ${q.id}`).join(', ')} keeps only events Scheduler could not deliver, not the function's failures.`
      : '';
  // `TargetArn: !Ref DlqArn` whose default is "": no queue, and the finding rests on that default.
  const emptyQueue = fn.deadLetterTarget === '';
  const noQueue = `a dead-letter queue${emptyQueue ? ` (its ${fn.type === 'AWS::Serverless::Function' ? 'DeadLetterQueue' : 'DeadLetterConfig'}.TargetArn is empty)` : ''}`;
  const callersText = [...byCaller].map(([label, invoked]) => `${label} invokes ${invoked.join(' and ')}`);
  const elsewhereText = `${callersText.join(', ')} asynchronously, but an on-failure destination is set only for ${elsewhere.join(', ')}, which applies to that version or alias alone, and the function has no ${noQueue.slice(2)}`;
  // Disabled callers tell what the configs stand for when no other caller shows.
  const offNote = lost.every((d) => d.caller.sign) ? disabledNote(disabled) : '';
  const leftOut = leftOutNote(fn, lost, ctx);
  const at = emptyQueue ? { where: ['DeadLetterConfig', 'TargetArn'] } : { lacks: lacked(configs) };
  // A macro or AWS::Include Parapet does not run may add an event invoke config with an on-failure destination, as
  // it may add an alarm (no-error-alarm); a dead-letter queue is the function's own property, read as written.
  const adding = ctx.inventory.transformsThatMayAdd(['AWS::Lambda::EventInvokeConfig']);
  if (adding.length > 0) {
    const words = transformsNotRunWords(adding);
    const invoked = [...new Set([...byCaller.values()].flat())];
    const mayAdd =
      elsewhere.length === 0
        ? `${invokedBy(lost)} and has neither ${noQueue} nor an on-failure destination in this template, but ${words} may add a destination.`
        : `${elsewhereText}; ${words} may add one for ${invoked.join(' and ')}.`;
    return ctx.unknown(`${mayAdd}${schedulerNote}${offNote}${leftOut}`, {
      ...at,
      deployedWith: deployingCallers(lost),
    });
  }
  const message =
    elsewhere.length === 0
      ? `${invokedBy(lost)} but has neither ${noQueue} nor an on-failure destination: events that fail all retries are dropped.`
      : `${elsewhereText}: events that fail all retries there are dropped.`;
  return ctx.fail(`${message}${schedulerNote}${offNote}${leftOut}`, {
    evidence: { invokedBy: signs.join(', ') },
    ...at,
    deployedWith: deployingCallers(lost),
  });
}

/**
 * ` Event invoke config Config, with an on-failure destination, is deployed only when condition IsProd holds, which
 * is false with the parameters' defaults (Stage=CODE).`: the configs of the function that would keep the failed events
 * of a version or alias invoked (`lost`) but that the defaults leave out (see deployedByDefault), as no-error-alarm
 * names such an alarm; '' when none.
 */
function leftOutNote(fn: LambdaFunction, lost: readonly CallerDestination[], ctx: CheckContext): string {
  const forInvoked = (config: EventInvokeConfig) =>
    lost.some(({ caller }) => sameQualifier(caller.qualifier, config.qualifier) !== false);
  return ctx.inventory
    .referencing('lambda.event-invoke-config', 'functionRef', fn.id)
    .filter(
      (config) =>
        !deployedByDefault(config) && destinationSet(config.onFailureDestination) && forInvoked(config),
    )
    .map(
      (config) =>
        ` Event invoke config ${config.id}, with an on-failure destination, is ${notDeployedByDefault(config)}.`,
    )
    .join('');
}

/** Every caller's failed events go to an on-failure destination of the version or alias it invokes. */
export function kept(destinations: readonly CallerDestination[], ctx: CheckContext): Outcome {
  const configs = [...new Set(destinations.map((d) => d.by as EventInvokeConfig))];
  return ctx.pass(
    `failed asynchronous events ${configs.map((c) => `of ${describeQualifier(c.qualifier)} go to ${destinationOfConfig(c)}`).join('; ')}`,
  );
}
