import type { PolicyDocument } from './iam.js';
import type { EgressRule, Route } from './network.js';
import type { Qualified } from './qualifier.js';
import type { ResourceBase } from './resource.js';
import type { SourceRef, WrittenItem } from './source.js';
import type { Value } from './values.js';

/**
 * A reference to another resource: the id of a resource in the same inventory (logical id or ARN),
 * or an ARN / name of something outside it. `inventory.get(ref)` tells which.
 */
export type Reference = Value<string>;

export interface EnvironmentVariable {
  readonly name: string;
  /** Unknown when the value comes from a parameter without default, a resource attribute, etc. */
  readonly value: Value<string>;
  /** True when the value is a reference (Ref / GetAtt / Sub of a resource, an SSM or Secrets Manager dynamic reference). */
  readonly isReference: boolean;
  /**
   * For a value not known before deploy: the logical ids of the template resources it is built from
   * (`Ref`, `Fn::GetAtt`, `${Db.Endpoint.Address}` in `Fn::Sub`). The other `${...}` of its template are
   * pseudo parameters or come from outside the template (a parameter without default, an import). Set by
   * template sources; absent where the source does not tell.
   */
  readonly resourceRefs?: readonly string[];
  /**
   * The resource attributes of the value that are secret material themselves (`!GetAtt
   * Client.ClientSecret`, also inside `Fn::Sub` or `Fn::Join`): CloudFormation writes their value into the
   * function configuration at deploy. Set by template sources; absent when there is none.
   */
  readonly secretAttributes?: readonly SecretAttribute[];
  /**
   * The values of custom resources the value is made from (`!Ref Gen`, `${Gen.Password}`): whatever their provider
   * returns at deploy, its physical id or the `Data` of its response. Set by template sources; absent when there is none.
   */
  readonly customValues?: readonly CustomResourceValue[];
  /**
   * The template parameters the value is made from (`!Ref DbPassword`, `${DbPassword}` in `Fn::Sub`, an
   * item of `Fn::Join`), in the order first met. Set by template sources when there is one; absent
   * otherwise (a literal, or a source without parameters).
   */
  readonly parameters?: readonly ValueParameter[];
  /**
   * The template parameters that only pick what a dynamic reference in the value reads (`SaltSecret` of
   * `{{resolve:secretsmanager:${SaltSecret}:SecretString:salt}}`, the secret's name): their values are not in the
   * value, which is what CloudFormation reads at deploy. Absent when there is none.
   */
  readonly referenceParameters?: readonly ValueParameter[];
  /**
   * Why the variable may not exist: its value is an `Fn::If` that gives `AWS::NoValue` on a condition not
   * known before deploy (`!If [HasExtra, !Ref Extra, !Ref AWS::NoValue]`). Absent when it certainly exists.
   */
  readonly mayBeRemoved?: string;
  readonly source: SourceRef;
}

/** A value a custom resource's provider returns at deploy, as a value is made from it. */
export interface CustomResourceValue {
  /** `Gen` (its Ref) or `Gen.Password`, as `Fn::Sub` writes it. */
  readonly placeholder: string;
  /** In words for a report: "the physical id of custom resource Gen (Custom::Gen), which its provider returns at deploy". */
  readonly description: string;
}

/** A resource attribute that holds a secret, as a value is made from it. */
export interface SecretAttribute {
  /** `Client.ClientSecret`, as `Fn::Sub` writes it. */
  readonly placeholder: string;
  readonly resourceType: string;
  /** What the attribute holds, in words for a report: "the app client secret of a Cognito user pool client". */
  readonly description: string;
}

