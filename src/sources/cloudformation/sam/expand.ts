import { setOwn } from '../../../model/own.js';
import { misspeltResourceType } from '../resource-types.js';
import { withoutInvalidUsagePlan } from './api-usage-plan.js';
import { connectorsOf, expandConnector } from './connector.js';
import { ExpansionContext } from './context.js';
import { ImplicitApis } from './events/api.js';
import { expandFunction } from './function.js';
import { Globals } from './globals.js';
import { expandLayerVersion, expandSimpleTable } from './other-resources.js';
import { SamResource } from './sam-resource.js';
import { describe, isIntrinsic, isObject, type JsonObject } from './shapes.js';
import type { ExpandSamOptions, SamExpansion } from './types.js';

export const SAM_TRANSFORM = 'AWS::Serverless-2016-10-31';

/** SAM types left as they are (with Globals applied): their expansion is later work. */
const PASSED_THROUGH_TYPES = new Set([
  'AWS::Serverless::Api',
  'AWS::Serverless::HttpApi',
  'AWS::Serverless::WebSocketApi',
  'AWS::Serverless::StateMachine',
  'AWS::Serverless::Application',
  // Kept as written too (a DependsOn may name it); what it generates is added beside it (connector.ts).
  'AWS::Serverless::Connector',
  'AWS::Serverless::GraphQLApi',
  'AWS::Serverless::CapacityProvider',
]);

/** Whether the template asks for the SAM transform: `Transform` is its name or a list containing it. */
export function isSamTemplate(template: Record<string, unknown>): boolean {
  const transform = isObject(template) ? template.Transform : undefined;
  if (transform === SAM_TRANSFORM) return true;
  return Array.isArray(transform) && transform.includes(SAM_TRANSFORM);
}

/**
 * The CloudFormation template the SAM translator would produce from `template`, as far as it bears on security.
 * A pure function: the input is never modified, and the objects the user wrote are reused in the output (so their
 * locations still resolve). Whatever cannot be expanded is reported in `issues`; it never throws.
 */
export function expandSam(template: Record<string, unknown>, options: ExpandSamOptions = {}): SamExpansion {
  const ctx = new ExpansionContext(isObject(template) ? template : {}, {}, options);
  try {
    return expand(template, options);
  } catch (error) {
    // A safety net: a template shape nobody foresaw must not stop the scan. Tests hold this at zero.
    ctx.issue(
      `SAM expansion failed unexpectedly (${error instanceof Error ? error.message : typeof error}); the template was scanned as written`,
    );
    return { template, provenance: ctx.provenance, issues: ctx.issues, origins: ctx.origins };
  }
}

function expand(template: Record<string, unknown>, options: ExpandSamOptions): SamExpansion {
  if (!isObject(template)) {
    const ctx = new ExpansionContext({}, {}, options);
    ctx.issue(`The template must be a map, not ${describe(template)}`);
    return { template, provenance: ctx.provenance, issues: ctx.issues, origins: ctx.origins };
  }
  const resources = template.Resources;
  if (!isObject(resources) || isIntrinsic(resources)) {
    const ctx = new ExpansionContext(template, {}, options);
    ctx.issue(
      `Resources must be a map, not ${describe(resources)}; nothing was expanded`,
      template,
      'Resources',
    );
    return { template, provenance: ctx.provenance, issues: ctx.issues, origins: ctx.origins };
  }
  const ctx = new ExpansionContext(template, resources, options);
  const globals = new Globals(template, ctx);
  const implicitApis = new ImplicitApis();
  for (const [id, resource] of Object.entries(resources)) {
    if (
      isObject(resource) &&
      typeof resource.Type === 'string' &&
      resource.Type.startsWith('AWS::Serverless::')
    ) {
      expandResource(ctx, globals, implicitApis, id, resource);
    } else {
      ctx.keep(id, resource);
    }
  }
  implicitApis.emit(ctx, globals, resources);
  ctx.references.addPassedThrough(ctx.resources);
  // Last, as in the translator: a connector reads what the others generate (a function's role).
  for (const connector of connectorsOf(ctx, resources)) expandConnector(ctx, connector);
  return {
    template: outputTemplate(template, ctx),
    provenance: ctx.provenance,
    issues: ctx.issues,
    warnings: ctx.warnings,
    origins: ctx.origins,
    itemOrigins: ctx.itemOrigins,
    policyTemplates: ctx.policyTemplates,
    rollbackAlarms: ctx.rollbackAlarms,
    references: ctx.references,
    fromGlobals: globals.given,
  };
}

function expandResource(
  ctx: ExpansionContext,
  globals: Globals,
  implicitApis: ImplicitApis,
  id: string,
  resource: JsonObject,
): void {
  const type = resource.Type as string;
  const written = resource.Properties;
  if (written !== undefined && written !== null && (!isObject(written) || isIntrinsic(written))) {
    ctx.issue(
      `${id}: Properties of an ${type} must be a map, not ${describe(written)}; left unexpanded`,
      resource,
      'Properties',
    );
    ctx.keep(id, resource);
    return;
  }
  const local = isObject(written) ? written : ctx.derive({}, { node: resource });
  const merged = globals.merge(type, id, resource, local);
  const sam = new SamResource(
    id,
    type,
    resource,
    merged.properties,
    merged.where,
    ctx.inputResources,
    ctx,
    merged.fromGlobals,
  );
  if (type === 'AWS::Serverless::Function') expandFunction(sam, implicitApis);
  else if (type === 'AWS::Serverless::LayerVersion') expandLayerVersion(sam);
  else if (type === 'AWS::Serverless::SimpleTable') expandSimpleTable(sam);
  else {
    if (!PASSED_THROUGH_TYPES.has(type)) {
      const meant = misspeltResourceType(type);
      const guess = meant === undefined ? '' : ` (did you mean ${meant}?)`;
      ctx.issue(
        `${id}: ${type} is not a SAM resource type Parapet knows${guess}; left as written`,
        resource,
        'Type',
      );
    }
    const properties = type === 'AWS::Serverless::Api' ? withoutInvalidUsagePlan(sam) : merged.properties;
    if (properties === written || properties === local) ctx.keep(id, resource);
    else ctx.keep(id, ctx.derive({ ...resource, Properties: properties }, { node: resource }));
  }
}

/** The input template with the expanded Resources, SAM's new Conditions, and neither Globals nor the SAM transform. */
function outputTemplate(template: JsonObject, ctx: ExpansionContext): JsonObject {
  const out: JsonObject = {};
  const addedConditions = Object.keys(ctx.conditions).length > 0;
  for (const [key, value] of Object.entries(template)) {
    if (key === 'Globals') continue;
    if (key === 'Resources') out.Resources = ctx.resources;
    else if (key === 'Transform') {
      const rest = Array.isArray(value) ? value.filter((item) => item !== SAM_TRANSFORM) : value;
      if (rest !== SAM_TRANSFORM && !(Array.isArray(rest) && rest.length === 0)) out.Transform = rest;
    } else if (key === 'Conditions' && addedConditions && isObject(value)) {
      out.Conditions = ctx.derive({ ...value, ...ctx.conditions }, { node: value });
    } else setOwn(out, key, value);
  }
  if (addedConditions && !isObject(out.Conditions)) out.Conditions = ctx.conditions;
  return out;
}
