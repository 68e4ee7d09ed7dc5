import { API_DEPLOYING_TYPES } from '../../../model/apigateway.js';
import { own } from '../../../model/own.js';
import { isUnknown, unknown, type Value } from '../../../model/values.js';
import type { StageWebAcl, WebAcl } from '../../../model/waf.js';
import { mentionsResource } from '../cycles.js';
import { mayExist } from '../link-targets.js';
import { isCustomResourceType } from '../resource-types.js';
import { samStageId } from '../sam/references.js';
import { given } from './apigateway-sam.js';
import { declaration, declaredProperties, type TemplateResources } from './apigateway-shared.js';
import type { MapContext } from './context.js';
import { readWebAcl } from './waf.js';

// The stages of a REST API the template deploys, each with the web ACL an AWS::WAFv2::WebACLAssociation puts on it.
// A web ACL guards one stage (AWS::WAFv2::WebACLAssociation, ResourceArn "For an Amazon API Gateway REST API:
// arn:partition:apigateway:region::/restapis/api-id/stages/stage-name"); HTTP APIs take none (API Gateway Developer
// Guide, "Choose between REST APIs and HTTP APIs": AWS WAF, REST API yes, HTTP API no), nor do WebSocket APIs, and
// a call reaches a route through any stage of its API.

/**
 * `arn:aws:apigateway:eu-west-2::/restapis/<api>/stages/<stage>`, as a REST API stage's ARN is written (its partition
 * and region may be `${AWS::Partition}` and `${AWS::Region}`).
 */
const STAGE_ARN =
  /^arn:(?:\$\{AWS::Partition\}|[^:]*):apigateway:(?:\$\{AWS::Region\}|[^:]*)::\/restapis\/([^/]+)\/stages\/([^/]+)$/;
/** `${Name}`: the whole part one reference. */
const PLACEHOLDER = /^\$\{([A-Za-z0-9]+)\}$/;

/** A stage as the template names it: by the logical id that makes it (where one does), and its name. */
interface StageName {
  readonly id?: string;
  readonly name: Value<string>;
}

interface DeclaredStage extends StageName {
  readonly made?: string;
}

interface Association {
  readonly id: string;
  /** The stage it names; undefined where its ARN names this API but not which stage. */
  readonly stage?: StageName;
  readonly webAcl: Value<WebAcl>;
}

/**
 * Each stage of REST API `api` (a logical id of the template) and the web ACL on it; undefined where no web ACL
 * association of the template names the API.
 */
export function stageWebAcls(
  ctx: MapContext,
  resources: TemplateResources,
  api: string,
): readonly StageWebAcl[] | undefined {
  return ctx.withinJson(() => {
    const declared = declaredStages(ctx, resources, api);
    const associations = associationsOf(ctx, resources, api, declared);
    if (associations.length === 0) return undefined;
    const stages: StageWebAcl[] = declared.map((stage) => {
      // Every association naming the stage: which of them deploys last, and so stays, is not known.
      const on = associations.filter((a) => a.stage !== undefined && sameStage(a.stage, stage));
      // One naming a stage not known before deploy may name this one too, and replace the others.
      const mayBeOn = associations.filter((a) => a.stage === undefined || isUnknown(a.stage.name));
      const anyStage = mayBeOn[0];
      const webAcls =
        on.length > 0
          ? [...on, ...mayBeOn].map((a) => a.webAcl)
          : anyStage === undefined
            ? undefined
            : [
                unknown(
                  `web ACL association ${anyStage.id} names a stage of API ${api} not known before deploy`,
                ),
              ];
      return {
        stage: stage.name,
        ...(stage.made === undefined ? {} : { made: stage.made }),
        ...(webAcls === undefined ? {} : { webAcls }),
      };
    });
    // A stage the template does not declare (made by another stack, or by hand) that associations name.
    const undeclared = new Map<string, Value<WebAcl>[]>();
    for (const association of associations) {
      const stage = association.stage;
      if (stage === undefined || typeof stage.name !== 'string') continue;
      if (declared.some((d) => sameStage(stage, d))) continue;
      undeclared.set(stage.name, [...(undeclared.get(stage.name) ?? []), association.webAcl]);
    }
    for (const [stage, webAcls] of undeclared) stages.push({ stage, webAcls });
    return stages;
  });
}

