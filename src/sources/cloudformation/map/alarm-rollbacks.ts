import { isUnknown } from '../../../model/values.js';
import type { Resolved } from '../intrinsic-values.js';
import { type AlarmNamed, asRecord } from './alarm-naming.js';
import type { MapContext } from './context.js';

/**
 * What CodeDeploy deploys while it watches an alarm, and why (MetricAlarm.rollbackOf): a SAM function whose
 * DeploymentPreference.Alarms names it (SAM writes them into the CodeDeploy deployment group it generates, with an
 * AutoRollbackConfiguration on DEPLOYMENT_STOP_ON_ALARM: it rolls back), or an `AWS::CodeDeploy::DeploymentGroup`
 * of the template whose AlarmConfiguration, enabled, names it (CodeDeploy stops a deployment when one of them goes
 * into ALARM: "Configure advanced options for a deployment group", CodeDeploy User Guide; it rolls back only where
 * its AutoRollbackConfiguration says so). It tells no one of the alarm outside a deployment. An entry names the
 * alarm by `!Ref` (its name) or by the alarm's own AlarmName; others (a parameter, an `Fn::If`) are not read: the
 * wording then stays that of an alarm nobody watches, which the verdict is too.
 */
export function rollbackOf(ctx: MapContext, alarm: AlarmNamed): string | undefined {
  const functions = [...ctx.rollbackAlarms]
    .filter(([, alarms]) => listNames(alarms, alarm))
    .map(([id]) => id);
  if (functions.length > 0)
    return `function ${functions.join(', ')} (its DeploymentPreference.Alarms), to roll back`;
  const groups = ctx.declarationsOfType('AWS::CodeDeploy::DeploymentGroup').filter(([, declaration]) => {
    const configuration = asRecord(
      asRecord(declaration.Properties as Resolved)?.AlarmConfiguration as Resolved,
    );
    const enabled = configuration?.Enabled;
    if (enabled !== true && enabled !== 'true') return false;
    const alarms = configuration?.Alarms;
    return Array.isArray(alarms) && alarms.some((entry) => names(asRecord(entry as Resolved)?.Name, alarm));
  });
  if (groups.length === 0) return undefined;
  return `with deployment group ${groups.map(([id]) => id).join(', ')} (its AlarmConfiguration), to stop the deployment`;
}

function listNames(alarms: unknown, alarm: AlarmNamed): boolean {
  return Array.isArray(alarms) && alarms.some((entry) => names(entry, alarm));
}

/** Whether an entry names the alarm: `!Ref Alarm`, or the alarm's AlarmName as written. */
function names(entry: unknown, alarm: AlarmNamed): boolean {
  if (asRecord(entry as Resolved)?.Ref === alarm.id) return true;
  return typeof entry === 'string' && !isUnknown(alarm.name) && entry === alarm.name;
}
