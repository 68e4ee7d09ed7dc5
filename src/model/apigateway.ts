import type { PolicyDocument } from './iam.js';
import type { Reference } from './lambda.js';
import type { ResourceBase } from './resource.js';
import type { SourceRef } from './source.js';
import type { Unknown, Value } from './values.js';
import type { StageWebAcl } from './waf.js';

/**
 * How API Gateway checks a caller, as a method's or route's `AuthorizationType` names it. Lambda authorizers are
 * `CUSTOM` (REST and HTTP APIs alike); `LAMBDA` is accepted from sources that call them so.
 */
export type AuthorizationType =
  | 'NONE'
  | 'AWS_IAM'
  | 'COGNITO_USER_POOLS'
  | 'CUSTOM'
  | 'JWT'
  | 'LAMBDA'
  | (string & {});

export interface RouteAuthorization {
  readonly type: AuthorizationType;
  /** The authorizer: its name under a SAM API's `Auth.Authorizers`, or the `AuthorizerId` reference. */
  readonly authorizer?: string;
  /** For a Lambda authorizer of a REST API: what it receives, `TOKEN` or `REQUEST`. */
  readonly payloadType?: string;
  /**
   * For `AWS_IAM` on a SAM REST API: the role API Gateway invokes the function with (`Auth.InvokeRole`);
   * `CALLER_CREDENTIALS` (SAM's default) means the caller's own credentials.
   */
  readonly invokeRole?: Value<string>;
  /** Where the setting that decided this is written: the event's `Auth.Authorizer`, the API's `DefaultAuthorizer`, `AuthorizationType`. */
  readonly source?: SourceRef;
  /**
   * Why this holds although the definition that holds the route is not read (an AWS::Include): what it rests on,
   * for the finding to say.
   */
  readonly basis?: string;
}

/**
 * The type of a route no CloudFormation resource stands for: one a SAM Api / HttpApi event adds to its API, one an
 * API's OpenAPI definition declares, a WebSocket API's `$connect`. Findings name it as a route (findings/finding.ts).
 */
export const ROUTE_TYPE = 'Parapet::ApiGateway::Route';

/**
 * What "overrides the route configuration for an API Gateway-managed route" (CloudFormation reference): the route quick
 * create makes (ApiRoute.quickCreate), its authorization and target among them.
 */
export const MANAGED_OVERRIDES_TYPE = 'AWS::ApiGatewayV2::ApiGatewayManagedOverrides';

/**
 * The CloudFormation types that may deploy an API to a stage: a REST API's (`AWS::ApiGateway::RestApi`), and an HTTP or
 * WebSocket API's (`AWS::ApiGatewayV2::Api`). An AWS::ApiGatewayV2::Deployment or ApiMapping names a stage that may be
 * made elsewhere: either may mean one exists. The mapper looks for them in the template (deploysNoStage), and
 * route-no-auth asks whether a transform Parapet does not run may add one: one list, so the two agree.
 */
export const API_DEPLOYING_TYPES = {
  rest: ['AWS::ApiGateway::Deployment', 'AWS::ApiGateway::Stage'],
  v2: ['AWS::ApiGatewayV2::Stage', 'AWS::ApiGatewayV2::Deployment', 'AWS::ApiGatewayV2::ApiMapping'],
} as const satisfies Readonly<Record<string, readonly string[]>>;

/**
 * One route of an API Gateway API that invokes a Lambda function: a REST API method (`AWS::ApiGateway::Method`, or a
 * SAM `Api` event), an HTTP API route (`AWS::ApiGatewayV2::Route`, or a SAM `HttpApi` event), or the `$connect`
 * route of a WebSocket API (the only WebSocket route API Gateway authorizes). For a SAM event, `source` is the
 * `Events.<Name>` entry the user wrote and `generatedBy` the function.
 */
