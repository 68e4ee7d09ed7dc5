/**
 * SAM expansion: `AWS::Serverless::*` resources → the CloudFormation the SAM translator generates, as far as it
 * bears on security, with the origin of every generated resource. Checked against the translator itself
 * (aws-sam-translator 1.110.0 and its test fixtures, test/fixtures/sam).
 *
 * Expanded: Globals (every section SAM supports, with its merge rules and IgnoreGlobals); Function (the Lambda
 * function, execution role with managed policies, policy templates, inline policies and Fn::If, dead-letter and
 * destination policies, every event source, function URL and its public permissions, event invoke config with the
 * queues and topics SAM creates, version and alias); LayerVersion; SimpleTable; the implicit APIs
 * (`ServerlessRestApi`, `ServerlessHttpApi`) as AWS::Serverless::Api / HttpApi resources, and for each Api / HttpApi
 * event a `Parapet::ApiGateway::Route` pseudo resource, `<Function>.Events.<Event>`, standing for the route SAM writes
 * into its API's OpenAPI definition (events/route.ts; no such type exists in CloudFormation); Connector, resource or
 * embedded, into the managed policies and Lambda permissions of the profiles with a function at one end
 * (connector.ts; the connector resource itself is kept, as a DependsOn may name it).
 *
 * Left as written (later work): Api, HttpApi, WebSocketApi (no RestApi/Deployment/Stage, no OpenAPI body for the
 * implicit APIs), StateMachine, Application, GraphQLApi, CapacityProvider, the queue and topic policies of
 * connectors between other services. Not generated: the S3 bucket
 * notification and Cognito LambdaConfig SAM writes into the user's bucket and user pool, CodeDeploy resources of
 * DeploymentPreference, PropagateTags. What a template may name of those (and of the APIs' stages and deployments)
 * is known all the same: references.ts.
 *
 * Where Parapet differs from the translator on purpose: a LayerVersion keeps its logical id (SAM appends a hash);
 * a local CodeUri / ContentUri stays a path string (SAM rejects a template before `sam package`); Refs to template
 * parameters are left for the resolver (SAM inlines them in a few places); the partition is `${AWS::Partition}`
 * unless given; nothing invalid stops the expansion: it becomes an issue.
 */
export { expandSam, isSamTemplate, SAM_TRANSFORM } from './expand.js';
export { locatingOrigins } from './locator.js';
export type { ExpandSamOptions, Origin, Provenance, SamExpansion, SamIssue } from './types.js';