function sameStage(a: StageName, b: StageName): boolean {
  if (a.id !== undefined && a.id === b.id) return true;
  return typeof a.name === 'string' && a.name === b.name;
}

/**
 * The stages the template makes for REST API `api`: its `AWS::ApiGateway::Stage`s, the stage of each
 * `AWS::ApiGateway::Deployment` given a `StageName`, and for a SAM Api the stage it names and the stage `Stage`, which
 * SAM's deployment makes as well unless the API sets `OpenApiVersion` (samtranslator api_generator.py
 * `_construct_deployment`: `if not self.remove_extra_stage: deployment.StageName = "Stage"`).
 */
function declaredStages(ctx: MapContext, resources: TemplateResources, api: string): DeclaredStage[] {
  const stages: DeclaredStage[] = [];
  const add = (stage: DeclaredStage) => {
    if (!stages.some((s) => sameStage(s, stage))) stages.push(stage);
  };
  const decl = declaration(ctx, resources, api);
  if (decl?.type === 'AWS::Serverless::Api' && !isUnknown(decl.props)) {
    const raw = decl.props.StageName;
    const name = ctx.string(raw) ?? unknown(`API ${api} has no StageName`);
    // Named as SAM names it from what is written: an intrinsic (`!Ref Stage`) gives `<Id>Stage`, whatever its value.
    add({ id: samStageId(api, raw), name });
    if (!given(ctx, decl.props, 'OpenApiVersion') && name !== 'Stage')
      add({
        name: 'Stage',
        made: `which SAM makes besides ${typeof name === 'string' ? name : 'the StageName'} for an API without OpenApiVersion`,
      });
  }
  for (const [id, props] of ofApi(ctx, 'AWS::ApiGateway::Stage', api))
    add({ id, name: ctx.string(props.StageName) ?? unknown(`stage ${id} has no StageName`) });
  for (const [id, props] of ofApi(ctx, 'AWS::ApiGateway::Deployment', api)) {
    const name = ctx.string(props.StageName);
    if (name !== undefined) add({ name, made: `which deployment ${id} makes` });
  }
  return stages;
}

/**
 * The declarations of `type` whose RestApiId is API `api`, with their properties; not one whose Condition is false
 * (not deployed: the case where it holds is explored apart, engine/condition-cases.ts).
 */
function ofApi(ctx: MapContext, type: string, api: string): [string, Record<string, unknown>][] {
  return ctx.declarationsOfType(type).flatMap(([id, decl]): [string, Record<string, unknown>][] => {
    if (!mayExist(ctx, decl)) return [];
    const props = declaredProperties(ctx, decl);
    if (isUnknown(props)) return [];
    return ctx.reference(props.RestApiId) === api ? [[id, props]] : [];
  });
}

/** The web ACL associations whose ResourceArn names a stage of API `api` (`.../restapis/${Api}/stages/...`). */
function associationsOf(
  ctx: MapContext,
  resources: TemplateResources,
  api: string,
  declared: readonly DeclaredStage[],
): Association[] {
  return ctx.declarationsOfType('AWS::WAFv2::WebACLAssociation').flatMap(([id, decl]): Association[] => {
    const props = declaredProperties(ctx, decl);
    if (isUnknown(props)) return [];
    // One whose Condition is false is not deployed; one whose Condition is not known may not be.
    const condition = typeof decl.Condition === 'string' ? ctx.resolver.conditionNamed(decl.Condition) : true;
    if (condition === false) return [];
    const arn = ctx.string(props.ResourceArn);
    const shape = isUnknown(arn) ? arn.template : arn;
    const [, apiPart, stagePart] = STAGE_ARN.exec(shape ?? '') ?? [];
    if (apiPart !== `\${${api}}` || stagePart === undefined) return [];
    const acl = ctx.reference(props.WebACLArn);
    const webAcl = isUnknown(condition)
      ? unknown(`web ACL association ${id} is deployed only where condition ${String(decl.Condition)} holds`)
      : typeof acl === 'string'
        ? readWebAcl(ctx, resources, acl)
        : unknown(
            `the web ACL of association ${id} is not known before deploy${isUnknown(acl) ? ` (${acl.reason})` : ''}`,
          );
    const stage = stageNamed(ctx, resources, stagePart, declared);
    return [{ id, ...(stage === undefined ? {} : { stage }), webAcl }];
  });
}

