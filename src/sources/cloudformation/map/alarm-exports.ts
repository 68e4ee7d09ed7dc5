import type { Resolved } from '../intrinsic-values.js';
import { asRecord } from './alarm-naming.js';
import type { MapContext } from './context.js';

/**
 * Why a stack that imports an alarm (or a composite alarm) may listen to it: the template exports its name or ARN
 * (`Value: !GetAtt Alarm.Arn`, or within an `Fn::Join`, `Export: {Name: ...}`), which a composite alarm or EventBridge
 * rule of another stack names through `Fn::ImportValue`. Neither that stack nor its listeners are read from here:
 * the alarm may be heard.
 */
export function exportedAs(ctx: MapContext, id: string): string | undefined {
  for (const raw of Object.values(ctx.resolver.outputs())) {
    const output = asRecord(raw as Resolved);
    const name = asRecord(output?.Export as Resolved)?.Name;
    if (name === undefined) continue;
    const what = exportedPart(output?.Value, id);
    if (what === undefined) continue;
    const sub = asRecord(name as Resolved)?.['Fn::Sub'];
    const shown = typeof name === 'string' ? name : typeof sub === 'string' ? sub : undefined;
    return `its ${what} is exported${shown === undefined ? '' : ` as ${shown}`}`;
  }
  return undefined;
}

/**
 * `ARN` or `name` when an output's Value gives the alarm's, wholly or within (`!GetAtt Id.Arn`, `!Ref Id`,
 * `!Sub '${Id.Arn}'`, `!Join [',', [!GetAtt Id.Arn, ...]]`, an `Fn::If` branch).
 */
function exportedPart(value: unknown, id: string): string | undefined {
  if (Array.isArray(value)) return firstFound(value, id);
  const record = asRecord(value as Resolved);
  if (record === undefined) return undefined;
  if (record.Ref === id) return 'name';
  const getAtt = record['Fn::GetAtt'];
  const parts = typeof getAtt === 'string' ? getAtt.split('.') : getAtt;
  if (Array.isArray(parts) && parts[0] === id && parts[1] === 'Arn') return 'ARN';
  const sub = record['Fn::Sub'];
  // A `${Id}` is a reference only in Fn::Sub's text (`!Sub text` or `!Sub [text, {Var: ...}]`).
  const [subText, variables] = Array.isArray(sub) ? sub : [sub];
  if (typeof subText === 'string') {
    if (subText.includes(`\${${id}.Arn}`)) return 'ARN';
    if (subText.includes(`\${${id}}`)) return 'name';
  }
  return firstFound(Object.values(variables === undefined ? record : { variables }), id);
}

function firstFound(values: readonly unknown[], id: string): string | undefined {
  for (const item of values) {
    const found = exportedPart(item, id);
    if (found !== undefined) return found;
  }
  return undefined;
}