/** A template parameter that a value is made from, and where its value comes from in this scan. */
export interface ValueParameter {
  readonly name: string;
  /**
   * `default`: the parameter's Default, written in the template; `given`: given for the scan (`-p`);
   * `deploy`: known only at deploy (no Default, or read from SSM Parameter Store).
   */
  readonly origin: 'default' | 'given' | 'deploy';
  /** `NoEcho: true`: the value is a secret by the template's own word, and is never printed, not even redacted. */
  readonly noEcho: boolean;
  /** The parameter lists its AllowedValues: the value is one the template shows (`on`, `off`), no secret. */
  readonly listed?: true;
  /** Its value here is its default, and that is empty: it writes nothing. */
  readonly empty?: true;
  /**
   * A nested stack's parameter given a value by its parent: who gives it (`the parent stack app.yaml (resource Api)`).
   * `origin` is then `default` when the parent took the text from its own parameters' defaults.
   */
  readonly givenBy?: string;
  /**
   * The parent made that value with a NoEcho parameter of its own (`noEcho` is then true too): its text is not
   * known here, and `origin` says where the parent's comes from.
   */
  readonly parentNoEcho?: true;
  /**
   * An `AWS::SSM::Parameter::Value<String>` parameter, or one of a list of strings (`Value<List<String>>`,
   * `Value<CommaDelimitedList>`) or of a number (`Value<Number>`): CloudFormation reads its value from Parameter Store at deploy (`origin` is then
   * `deploy`), from the SSM parameter named here.
   */
  readonly fromSsm?: SsmParameterRead;
  /**
   * The type of AWS resource whose id or name the parameter holds (`AWS::EC2::Image::Id` of
   * `AWS::SSM::Parameter::Value<AWS::EC2::Image::Id>` or `List<AWS::EC2::Image::Id>`): CloudFormation checks the value
   * against the resources of the account, so it holds no secret.
   */
  readonly resourceId?: string;
  /**
   * Of a `resourceId` parameter whose value this scan knows (its default, a `-p` value): the id or name it gives, one
   * per item of a list (`subnet-0a1b…`, `prod-keypair`), as the value holds them. Absent where it is not known.
   */
  readonly resourceIdTexts?: readonly string[];
}

/** The SSM parameter a parameter of type `AWS::SSM::Parameter::Value<String>` (or of a list of strings) reads at deploy. */
export interface SsmParameterRead {
  /** Its name (`/dt/ConnectionAuthToken`): the parameter's default or a `-p` value; absent when named at deploy. */
  readonly path?: string;
  /** The name is given with `-p`, not the default. */
  readonly given?: true;
  /**
   * It holds a list (`Value<List<String>>`, `Value<CommaDelimitedList>`: a StringList in Parameter Store): a variable
   * holds an item of it, or the whole list joined with commas.
   */
  readonly list?: true;
  /** It holds a number (`Value<Number>`): CloudFormation reads it from a String parameter and does not check the value. */
  readonly number?: true;
}

/** One entry of FileSystemConfigs: an EFS access point the function mounts. */
export interface FileSystemConfig {
  /** The access point's ARN: an `efs.access-point` of the inventory when the template declares it. */
  readonly arn: Reference;
  readonly localMountPath: Value<string | undefined>;
  readonly source: SourceRef;
}

/**
 * A route table association, route or standalone egress rule (`declaredBy`) whose subnet, route table or security
 * group (`kind`) is not a resource of its template: a parameter, an import, a literal id.
 */
export interface AttachmentElsewhere {
  readonly declaredBy: string;
  readonly kind: 'ec2.subnet' | 'ec2.route-table' | 'ec2.security-group';
  /** What it names, as read (another scanned stack's resource where the value stands for one: Unknown.stackResource). */
  readonly target: Reference;
  /**
   * What it adds, as read, where that does not rest on the stack's parameter defaults or conditions: the route of an
   * `AWS::EC2::Route`, the rule of an `AWS::EC2::SecurityGroupEgress`. Absent otherwise (an association, a route whose
   * gateway or a rule whose port a deploy may change): then it may add anything.
   */
  readonly route?: Route;
  readonly rule?: EgressRule;
  /**
   * Where the declaration, or its target, rests on those choices (a Condition, an `Fn::If` choosing the table): a deploy
   * may leave it out or put it elsewhere. What it adds (`route`, `rule`) is the same in every deploy that has it: one
   * that cannot open anything is harmless wherever it goes; one that can only may.
   */
  readonly byChoice?: true;
}

