import { transformsNotRunWords } from '../../findings/words.js';
import { type ApiAccess, apiPolicyAccess } from '../../iam/api-access.js';
import { type ApiRoute, MANAGED_OVERRIDES_TYPE } from '../../model/apigateway.js';
import type { Inventory } from '../../model/inventory.js';
import { isUnknown, shapeOf, unknown } from '../../model/values.js';
import { type CheckContext, defineCheck } from '../define.js';
import { noConnectRoute } from './no-connect-route.js';
import { describeAuthorization, invokesWith, onceDeployed, reachedOnceConnected } from './route-words.js';
import { webAclAccess } from './web-acl-access.js';

/** `GET /items/{id} on ServerlessRestApi`, with `${...}` for what is not known. */
function routeName(route: ApiRoute): string {
  const api = shapeOf(route.api);
  const where = api === undefined ? 'an API that cannot be seen' : `API ${api}`;
  if (route.noConnectRoute === true) return `WebSocket ${where}`;
  if (route.apiKind === 'websocket') return `the WebSocket connection route ($connect) of ${where}`;
  return `${shapeOf(route.method) ?? '?'} ${shapeOf(route.path) ?? '?'} on ${where}`;
}

/** What the API's resource policy lets an anonymous caller do on the route (see iam/api-access.ts). */
function policyAccess(route: ApiRoute, method: string, ctx: CheckContext): ApiAccess {
  const policy = route.resourcePolicy ?? unknown('no resource policy');
  if (isUnknown(route.path))
    return { answer: 'unknown', reason: `the route's path is not known (${route.path.reason})` };
  const target = {
    method,
    path: route.path,
    ...(route.ipAddressType === undefined ? {} : { ipAddressType: route.ipAddressType }),
  };
  return apiPolicyAccess(policy, target, { inventory: ctx.inventory });
}

/** What anyone can do through an open `$connect`, naming the functions the API's other routes invoke where known. */
function webSocketCallers(route: ApiRoute, inventory: Inventory): string {
  const connect = route.functionRef === undefined ? 'connect' : 'connect (each connect request invokes it)';
  const authorized = ', which are authorized only at $connect';
  // Routes of its messages whose functions are not known (another stack's) are reached all the same.
  const sends =
    (route.messageFunctions ?? []).length > 0
      ? ''
      : ` and then send messages to the API's routes${authorized}`;
  return `${connect}${sends}${reachedOnceConnected(route, inventory, authorized)}`;
}