export interface ApiRoute extends ResourceBase<'apigateway.route'> {
  /** The API the route belongs to (`RestApiId` / `ApiId`; `ServerlessRestApi` / `ServerlessHttpApi` for SAM's implicit APIs). */
  readonly api: Reference;
  readonly apiKind: 'rest' | 'http' | 'websocket';
  /** `/items/{id}`, `$default` for an HTTP API's default route, `$connect` for a WebSocket API's connection route. */
  readonly path: Value<string>;
  /** Upper case: `GET`, `ANY`, `OPTIONS`; `GET` for `$connect` (a WebSocket opens with an HTTP GET). */
  readonly method: Value<string>;
  /**
   * The function the route invokes; undefined for a WebSocket `$connect` route whose own integration is not Lambda
   * (a mock, an AWS service) but whose API's other routes invoke functions (`messageFunctions`).
   */
  readonly functionRef?: Reference;
  /**
   * Where whether the route invokes a function at all is not known: why. A quick-create `Target` not known before
   * deploy may be a function ARN or an HTTP URL (an HTTP_PROXY integration); `functionRef` is then Unknown too.
   */
  readonly invokesFunction?: Unknown;
  /**
   * True for the route quick create makes of an `AWS::ApiGatewayV2::Api` with `Target`: API Gateway manages it, and
   * an AWS::ApiGatewayV2::ApiGatewayManagedOverrides (MANAGED_OVERRIDES_TYPE) may set its authorization and target.
   */
  readonly quickCreate?: true;
  /**
   * For a WebSocket `$connect` route: the functions the API's other routes invoke. Anyone who connects can send them
   * messages, and API Gateway authorizes those routes only at `$connect`.
   */
  readonly messageFunctions?: readonly Reference[];
  /** For a WebSocket API: the functions its `$disconnect` route invokes, which anyone connected can make run. */
  readonly disconnectFunctions?: readonly Reference[];
  /**
   * True for a WebSocket API whose template declares no `$connect` route: the route stands for the API, mapped from
   * its first route that invokes a function. API Gateway authorizes a connection only on `$connect` ("Manage connected
   * users and client apps: $connect and $disconnect routes"): without one, anyone connects.
   */
  readonly noConnectRoute?: boolean;
  /**
   * With noConnectRoute: how the API's id leaves its template (`output ApiId`, `the parameters of nested stack
   * Routes`), where a stack Parapet does not read may take it and declare the API's `$connect`.
   */
  readonly idLeavesThrough?: readonly string[];
  readonly authorization: Value<RouteAuthorization>;
  /** Whether callers must send an API key (REST methods, WebSocket routes); undefined where the API has none (HTTP APIs). */
  readonly apiKeyRequired: Value<boolean | undefined>;
  /** The REST API's endpoint type (`EDGE`, `REGIONAL`, `PRIVATE`); HTTP and WebSocket APIs are `REGIONAL`. */
  readonly endpointType: Value<string>;
  /**
   * Who can call a REST API by address family: `ipv4`, or `dualstack` (IPv4 and IPv6 callers); a Regional or
   * edge-optimized API is IPv4 unless its EndpointConfiguration says dualstack, a private one dualstack only (API
   * Gateway Developer Guide, "IP address types for REST APIs"). Undefined where not read (HTTP, WebSocket APIs).
   */
  readonly ipAddressType?: Value<string>;
  /**
   * The REST API's resource policy (`Policy`, or what SAM writes from `Auth.ResourcePolicy`); undefined when it has
   * none. With one, API Gateway lets a call without authorizer through only when the policy allows it.
   */
  readonly resourcePolicy?: Value<PolicyDocument>;
  /**
   * For a REST API some AWS::WAFv2::WebACLAssociation of the template names: each stage the template deploys it to,
   * with the web ACL on it. A call reaches the route through any stage; undefined where no association names the API.
   */
  readonly stageWebAcls?: Value<readonly StageWebAcl[]>;
  /**
   * True for a route of an `AWS::ApiGateway::RestApi`, or of an `AWS::ApiGatewayV2::Api` without quick create's
   * `Target`, that its template surely deploys to no stage (no Deployment, Stage or, for the latter, ApiMapping may be
   * for it, and its id leaves the template nowhere): nobody can call the route until someone deploys the API (from the
   * console, the CLI or a stack Parapet does not see).
   */
  readonly noStageInTemplate?: true;
}

/**
 * A WebSocket `$connect` route (`AWS::ApiGatewayV2::Route`) a template declares on an API it does not declare: another
 * stack's (imported, given by a parent) or one named by its literal id. The API's own stack does not hold it.
 */
export interface ConnectRouteElsewhere {
  /** The route's logical id. */
  readonly declaredBy: string;
  /** Its `ApiId` as read (another scanned stack's resource where the value stands for one: Unknown.stackResource). */
  readonly api: Reference;
  /**
   * Where a deploy may leave it out (a Condition) or its key is not known, or is `$connect` only by its stack's parameter
   * defaults or conditions (`RouteKey: !Ref Key`, defaulting to `$connect`): it may not be a `$connect` there.
   */
  readonly maybe?: true;
  /**
   * What of it (`AuthorizationType`, `ApiKeyRequired`, `Target`) rests on its stack's parameter defaults or conditions,
   * which a deploy may change, with those choices as findings word them (`the default of parameter Auth`).
   */
  readonly restsOnChoices?: { readonly properties: readonly string[]; readonly choices: string };
  /**
   * Whether it invokes a Lambda function: its own stack's scan then checks it (an ApiRoute there). One that does not (a
   * mock, an AWS service) is judged by the API's stack, whose routes it opens.
   */
  readonly invokesFunction: boolean;
  readonly authorization: Value<RouteAuthorization>;
  readonly apiKeyRequired: Value<boolean>;
}
