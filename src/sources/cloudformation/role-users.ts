import type { Inventory } from '../../model/inventory.js';
import type { FunctionOfOtherStack } from '../../model/neighbours.js';
import { EXPORTED_BY_SEVERAL, importedFrom, isUnknown } from '../../model/values.js';
import { asRecord } from './intrinsic-values.js';
import { loneResourceReference } from './lone-reference.js';

/** Functions of one stack that run as a role of another, as that other stack's checks ask for them. */
export interface RoleUsesOfStack {
  /** By the stack holding the role, then the role's logical id: functions whose Role is surely its ARN. */
  readonly byRole: Map<string, Map<string, FunctionOfOtherStack[]>>;
  /** By export name: functions whose Role imports a name that several scanned stacks export, each its own value. */
  readonly byAmbiguousImport: Map<string, FunctionOfOtherStack[]>;
}

/**
 * Adds to `uses` the functions of `stack` (its model, `inventory`) whose Role is a resource of another stack: the
 * ARN a parent gives, a nested stack's output, an import of a scanned stack's export (Unknown.stackResource). And
 * those whose Role imports an export several scanned stacks make: it may be the role of any of them.
 */
export function noteRoleUses(stack: string, inventory: Inventory, uses: RoleUsesOfStack): void {
  for (const fn of inventory.list('lambda.function')) {
    if (!isUnknown(fn.role)) continue;
    const from = fn.role.stackResource;
    if (from !== undefined && from.stack !== stack) {
      const roles = uses.byRole.get(from.stack) ?? new Map<string, FunctionOfOtherStack[]>();
      const user = from.copy === undefined ? { fn, stack } : { fn, stack, copy: from.copy };
      roles.set(from.logicalId, [...(roles.get(from.logicalId) ?? []), user]);
      uses.byRole.set(from.stack, roles);
      continue;
    }
    const exportName = importedFrom(fn.role);
    if (exportName !== undefined && fn.role.reason.includes(EXPORTED_BY_SEVERAL)) {
      const list = uses.byAmbiguousImport.get(exportName) ?? [];
      uses.byAmbiguousImport.set(exportName, [...list, { fn, stack }]);
    }
  }
}

/**
 * The names under which a template exports a resource's ARN (`Value: !GetAtt Role.Arn`, or `!Sub '${Role.Arn}'`, the
 * same: see loneResourceReference; `Export: {Name: text}`). Only names written as text: those are the ones an import
 * can be matched to (see stackExports).
 */
export function exportNamesOf(doc: Record<string, unknown>, logicalId: string): string[] {
  const names: string[] = [];
  const resources = asRecord(doc.Resources) ?? {};
  // `${Role.Arn}` names no SAM property (`${Fn.Alias}` does): Arn is an attribute of every resource it is asked of.
  const noSamProperty = { isSamProperty: () => false };
  for (const raw of Object.values(asRecord(doc.Outputs) ?? {})) {
    const output = asRecord(raw);
    const name = asRecord(output?.Export)?.Name;
    if (typeof name !== 'string') continue;
    const value = loneResourceReference(output?.Value, resources, noSamProperty) ?? output?.Value;
    const getAtt = asRecord(value)?.['Fn::GetAtt'];
    const parts = typeof getAtt === 'string' ? getAtt.split('.') : getAtt;
    if (Array.isArray(parts) && parts[0] === logicalId && parts[1] === 'Arn') names.push(name);
  }
  return names;
}
