/**
 * Resource attributes (`Fn::GetAtt`) whose value is secret material itself, not the name or ARN of where a
 * secret lives. Taken from the return values in the CloudFormation template reference; attributes that
 * only look alike are left out: `AWS::ApiGateway::ApiKey` returns the key's id (its value is never a
 * return value), `AWS::SecretsManager::Secret` returns the secret's ARN, `AWS::RDS::DBCluster`
 * `MasterUserSecret.SecretArn` an ARN.
 */
const SECRET_ATTRIBUTES: ReadonlyMap<string, string> = new Map([
  ['AWS::Cognito::UserPoolClient.ClientSecret', 'the app client secret of a Cognito user pool client'],
  ['AWS::IAM::AccessKey.SecretAccessKey', 'the secret access key of an IAM access key'],
  ['AWS::AppSync::ApiKey.ApiKey', 'the value of an AppSync API key'],
]);

/** What the attribute of a resource of this type holds, when it is a secret; undefined otherwise. */
export function secretAttribute(resourceType: string, attribute: string): string | undefined {
  return SECRET_ATTRIBUTES.get(`${resourceType}.${attribute}`);
}