/**
 * The stage the last part of a stage ARN names: written out (`Prod`), or the `Ref` of a stage, which is its name (an
 * `AWS::ApiGateway::Stage`, or the one SAM makes: `${Api.Stage}` is read as its logical id). Undefined for anything
 * else (a parameter).
 */
function stageNamed(
  ctx: MapContext,
  resources: TemplateResources,
  part: string,
  declared: readonly DeclaredStage[],
): StageName | undefined {
  if (!part.includes('${')) return { name: part };
  const id = PLACEHOLDER.exec(part)?.[1];
  if (id === undefined) return undefined;
  const stage = declared.find((d) => d.id === id);
  if (stage !== undefined) return stage;
  const decl = declaration(ctx, resources, id);
  if (decl?.type !== 'AWS::ApiGateway::Stage' || isUnknown(decl.props)) return undefined;
  return { id, name: ctx.string(decl.props.StageName) ?? unknown(`stage ${id} has no StageName`) };
}

/**
 * What may deploy an API to a stage, by the API's type (API_DEPLOYING_TYPES), and the property of theirs that names the
 * API. API Gateway serves a REST API's routes only through a stage of a deployment, and an HTTP or WebSocket API's only
 * through a stage too ("After you deploy an API to a stage, it's available for clients to invoke", Developer Guide,
 * "Stages for HTTP APIs").
 */
const DEPLOYING: Readonly<
  Record<string, { readonly types: readonly string[]; readonly apiProperty: string }>
> = {
  'AWS::ApiGateway::RestApi': { types: API_DEPLOYING_TYPES.rest, apiProperty: 'RestApiId' },
  'AWS::ApiGatewayV2::Api': { types: API_DEPLOYING_TYPES.v2, apiProperty: 'ApiId' },
};

/**
 * Whether the template surely deploys API `api` to no stage, so nobody can call its routes until someone deploys
 * it (API Gateway Developer Guide, "Deploy REST APIs in API Gateway": "After creating your API, you must deploy it to
 * make it callable"). Only an `AWS::ApiGateway::RestApi` or an `AWS::ApiGatewayV2::Api` (SAM makes a stage for every
 * Api and HttpApi), and of the latter only one without `Target`: quick create makes "a default stage which is
 * configured to automatically deploy changes" (CloudFormation reference, AWS::ApiGatewayV2::Api). And only where no
 * resource of DEPLOYING may be for it (one whose API or properties are not known may be; one whose Condition the case
 * built makes false is not, see mayExist) and no custom resource is given its id (one may deploy it). Whether its id
 * leaves the template, where another stack may deploy it, is the caller's to ask.
 */
export function deploysNoStage(ctx: MapContext, resources: TemplateResources, api: string): boolean {
  const decl = declaration(ctx, resources, api);
  const deploying = typeof decl?.type === 'string' ? own(DEPLOYING, decl.type) : undefined;
  if (decl === undefined || deploying === undefined || isUnknown(decl.props)) return false;
  if (decl.type === 'AWS::ApiGatewayV2::Api' && decl.props.Target !== undefined) return false;
  return ctx.withinJson(() => {
    for (const type of deploying.types)
      for (const [, declared] of ctx.declarationsOfType(type)) {
        if (!mayExist(ctx, declared)) continue;
        const props = declaredProperties(ctx, declared);
        if (isUnknown(props)) return false;
        const target = ctx.reference(props[deploying.apiProperty]);
        if (target === api || isUnknown(target)) return false;
      }
    return !Object.values(resources).some((raw) => {
      const decl = raw as { Type?: unknown; Properties?: unknown } | null;
      return isCustomResourceType(decl?.Type) && mentionsResource(decl?.Properties, api);
    });
  });
}
