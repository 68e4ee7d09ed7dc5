// The CDK app whose synth output is cdk.out/ beside this file (aws-cdk-lib 2.276.0), for
// `npx parapet scan examples/cdk-app/cdk.out`. Parapet does not depend on the CDK: to synthesize it again,
// in a scratch folder run `npm i aws-cdk-lib constructs aws-cdk`, copy this file there, and run
// `npx cdk synth --app "node app.cjs" -o cdk.out`; then copy OrdersStack.template.json and manifest.json.
// Planted: a function URL without auth on a deprecated runtime, dynamodb:* on every table, an S3 source and
// an SQS source that keep no record of failed events, and the functions CDK adds itself (log retention,
// bucket notifications, auto-delete objects), whose findings say so.
const cdk = require('aws-cdk-lib');
const lambda = require('aws-cdk-lib/aws-lambda');
const logs = require('aws-cdk-lib/aws-logs');
const dynamodb = require('aws-cdk-lib/aws-dynamodb');
const s3 = require('aws-cdk-lib/aws-s3');
const s3n = require('aws-cdk-lib/aws-s3-notifications');
const sqs = require('aws-cdk-lib/aws-sqs');
const { SqsEventSource } = require('aws-cdk-lib/aws-lambda-event-sources');
const iam = require('aws-cdk-lib/aws-iam');

class OrdersStack extends cdk.Stack {
  constructor(scope, id, props) {
    super(scope, id, props);
    const table = new dynamodb.Table(this, 'Orders', {
      partitionKey: { name: 'id', type: dynamodb.AttributeType.STRING },
      billingMode: dynamodb.BillingMode.PAY_PER_REQUEST,
    });

    // A webhook with a public function URL (no auth), on a deprecated runtime.
    const webhook = new lambda.Function(this, 'Webhook', {
      runtime: lambda.Runtime.NODEJS_18_X,
      handler: 'index.handler',
      code: lambda.Code.fromInline('exports.handler = async () => ({ statusCode: 200 });'),
      environment: { TABLE_NAME: table.tableName },
    });
    webhook.addFunctionUrl({ authType: lambda.FunctionUrlAuthType.NONE });
    table.grantReadWriteData(webhook);

    // An importer the uploads bucket invokes (asynchronously, with no record of failures), with a
    // hand-written policy that allows every DynamoDB action.
    const uploads = new s3.Bucket(this, 'Uploads', {
      removalPolicy: cdk.RemovalPolicy.DESTROY,
      autoDeleteObjects: true,
      enforceSSL: true,
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
    });
    const importer = new lambda.Function(this, 'Importer', {
      runtime: lambda.Runtime.PYTHON_3_13,
      handler: 'index.handler',
      code: lambda.Code.fromInline('def handler(event, context):\n    return None\n'),
      logRetention: logs.RetentionDays.ONE_WEEK,
    });
    importer.addToRolePolicy(new iam.PolicyStatement({ actions: ['dynamodb:*'], resources: ['*'] }));
    uploads.addEventNotification(s3.EventType.OBJECT_CREATED, new s3n.LambdaDestination(importer));

    // A worker on a queue without a dead-letter queue: failing messages are lost.
    const jobs = new sqs.Queue(this, 'Jobs', { enforceSSL: true });
    const worker = new lambda.Function(this, 'Worker', {
      runtime: lambda.Runtime.PYTHON_3_13,
      handler: 'index.handler',
      code: lambda.Code.fromInline('def handler(event, context):\n    return None\n'),
      tracing: lambda.Tracing.ACTIVE,
    });
    worker.addEventSource(new SqsEventSource(jobs));
  }
}

const app = new cdk.App();
new OrdersStack(app, 'OrdersStack', { env: { account: '123456789012', region: 'eu-west-1' } });
app.synth();
