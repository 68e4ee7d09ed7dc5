import { samTemplate } from './templates.js';

// Templates of a SAM REST API with an AWS WAF web ACL on its stage, for apigateway.route-no-auth's tests.

export const OFFICE_IPS = `  OfficeIps:
    Type: AWS::WAFv2::IPSet
    Properties:
      Addresses: [203.0.113.0/24]
      IPAddressVersion: IPV4
      Scope: REGIONAL
`;

export const VISIBILITY = '{ CloudWatchMetricsEnabled: true, MetricName: m, SampledRequestsEnabled: true }';

/**
 * A web ACL rule (a YAML list item at 8 spaces) of `statement` (lines at 12 spaces) and `action`, its Action line
 * (`OverrideAction: { None: {} }` for a rule group).
 */
export const rule = (name: string, priority: number, statement: string, action = 'Action: { Allow: {} }') =>
  `        - Name: ${name}
          Priority: ${priority}
          ${action}
          Statement:
${statement}          VisibilityConfig: ${VISIBILITY}
`;

/** A rule `office` allowing requests from OfficeIps; `statement` extra lines of its IPSetReferenceStatement. */
export const allowOffice = (statement = '', action = 'Allow') =>
  rule(
    'office',
    10,
    `            IPSetReferenceStatement:\n              Arn: !GetAtt OfficeIps.Arn\n${statement}`,
    `Action: { ${action}: {} }`,
  );

/** Rule `not-office`, first: it blocks every request not from OfficeIps. */
export const NOT_OFFICE = rule(
  'not-office',
  0,
  `            NotStatement:
              Statement:
                IPSetReferenceStatement: { Arn: !GetAtt OfficeIps.Arn }
`,
  'Action: { Block: {} }',
);

/** A web ACL `id` with `rules` (YAML list items at 8 spaces; none where empty) and `defaultAction`. */
export const webAcl = (rules = allowOffice(), defaultAction = 'Block', id = 'Acl') => `  ${id}:
    Type: AWS::WAFv2::WebACL
    Properties:
      DefaultAction: { ${defaultAction}: {} }
      Scope: REGIONAL
      VisibilityConfig: ${VISIBILITY}
${rules === '' ? '' : `      Rules:\n${rules}`}`;

/** Association `id` of web ACL `acl` with the stage of ARN `arn`. */
export const association = (arn: string, acl = '!GetAtt Acl.Arn', id = 'AclOnStage') => `  ${id}:
    Type: AWS::WAFv2::WebACLAssociation
    Properties:
      ResourceArn: ${arn}
      WebACLArn: ${acl}
`;

export const SAM_STAGE_ARN = '!Sub "arn:aws:apigateway:${AWS::Region}::/restapis/${Api}/stages/${Api.Stage}"';

/** The SAM API of the report: GET /hello on Api (stage Prod), a web ACL on its stage; `api` extra API properties. */
export const samApi = (waf: string, api = '      OpenApiVersion: 3.0.1\n', head = '') =>
  samTemplate(
    `  Api:
    Type: AWS::Serverless::Api
    Properties:
      StageName: Prod
${api}  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: python3.12
      Handler: index.handler
      CodeUri: s3://bucket/key
      Events:
        Hello:
          Type: Api
          Properties: { Path: /hello, Method: get, RestApiId: !Ref Api }
${waf}`,
    head,
  );

/** The route of samApi. */
export const ROUTE = 'GET /hello on API Api';
