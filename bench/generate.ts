/**
 * Generates the benchmark inputs: one large SAM template with many functions (the shape real SAM
 * apps have: Globals, policy templates, API and SQS events, env vars), and a folder of everyday
 * templates.
 */
const RUNTIMES = ['python3.12', 'nodejs20.x', 'python3.9', 'java21', 'nodejs18.x'];

function functionYaml(i: number): string {
  const runtime = i % 3 === 0 ? '' : `      Runtime: ${RUNTIMES[i % RUNTIMES.length]}\n`;
  return `  Function${i}:
    Type: AWS::Serverless::Function
    Properties:
      CodeUri: src/fn${i}/
      Handler: app.handler
${runtime}      MemorySize: ${128 * ((i % 4) + 1)}
      Environment:
        Variables:
          TABLE_NAME: !Ref Table
          STAGE: !Ref Stage
          LOG_LEVEL: INFO
      Policies:
        - DynamoDBCrudPolicy:
            TableName: !Ref Table
        - S3ReadPolicy:
            BucketName: !Sub 'bucket-\${Stage}-${i}'
      Events:
        Api:
          Type: Api
          Properties:
            Path: /items/${i}
            Method: get
        Queue:
          Type: SQS
          Properties:
            Queue: !GetAtt Queue.Arn
            BatchSize: 10
`;
}

/** A lean function (~260 bytes), the size DESIGN.md's measured 512 KB / 2,000-function template has. */
function leanFunctionYaml(i: number): string {
  const runtime = i % 3 === 0 ? '' : `      Runtime: ${RUNTIMES[i % RUNTIMES.length]}\n`;
  return `  Function${i}:
    Type: AWS::Serverless::Function
    Properties:
      CodeUri: src/fn${i}/
      Handler: app.handler
${runtime}      Policies:
        - DynamoDBReadPolicy:
            TableName: !Ref Table
      Events:
        Api:
          Type: Api
          Properties: { Path: /items/${i}, Method: get }
`;
}

export function largeSamTemplate(functions: number, lean = false): string {
  const parts = [
    "AWSTemplateFormatVersion: '2010-09-09'",
    'Transform: AWS::Serverless-2016-10-31',
    'Parameters:',
    '  Stage:',
    '    Type: String',
    '    Default: prod',
    'Globals:',
    '  Function:',
    '    Runtime: python3.12',
    '    Timeout: 10',
    '    Tracing: Active',
    'Resources:',
    '  Table:',
    '    Type: AWS::DynamoDB::Table',
    '    Properties:',
    '      BillingMode: PAY_PER_REQUEST',
    '      AttributeDefinitions: [{ AttributeName: id, AttributeType: S }]',
    '      KeySchema: [{ AttributeName: id, KeyType: HASH }]',
    '  Queue:',
    '    Type: AWS::SQS::Queue',
  ];
  let text = `${parts.join('\n')}\n`;
  for (let i = 0; i < functions; i++) text += lean ? leanFunctionYaml(i) : functionYaml(i);
  return text;
}

/** An everyday template: a few functions, a role, a queue, a log group. */
export function everydayTemplate(n: number): string {
  return `AWSTemplateFormatVersion: '2010-09-09'
Description: service ${n}
Resources:
  Role:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Version: '2012-10-17'
        Statement:
          - Effect: Allow
            Principal: { Service: lambda.amazonaws.com }
            Action: sts:AssumeRole
      ManagedPolicyArns:
        - arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole
      Policies:
        - PolicyName: data
          PolicyDocument:
            Version: '2012-10-17'
            Statement:
              - Effect: Allow
                Action: [dynamodb:GetItem, dynamodb:PutItem]
                Resource: !GetAtt Table.Arn
  Table:
    Type: AWS::DynamoDB::Table
    Properties:
      BillingMode: PAY_PER_REQUEST
      AttributeDefinitions: [{ AttributeName: id, AttributeType: S }]
      KeySchema: [{ AttributeName: id, KeyType: HASH }]
${[0, 1, 2]
  .map(
    (k) => `  Handler${k}:
    Type: AWS::Lambda::Function
    Properties:
      Runtime: ${RUNTIMES[(n + k) % RUNTIMES.length]}
      Handler: index.handler
      Role: !GetAtt Role.Arn
      Code: { S3Bucket: artifacts-${n}, S3Key: handler${k}.zip }
      Environment:
        Variables:
          TABLE: !Ref Table
  Handler${k}Logs:
    Type: AWS::Logs::LogGroup
    Properties:
      LogGroupName: !Sub /aws/lambda/\${Handler${k}}
      RetentionInDays: 30
`,
  )
  .join('')}`;
}
