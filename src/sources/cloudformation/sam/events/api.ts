import type { ExpansionContext } from '../context.js';
import type { Globals } from '../globals.js';
import { isObject, type JsonObject, ref, refTarget } from '../shapes.js';
import type { Provenance } from '../types.js';
import { type EventSource, emitPermission, issue } from './common.js';
import { emitRoute } from './route.js';

export const API_EVENT_TYPES = ['Api', 'HttpApi'] as const;

const IMPLICIT_REST_API = 'ServerlessRestApi';
const IMPLICIT_HTTP_API = 'ServerlessHttpApi';
const ANY_METHOD = 'x-amazon-apigateway-any-method';

/**
 * The APIs SAM creates when an Api or HttpApi event names none (`ServerlessRestApi` with stage Prod,
 * `ServerlessHttpApi`). They are emitted as the AWS::Serverless::Api / HttpApi resources SAM's implicit API
 * plugins insert, with Globals applied, so that they are handled like any API the user wrote; the paths, methods
 * and authorizers SAM would put into their definition are not built here.
 */
export class ImplicitApis {
  private readonly used = new Map<string, Provenance>();

  use(id: typeof IMPLICIT_REST_API | typeof IMPLICIT_HTTP_API, provenance: Provenance): void {
    if (!this.used.has(id)) this.used.set(id, provenance);
  }

  emit(ctx: ExpansionContext, globals: Globals, resources: JsonObject): void {
    for (const [id, provenance] of this.used) {
      if (ctx.isInputResource(id) && isObject(resources[id])) continue; // the user declared it: SAM uses theirs
      const type = id === IMPLICIT_REST_API ? 'AWS::Serverless::Api' : 'AWS::Serverless::HttpApi';
      const own: JsonObject =
        id === IMPLICIT_REST_API ? { StageName: 'Prod', __MANAGE_SWAGGER: true } : { __MANAGE_SWAGGER: true };
      const resource: JsonObject = { Type: type };
      resource.Properties = globals.merge(type, id, resource, own).properties;
      ctx.emit(id, resource, provenance);
    }
  }
}

/** An Api event: the permission for API Gateway to invoke the function from one method and path, any stage. */
export function expandRestApiEvent(event: EventSource, implicit: ImplicitApis): void {
  const { props, sam } = event;
  let apiId = props.RestApiId;
  if (apiId === undefined || apiId === null) {
    apiId = ref(IMPLICIT_REST_API);
    implicit.use(IMPLICIT_REST_API, sam.provenance(event.origin));
  }
  emitRoute(event, 'rest', apiId, props.Path, props.Method);
  const suffix = restApiStageSuffix(event, apiId);
  const method = methodPart(event, props.Method);
  const path = pathPart(event, props.Path);
  const sourceArn = sam.ctx.subArn('execute-api', `\${__ApiId__}/\${__Stage__}/${method}${path}`, {
    __ApiId__: apiId,
    __Stage__: '*',
  });
  emitPermission(event, { principal: 'apigateway.amazonaws.com', sourceArn, suffix });
}

/**
 * The permission's logical id ends with the stage of the API, when SAM can read it: `Prod` for the implicit API,
 * the explicit API's StageName, `Stage` when that is not a plain string, `AllStages` when the API is not in the
 * template.
 */
function restApiStageSuffix(event: EventSource, apiId: unknown): string {
  const target =
    isObject(apiId) && typeof apiId.Ref === 'string'
      ? apiId.Ref
      : typeof apiId === 'string'
        ? apiId
        : undefined;
  if (target === undefined) return 'AllStages';
  if (target === IMPLICIT_REST_API && !event.sam.ctx.isInputResource(target)) return 'Prod';
  const api = event.sam.ctx.inputResource(target);
  if (api === undefined) {
    issue(
      event,
      `RestApiId must reference a valid resource in the same template ('${target}' is not one)`,
      'RestApiId',
    );
    return 'AllStages';
  }
  const stage = isObject(api.Properties) ? api.Properties.StageName : undefined;
  if (typeof stage !== 'string') return 'Stage';
  if (stage === '') issue(event, 'StageName of the API cannot be empty', 'RestApiId');
  return stage === '' ? 'Stage' : stage;
}

/** `GET`, or `*` for ANY (and, with an issue, when Method is missing or not a string). */
function methodPart(event: EventSource, method: unknown): string {
  if (typeof method !== 'string') {
    issue(event, 'Method must be a string; the permission allows any method', 'Method');
    return '*';
  }
  const lower = method.toLowerCase();
  return lower === 'any' || lower === ANY_METHOD ? '*' : method.toUpperCase();
}

