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
  const { functions, groups } = watchersOfBuild(ctx);
  const functionIds = watching(functions, alarm);
  if (functionIds.length > 0)
    return `function ${functionIds.join(', ')} (its DeploymentPreference.Alarms), to roll back`;
  const groupIds = watching(groups, alarm);
  if (groupIds.length === 0) return undefined;
  return `with deployment group ${groupIds.join(', ')} (its AlarmConfiguration), to stop the deployment`;
}

/** Who names which alarm: by the `!Ref` of an entry, and by an entry that is text (an AlarmName). */
interface Watchers {
  readonly byRef: Map<string, Set<number>>;
  readonly byName: Map<string, Set<number>>;
  /** Each watcher's logical id, by its place in the template (the order messages name them in). */
  readonly ids: string[];
}

/** The build's SAM functions and deployment groups by the alarms they name, indexed once (not per alarm). */
const WATCHERS = new WeakMap<MapContext, { functions: Watchers; groups: Watchers }>();

function watchersOfBuild(ctx: MapContext): { functions: Watchers; groups: Watchers } {
  const found = WATCHERS.get(ctx);
  if (found !== undefined) return found;
  const functions = indexed([...ctx.rollbackAlarms].map(([id, alarms]) => [id, listed(alarms)]));
  const groups = indexed(
    ctx.declarationsOfType('AWS::CodeDeploy::DeploymentGroup').map(([id, declaration]) => {
      const configuration = asRecord(
        asRecord(declaration.Properties as Resolved)?.AlarmConfiguration as Resolved,
      );
      const enabled = configuration?.Enabled;
      if (enabled !== true && enabled !== 'true') return [id, []];
      return [id, listed(configuration?.Alarms).map((entry) => asRecord(entry as Resolved)?.Name)];
    }),
  );
  const made = { functions, groups };
  WATCHERS.set(ctx, made);
  return made;
}

function listed(alarms: unknown): unknown[] {
  return Array.isArray(alarms) ? alarms : [];
}

/** Each watcher's entries indexed by how they name an alarm: `!Ref Alarm`, or the alarm's AlarmName as written. */
function indexed(watchers: [string, unknown[]][]): Watchers {
  const byRef = new Map<string, Set<number>>();
  const byName = new Map<string, Set<number>>();
  const add = (index: Map<string, Set<number>>, key: string, at: number) =>
    index.set(key, (index.get(key) ?? new Set()).add(at));
  watchers.forEach(([, entries], at) => {
    for (const entry of entries) {
      const ref = asRecord(entry as Resolved)?.Ref;
      if (typeof ref === 'string') add(byRef, ref, at);
      if (typeof entry === 'string') add(byName, entry, at);
    }
  });
  return { byRef, byName, ids: watchers.map(([id]) => id) };
}

/** The ids of the watchers that name the alarm, in the template's order. */
function watching(watchers: Watchers, alarm: AlarmNamed): string[] {
  const at = new Set(watchers.byRef.get(alarm.id));
  if (typeof alarm.name === 'string')
    for (const place of watchers.byName.get(alarm.name) ?? []) at.add(place);
  return [...at].sort((a, b) => a - b).map((place) => watchers.ids[place] as string);
}