export interface VpcConfig {
  readonly subnetIds: Value<readonly Reference[]>;
  /** Where each of subnetIds is written (templates), when an item was removed before one: see writtenIndex. */
  readonly subnetPlaces?: readonly WrittenItem[];
  readonly securityGroupIds: Value<readonly Reference[]>;
  /**
   * Subnets an item of SubnetIds may name in a deploy that no case of the template's conditions shows, besides those
   * `subnetIds` reads: see ChosenSubnet. Absent when none.
   */
  readonly subnetsChosen?: readonly ChosenSubnet[];
  readonly source: SourceRef;
}

/**
 * A subnet an item of a function's SubnetIds may name in another deploy: another item of an `Fn::Select` whose index a
 * parameter gives (`!Select [!Ref Idx, [!Ref Public, !Ref Private]]`).
 */
export interface ChosenSubnet {
  /** The item's index in SubnetIds as written. */
  readonly index: number;
  /** The subnet as read: one of the template's, another's id, or not known before deploy. */
  readonly subnet: Reference;
  /** The parameters that choose it. */
  readonly parameters: readonly string[];
}

export interface LambdaFunction extends ResourceBase<'lambda.function'> {
  readonly name: Value<string | undefined>;
  readonly packageType: Value<'Zip' | 'Image'>;
  /** Undefined for container images. */
  readonly runtime: Value<string | undefined>;
  readonly handler: Value<string | undefined>;
  readonly role: Reference;
  readonly environment: Value<readonly EnvironmentVariable[]>;
  /**
   * The variables written in Environment.Variables that `AWS::NoValue` removes in this scan (`!If [HasExtra,
   * !Ref Extra, !Ref AWS::NoValue]` where HasExtra does not hold): not in `environment`. Absent when none.
   */
  readonly environmentRemoved?: readonly string[];
  /** KMS key for environment variables; undefined means the AWS managed key. */
  readonly kmsKeyArn: Value<string | undefined>;
  readonly vpcConfig: Value<VpcConfig | undefined>;
  readonly tracingMode: Value<string | undefined>;
  readonly reservedConcurrency: Value<number | undefined>;
  /** DeadLetterConfig.TargetArn. */
  readonly deadLetterTarget: Value<Reference | undefined>;
  readonly layers: Value<readonly Reference[]>;
  /** Where each of layers is written (templates), aligned with it: see LayerPlace. */
  readonly layerPlaces?: readonly LayerPlace[];
  readonly codeSigningConfig: Value<Reference | undefined>;
  /** LoggingConfig.LogGroup; undefined means Lambda's default `/aws/lambda/<name>`. */
  readonly logGroupName: Value<string | undefined>;
  readonly architectures: Value<readonly string[]>;
  readonly timeout: Value<number | undefined>;
  readonly memorySize: Value<number | undefined>;
  /** EFS access points the function mounts; absent where the source does not read them. */
  readonly fileSystemConfigs?: Value<readonly FileSystemConfig[]>;
}

/**
 * Where a function lists a layer: item `index` of its own `Layers` or of SAM's `Globals.Function.Layers` as
 * written, and whether its ARN is fixed (see WrittenItem). `path` is its index in the Layers the function gets
 * (Globals' items first, as SAM merges them), counting the items an `!If` removes: what a finding points at.
 */
export interface LayerPlace extends WrittenItem {
  readonly list: 'Layers' | 'Globals.Function.Layers';
  readonly path: number;
}

/**
 * One statement of a function's resource-based policy (`AWS::Lambda::Permission`). `qualifier`: the version or
 * alias its FunctionName names (an alias's Ref, `fn:live`); absent for the unqualified function.
 */