/** The path without its trailing slash and with `{param}` / `{proxy+}` turned into `*`, as SAM writes it. */
function pathPart(event: EventSource, path: unknown): string {
  if (typeof path !== 'string') {
    issue(event, 'Path must be a string; the permission allows any path', 'Path');
    return '/*';
  }
  return wildcardPath(path.replace(/^(.+)\/$/, '$1'));
}

function wildcardPath(path: string): string {
  return path.replace(/\{([a-zA-Z0-9._-]+|[a-zA-Z0-9._-]+\+|proxy\+)\}/g, '*');
}

/**
 * An HttpApi event: a permission for any stage. With neither Path nor Method it is the `$default` route. SAM
 * writes no permission for other routes of a function whose `$default` route (any method) is on the same API:
 * that permission already covers them.
 */
export function expandHttpApiEvent(
  event: EventSource,
  implicit: ImplicitApis,
  siblings: readonly EventSource[],
): void {
  const { props, sam } = event;
  let apiId = props.ApiId;
  if (apiId === undefined || apiId === null) {
    apiId = ref(IMPLICIT_HTTP_API);
    implicit.use(IMPLICIT_HTTP_API, sam.provenance(event.origin));
  } else {
    const target = refTarget(apiId);
    if (target !== undefined && !sam.ctx.isInputResource(target)) {
      issue(
        event,
        `ApiId must reference an AWS::Serverless::HttpApi in the same template ('${target}' is not one)`,
        'ApiId',
      );
    }
  }
  const route = httpRoute(event);
  emitRoute(event, 'http', apiId, ...httpRouteWritten(event));
  if (
    route.path !== '$default' &&
    siblings.some((other) => other !== event && isDefaultRouteOn(other, apiId))
  )
    return;
  // SAM writes ${AWS::Partition} here whatever the region.
  const sourceArn = {
    'Fn::Sub': [
      `arn:\${AWS::Partition}:execute-api:\${AWS::Region}:\${AWS::AccountId}:\${__ApiId__}/\${__Stage__}${routeArnPart(route)}`,
      { __ApiId__: apiId, __Stage__: '*' },
    ],
  };
  emitPermission(event, { principal: 'apigateway.amazonaws.com', sourceArn });
}

interface HttpRoute {
  /** `GET`, or `*` for any method. */
  readonly method: string;
  /** Without a trailing slash. */
  readonly path: string;
}

/** A route as the event gives it; with neither Path nor Method, the `$default` route for any method. */
function httpRoute(event: EventSource): HttpRoute {
  const { Path: path, Method: method } = event.props;
  if ((path === undefined || path === null) && (method === undefined || method === null)) {
    return { method: '*', path: '$default' };
  }
  const methodText = methodPart(event, method);
  if (typeof path !== 'string') {
    issue(event, 'Path must be a string; the permission allows any path', 'Path');
    return { method: methodText, path: '/*' };
  }
  return { method: methodText, path: path.replace(/^(.+)\/$/, '$1') };
}

/** The route's path and method as the event gives them; with neither, SAM's `$default` route for any method. */
function httpRouteWritten(event: EventSource): [unknown, unknown] {
  const { Path: path, Method: method } = event.props;
  if ((path === undefined || path === null) && (method === undefined || method === null))
    return ['$default', 'ANY'];
  return [path, method];
}

/** The part of the execute-api ARN after the stage, as SAM writes it (odd for `/$default`, as SAM is). */
function routeArnPart(route: HttpRoute): string {
  if (route.path === '$default') return `/${route.method}`;
  if (route.method === '*' && route.path === '/$default') return route.path;
  return `/${route.method}${wildcardPath(route.path)}`;
}

function isDefaultRouteOn(event: EventSource, apiId: unknown): boolean {
  if (event.type !== 'HttpApi') return false;
  const otherApi = event.props.ApiId ?? ref(IMPLICIT_HTTP_API);
  if (JSON.stringify(otherApi) !== JSON.stringify(apiId)) return false;
  const { Path: path, Method: method } = event.props;
  if ((path === undefined || path === null) && (method === undefined || method === null)) return true;
  return (
    path === '$default' &&
    typeof method === 'string' &&
    (method.toLowerCase() === 'any' || method === ANY_METHOD)
  );
}