export default defineCheck({
  id: 'apigateway.route-no-auth',
  title: 'API Gateway route invokes a Lambda function without authorization',
  severity: 'medium',
  resource: 'apigateway.route',
  description:
    'An API Gateway method or route whose integration invokes a Lambda function, with authorization `NONE`. On a REST ' +
    'API, one that requires an API key is reported at low severity: API Gateway uses keys to identify usage-plan ' +
    'clients, not to authorize callers, and AWS advises against them as the only access control (HTTP APIs have no ' +
    'API keys: a route of one needs an authorizer).',
  details:
    'On a WebSocket ' +
    'API only the `$connect` route is checked: API Gateway authorizes a connection there (IAM, a Lambda authorizer, an ' +
    'API key) and never on the routes of its messages; a SAM `WebSocketApi` authorizes it with `Auth.AuthType`. ' +
    "A `$connect` whose own integration is not Lambda (a mock, an AWS service) is checked when the API's other " +
    'routes invoke functions, which the finding names (a `$disconnect` function apart: a client runs it by ' +
    'disconnecting). A WebSocket API whose template declares no `$connect` route fails on its first route that ' +
    'invokes a function: nothing authorizes its connections. Where another stack scanned with it declares the ' +
    "`$connect` on its id (an import of its export, a parent's value), that route is judged: by its own stack's scan " +
    "when it invokes a function, else on the API's first route, naming the functions it opens. It is " +
    'unknown where one may (a `$connect` route on a literal API id or a value Parapet cannot trace, one under a ' +
    "condition) or where that stack's parameter defaults or conditions decide its key, authorization, API key or " +
    "target (a deploy may change them), where its id leaves the template (an output, a nested stack's parameters) for stacks that may " +
    'declare it, and under a macro or AWS::Include Parapet does not run, which may add it: in the `Transform` ' +
    'section, an `Fn::Transform` in `Resources`, or one making a resource whose `Type` is not written or is a route. ' +
    'For SAM `Api` and ' +
    "`HttpApi` events the authorization is resolved as SAM resolves it: the event's `Auth.Authorizer`, else the API's " +
    '`Auth.DefaultAuthorizer` (Globals included), and for REST APIs the API key settings. ' +
    'CORS preflight (OPTIONS) routes are not checked; routes of a PRIVATE REST API pass, since only VPC endpoints reach them. ' +
    "Routes written only in an API's inline OpenAPI definition (`Body`, SAM's `DefinitionBody`, or a file beside the " +
    'template that it takes with `AWS::Include`, located in that file, with any keys written beside the ' +
    "`Fn::Transform` kept beside it, or the local file a SAM API's `DefinitionUri` names, to which SAM adds nothing " +
    'and in which no intrinsic function is run) are checked too: each ' +
    'operation whose `x-amazon-apigateway-integration` invokes a Lambda function, authorized by its `security` and the ' +
    "schemes it names (an operation that inherits the document's top-level `security` is unknown: API Gateway has " +
    'said it applies security per method only; one SAM gives its DefaultAuthorizer is not), or by its ' +
    '`x-amazon-apigateway-auth` (`AWS_IAM` or `NONE`, in any case). Where an operation writes both, the guide does not ' +
    'say which one API Gateway takes: it passes when each one requires an authorizer and is unknown when one of them ' +
    'leaves the route open; the extension on an HTTP API operation is unknown (the guide does not say HTTP APIs take ' +
    'it). ' +
    'An Api event on a SAM Api whose `DefinitionBody` Parapet does not read (an `AWS::Include` of a file in S3, or of ' +
    'one that cannot be read, or that writes a key also written beside it with another value: which one ' +
    'CloudFormation keeps is not documented) passes ' +
    "under the API's `DefaultAuthorizer`: SAM adds no operation to such a definition and puts the default on every " +
    "operation it has; only SAM's `NONE` marker written in that file could take it off, which Parapet cannot see. " +
    'With `Authorizer: NONE` and `OverrideApiAuth` on the event, or without a default, such a route is unknown. ' +
    "A REST API's resource policy (`Policy`, `x-amazon-apigateway-policy`, or SAM's `Auth.ResourcePolicy`) is read: API Gateway lets a call without " +
    'authorizer through only when the policy allows it, so the route passes when the policy shuts out anonymous callers ' +
    '(a Deny unless the caller comes from listed addresses, VPCs or accounts; no Allow for `*`), fails when an Allow for ' +
    '`*` without conditions covers it, and is unknown when conditions (aws:CurrentTime, ...) or values decide. ' +
    'Listed `aws:SourceIp` ranges are read together: ranges that add up to every address (`0.0.0.0/1` and ' +
    '`128.0.0.0/1`, `::/1` and `8000::/1`, as a SAM `IpRangeWhitelist` may list them) keep no one out of a Deny ' +
    'unless from them, and an Allow for `*` from them is an Allow for everyone. ' +
    'AWS WAF counts the same way: a REST API route passes when every stage of its API the template makes has a web ' +
    'ACL (`AWS::WAFv2::WebACLAssociation` on `arn:aws:apigateway:<region>::/restapis/<api>/stages/<stage>`) that blocks ' +
    'by default and allows only requests whose connection comes from an `AWS::WAFv2::IPSet` of fixed addresses (or ' +
    'blocks first every request not from one), its rules read in priority order, with the rules of an ' +
    "`AWS::WAFv2::RuleGroup` of the template run in the group's place (its `RuleActionOverrides` applied: an Allow " +
    "inside a rule group ends the web ACL's evaluation as its own does). Block, Count, CAPTCHA and AWS managed rule " +
    'groups let nothing more in, unless `RuleActionOverrides` make a rule of theirs Allow. It fails, saying why, when ' +
    "a stage has no web ACL (SAM's extra stage " +
    '`Stage`, made for an `AWS::Serverless::Api` without `OpenApiVersion`, among them), when the web ACL allows by ' +
    'default, when an Allow rule matches anything but such an IP set (one of a header holding a set value, such as ' +
    'the secret a CloudFront distribution adds so that callers do not go around it, leaves the route as public as ' +
    'that distribution, and says so, naming the distributions of the template that add the header, never the ' +
    'value; so does an `AndStatement` with such a header match among its parts, or an `OrStatement` of such matches ' +
    'alone, while one beside other parts of an `OrStatement` keeps no one out, which the message says), when an IP ' +
    'set holds a range wider than a ' +
    'fixed list of addresses (an IPv4 prefix shorter than /8, such as `0.0.0.0/1`, or an IPv6 prefix shorter than ' +
    "/16: these limits are Parapet's, not AWS's, which takes any range but /0), and when the address is read from " +
    'a request header (`IPSetForwardedIPConfig`) at its `FIRST` ' +
    'or `ANY` position, which the caller writes (with `FallbackBehavior: MATCH` a header holding no valid address ' +
    'is allowed too); the `LAST` position, which a proxy in front may write, is unknown, and so is a web ACL, IP ' +
    'set, stage or association given by a parameter, an import or a condition, an IPv6 range holding the ' +
    'IPv4-mapped form (`::ffff:0:0/96`) of more than an IPv4 /8 (AWS WAF does not say whether IPv4 callers match ' +
    "it), or a rule group Parapet does not read (another stack's or account's, or another vendor's) unless the rules " +
    'before it already decide. Where several associations name one stage, which stays rests on which deploys last: the stage is judged ' +
    'by every web ACL they name, unknown when they differ. HTTP APIs take no web ACL. ' +
    'The route quick create makes of an `AWS::ApiGatewayV2::Api` whose `Target` is a function ARN is checked too: ' +
    '`$default`, or its `RouteKey`, without authorization unless an `AWS::ApiGatewayV2::ApiGatewayManagedOverrides` ' +
    "sets the route's (unknown where one whose `ApiId` is not known may be for the API, or where a macro or an " +
    '`AWS::Include` Parapet does not run may add one). A `Target` not known before deploy (a parameter without ' +
    'default, an import, a custom resource or nested stack attribute) may be a function ARN or an HTTP URL: that ' +
    "route is unknown unless it has an authorizer. One that is another resource's attribute (an `AWS::Lambda::Url`'s " +
    '`FunctionUrl`) is an HTTP URL, not checked. ' +
    'A public route fails even when which function it invokes is not known before deploy (an integration URI from a ' +
    "parameter, another stack's export): it is mapped only for a Lambda integration. " +
    'A route of an `AWS::ApiGateway::RestApi` that its template deploys to no stage (no `AWS::ApiGateway::Deployment` ' +
    "or `Stage` that may be for it, no custom resource given its id, its id in no output or nested stack's " +
    'parameters, no transform Parapet does not run) still fails, as a deploy from the console or another stack opens ' +
    'it, but says that anyone can call it once the API is deployed to a stage: API Gateway serves a REST API only ' +
    'through a stage of a deployment. So does a route of an `AWS::ApiGatewayV2::Api` (HTTP or WebSocket, and a ' +
    'WebSocket API without `$connect`) with no ' +
    '`AWS::ApiGatewayV2::Stage`, `Deployment` or `ApiMapping` that may be for it and no `Target` (quick create makes ' +
    'an auto-deployed `$default` stage). A SAM `Api` or `HttpApi` always has a stage.',
  risk: 'Anyone on the internet who finds the endpoint can invoke the function: read or change whatever its role can reach, exploit flaws in its input handling, and run up cost.',
  remediation: {
    text: 'Give the route an authorizer: IAM (callers sign requests with SigV4), a Cognito user pool, a JWT authorizer (HTTP APIs) or a Lambda authorizer; for a SAM API, set a DefaultAuthorizer so every route gets one. If the route must be public, say so with a suppression and a reason.',
    cloudformation:
      '# SAM: every route of the API gets the default; an event can still opt out with Auth: { Authorizer: NONE }\n' +
      'MyApi:\n  Type: AWS::Serverless::Api\n  Properties:\n    StageName: prod\n    Auth:\n' +
      '      DefaultAuthorizer: AWS_IAM   # or a Cognito / Lambda authorizer named under Authorizers\n' +
      '# CloudFormation\nGetItemMethod:\n  Type: AWS::ApiGateway::Method\n  Properties:\n' +
      '    AuthorizationType: AWS_IAM   # or COGNITO_USER_POOLS / CUSTOM with AuthorizerId\n',
    cdk:
      "import * as apigateway from 'aws-cdk-lib/aws-apigateway';\n" +
      "import * as apigwv2 from 'aws-cdk-lib/aws-apigatewayv2';\n" +
      "import { HttpIamAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';\n" +
      '\n' +
      '// REST API: every method gets IAM auth (or a CognitoUserPoolsAuthorizer, TokenAuthorizer)\n' +
      "new apigateway.LambdaRestApi(this, 'Api', {\n" +
      '  handler: fn,\n' +
      '  defaultMethodOptions: { authorizationType: apigateway.AuthorizationType.IAM },\n' +
      '});\n' +
      '// HTTP API: every route gets the default authorizer (or an HttpJwtAuthorizer)\n' +
      "new apigwv2.HttpApi(this, 'HttpApi', { defaultAuthorizer: new HttpIamAuthorizer() });\n",
    cli:
      'aws apigateway update-method --rest-api-id <api-id> --resource-id <resource-id> --http-method GET ' +
      '--patch-operations op=replace,path=/authorizationType,value=AWS_IAM\n' +
      'aws apigatewayv2 update-route --api-id <api-id> --route-id <route-id> --authorization-type AWS_IAM',
    terraform:
      'resource "aws_api_gateway_method" "get_item" {\n  authorization = "AWS_IAM"\n}\n' +
      'resource "aws_apigatewayv2_route" "get_item" {\n  authorization_type = "JWT"\n  authorizer_id      = aws_apigatewayv2_authorizer.jwt.id\n}\n',
  },
  compliance: {
    'nist-800-53-r5': ['AC-3', 'IA-2'],
    'pci-dss-4.0': ['7.2.1', '8.2.1'],
    hipaa: ['164.312(a)(1)', '164.312(d)'],
    soc2: ['CC6.1'],
    // APIGateway.8: "API Gateway routes should specify an authorization type" (HTTP and WebSocket API routes).
    'aws-fsbp': ['APIGateway.8'],
  },
  references: [
    'https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-control-access-to-api.html',
    'https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-access-control.html',
    'https://docs.aws.amazon.com/serverless-application-model/latest/developerguide/serverless-controlling-access-to-apis.html',
    'https://docs.aws.amazon.com/securityhub/latest/userguide/apigateway-controls.html',
  ],
  evaluate(route, ctx) {
    if (route.method === 'OPTIONS') return ctx.notApplicable('CORS preflight route');
    const name = routeName(route);
    // API Gateway authorizes a WebSocket connection only on $connect (Developer Guide, "Manage connected users and
    // client apps: $connect and $disconnect routes"): an API without one lets anyone connect.
    if (route.noConnectRoute === true) return noConnectRoute(route, name, ctx);
    // Where the name opens a sentence (a WebSocket route's name starts in lower case).
    const subject = name.charAt(0).toUpperCase() + name.slice(1);
    const auth = route.authorization;
    if (isUnknown(auth)) return ctx.unknown(`The authorization of ${name} cannot be seen: ${auth.reason}.`);
    // At what sets the authorization, as a failure is: the pass rests on that value (and its defaults) alone.
    const where = auth.source ? { where: auth.source } : {};
    if (auth.type !== 'NONE') return ctx.pass(`${subject} requires ${describeAuthorization(auth)}`, where);
    // A macro or an AWS::Include may add the ApiGatewayManagedOverrides that gives quick create's route an authorizer.
    const overriding = route.quickCreate ? ctx.inventory.transformsThatMayAdd([MANAGED_OVERRIDES_TYPE]) : [];
    if (overriding.length > 0)
      return ctx.unknown(
        `The authorization of ${name} cannot be seen: ${transformsNotRunWords(overriding)} may add an ` +
          `${MANAGED_OVERRIDES_TYPE} that sets it.`,
      );
    if (route.invokesFunction !== undefined)
      return ctx.unknown(
        `${subject} has no authorization; whether it invokes a Lambda function is not known: ${route.invokesFunction.reason}.`,
      );
    if (isUnknown(route.method))
      return ctx.unknown(
        `${subject} has no authorization; its method (OPTIONS?) is not known: ${route.method.reason}.`,
      );
    if (isUnknown(route.endpointType))
      return ctx.unknown(
        `${subject} has no authorization; whether its API is private cannot be seen: ${route.endpointType.reason}.`,
      );
    if (route.endpointType === 'PRIVATE')
      return ctx.pass(`${subject} is on a PRIVATE API, reachable only through VPC endpoints`);
    const policy = route.resourcePolicy === undefined ? undefined : policyAccess(route, route.method, ctx);
    if (policy?.answer === 'restricted')
      return ctx.pass(`${subject} has no authorization, but ${policy.reason}`);
    // A web ACL on each stage that lets through only fixed addresses keeps the rest out as such a policy does.
    const waf = webAclAccess(route, ctx.inventory);
    if (waf?.answer === 'restricted') return ctx.pass(`${subject} has no authorization, but ${waf.reason}`);
    if (policy?.answer === 'unknown')
      return ctx.unknown(
        `${subject} has no authorization; whether its resource policy lets anyone call it is not known: ${policy.reason}.`,
      );
    if (waf?.answer === 'unknown')
      return ctx.unknown(
        `${subject} has no authorization; whether AWS WAF lets anyone call it is not known: ${waf.reason}.`,
      );
    // A key matters only where nothing else keeps callers out: a PRIVATE API, or a resource policy that does.
    if (isUnknown(route.apiKeyRequired))
      return ctx.unknown(
        `${subject} has no authorization; whether it needs an API key is not known: ${route.apiKeyRequired.reason}.`,
      );
    // API Gateway uses API keys to tell usage-plan clients apart, not to authorize them: a key is sent in a plain
    // header, is often shared, and one valid for any API of a usage plan opens them all. AWS advises against keys
    // as the only access control (API Gateway Developer Guide, "Usage plans and API keys for REST APIs").
    // An open $connect opens the routes behind it: name the functions they invoke.
    const reached = reachedOnceConnected(route, ctx.inventory);
    if (route.apiKeyRequired === true)
      return ctx.fail(
        `${subject} ${invokesWith(route, ctx.inventory)} no authorizer, only an API key: API Gateway uses API keys to identify usage-plan clients, not to authorize them, and ${onceDeployed(route, ctx.inventory)}anyone holding a key (sent in a plain header, often shared) can ${route.functionRef === undefined ? 'connect' : 'call it'}${reached}. Add an authorizer (IAM, Cognito or a Lambda authorizer) beside the key.`,
        { ...where, severity: 'low' },
      );
    // HTTP APIs have no API keys: saying "no API key" of their routes would suggest one could be added.
    const apiKey = route.apiKind === 'http' ? '' : ' and no API key';
    const allowed = [policy, waf]
      .map((access) => (access === undefined ? '' : `, and ${access.reason}`))
      .join('');
    // The $connect function gets connect requests only; messages go to the other routes, which API Gateway
    // authorizes at $connect only ("Manage connected users and client apps: $connect and $disconnect routes").
    const who = route.apiKind === 'websocket' ? webSocketCallers(route, ctx.inventory) : 'call it';
    // A web ACL that lets in only what a CloudFront distribution sends leaves the route as public as the distribution.
    const callers = waf?.callers ?? `${onceDeployed(route, ctx.inventory)}anyone on the internet can ${who}`;
    return ctx.fail(
      `${subject} ${invokesWith(route, ctx.inventory)} no authorization${apiKey}${allowed}: ${callers}.`,
      where,
    );
  },
});