export interface LambdaPermission extends ResourceBase<'lambda.permission'>, Qualified {
  readonly functionRef: Reference;
  readonly action: Value<string>;
  /** `*`, an account id, an ARN, or a service principal such as `s3.amazonaws.com`. */
  readonly principal: Value<string>;
  readonly sourceArn: Value<string | undefined>;
  readonly sourceAccount: Value<string | undefined>;
  readonly principalOrgId: Value<string | undefined>;
  readonly functionUrlAuthType: Value<string | undefined>;
  /** `InvokedViaFunctionUrl: true`: the grant holds only for calls through the function URL. */
  readonly invokedViaFunctionUrl: Value<boolean | undefined>;
  /** `EventSourceToken` (Alexa skills): only the event source with that token may invoke. */
  readonly eventSourceToken: Value<string | undefined>;
  /** Conditions of a live policy statement beyond the ones above, as IAM writes them. */
  readonly policy?: PolicyDocument;
}

export interface Cors {
  readonly allowOrigins: Value<readonly Value<string>[]>;
  /**
   * Where each of allowOrigins is written (templates) and whether it is fixed, when that tells more than its
   * place in the list (see MapContext.placesOf): an item an `!If` removes before it keeps its index.
   */
  readonly allowOriginPlaces?: readonly WrittenItem[];
  readonly allowCredentials: Value<boolean | undefined>;
  readonly source: SourceRef;
}

/**
 * A function URL (`AWS::Lambda::Url`). `qualifier`: the alias its Qualifier (or an alias's Ref as
 * TargetFunctionArn) names; absent for the unqualified function's URL.
 */
export interface FunctionUrl extends ResourceBase<'lambda.function-url'>, Qualified {
  readonly functionRef: Reference;
  readonly authType: Value<string>;
  readonly cors: Value<Cors | undefined>;
}

export interface LayerVersion extends ResourceBase<'lambda.layer-version'> {
  readonly name: Value<string | undefined>;
  readonly compatibleRuntimes: Value<readonly Value<string>[]>;
}

export interface LayerVersionPermission extends ResourceBase<'lambda.layer-permission'> {
  readonly layerRef: Reference;
  readonly action: Value<string>;
  readonly principal: Value<string>;
  readonly organizationId: Value<string | undefined>;
}

export type EventSourceKind =
  | 'sqs'
  | 'kinesis'
  | 'dynamodb-stream'
  | 'msk'
  | 'kafka'
  | 'mq'
  | 'documentdb'
  | 'other';

export interface EventSourceMapping extends ResourceBase<'lambda.event-source-mapping'> {
  readonly functionRef: Reference;
  readonly sourceKind: Value<EventSourceKind>;
  /** Undefined for self-managed Kafka, which has no ARN. */
  readonly eventSourceArn: Value<Reference | undefined>;
  /** DestinationConfig.OnFailure.Destination. */
  readonly onFailureDestination: Value<Reference | undefined>;
  readonly enabled: Value<boolean>;
}

/** `AWS::Lambda::EventInvokeConfig`: what happens to asynchronous invocations. */
export interface EventInvokeConfig extends ResourceBase<'lambda.event-invoke-config'> {
  readonly functionRef: Reference;
  /** The one version or alias it applies to: `$LATEST` (unqualified invocations), a version number, an alias. */
  readonly qualifier: Value<string>;
  readonly onFailureDestination: Value<Reference | undefined>;
  readonly onSuccessDestination: Value<Reference | undefined>;
  readonly maximumRetryAttempts: Value<number | undefined>;
}

export interface CodeSigningConfig extends ResourceBase<'lambda.code-signing-config'> {
  /** `Warn` (the default) or `Enforce`. */
  readonly untrustedArtifactOnDeployment: Value<string>;
  /** What the template leaves out where untrustedArtifactOnDeployment is the default, for the words of a finding. */
  readonly policyLeftOut?: 'CodeSigningPolicies' | 'UntrustedArtifactOnDeployment';
  readonly signingProfileVersionArns: Value<readonly Value<string>[]>;
}
