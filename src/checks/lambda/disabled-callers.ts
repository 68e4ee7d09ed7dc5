import { listedWithAnd, parametersNamed } from '../../findings/words.js';
import type { Switch, Switchable } from '../../model/service-callers.js';
import { isUnknown } from '../../model/values.js';

/** A caller that is off, or may be: a service resource or a schedule, named as a finding names it. */
export interface SwitchedCaller extends Switchable {
  /** `EventBridge rule Nightly`, `EventBridge Scheduler schedule Nightly`. */
  readonly label: string;
}

/**
 * What turns a caller off, as a finding says it: `State: DISABLED`, `no Rule.Enabled: false by default`, and the
 * defaults it rests on (`State: DISABLED, the default of parameter RuleState, which a deploy may override`).
 */
function switchWords({ property, value, defaults }: Switch): string {
  const set = value === undefined ? `no ${property}: false by default` : `${property}: ${value}`;
  if (defaults.length === 0) return set;
  return `${set}, the default of ${parametersNamed(defaults, listedWithAnd)}, which a deploy may override`;
}

/** `EventBridge rule Nightly is disabled (State: DISABLED) and SES receipt rule Mail is disabled (...)`. */
function disabledWords(disabled: readonly SwitchedCaller[]): string {
  return listedWithAnd(
    disabled.map(
      (caller) =>
        `${caller.label} is disabled${caller.switchedBy ? ` (${switchWords(caller.switchedBy)})` : ''}`,
    ),
  );
}

const invokeNothing = (disabled: readonly SwitchedCaller[]) =>
  disabled.length > 1 ? 'they invoke nothing until enabled' : 'it invokes nothing until enabled';

/**
 * The pass of a function whose only asynchronous callers are disabled: nothing is lost now, but enabling one
 * makes the function need a destination then.
 */
export function onlyDisabled(disabled: readonly SwitchedCaller[]): string {
  return (
    `${disabledWords(disabled)}, and nothing else in the template invokes the function asynchronously: ` +
    `${invokeNothing(disabled)}, and then events that fail all retries are dropped unless the function has a ` +
    'dead-letter queue or an on-failure destination'
  );
}

/** A sentence for a finding that rests on something else (an event invoke config) where disabled callers show. */
export function disabledNote(disabled: readonly SwitchedCaller[]): string {
  if (disabled.length === 0) return '';
  const words = disabledWords(disabled);
  return ` ${words.charAt(0).toUpperCase()}${words.slice(1)}: ${invokeNothing(disabled)}.`;
}

/** Why a caller that may be disabled leaves the check unknown: whether it is enabled is not known before deploy. */
export function mayBeEnabled(caller: SwitchedCaller): string {
  const property = caller.switchedBy?.property;
  const reason = isUnknown(caller.enabled) ? caller.enabled.reason : 'not known';
  const why = property === undefined ? reason : `${property} ${reason}`;
  return `Whether ${caller.label} is enabled is not known before deploy (${why}); enabled, it invokes the function asynchronously.`;
}
