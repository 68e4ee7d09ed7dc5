import { generateLogicalId } from './logical-id.js';
import { isObject, isSet, type JsonObject } from './shapes.js';

/**
 * What a SAM referenceable property (`Fn.Alias`, `Api.Stage`) names after the transform: a logical id, or, for a
 * resource whose id SAM ends with a hash Parapet does not compute (`ApiDeployment<sha>`), what that resource is.
 */
export type SamReferenceTarget = { readonly id: string } | { readonly generated: string };

/**
 * The names SAM lets a template use besides the resources the expansion writes ("Generated CloudFormation resources
 * for AWS SAM" in the SAM developer guide): referenceable properties, which SAM rewrites in `Ref`, `Fn::GetAtt` and
 * `Fn::Sub` (`!Ref Fn.Alias` → `!Ref FnAliaslive`), and the logical ids of the resources SAM generates that Parapet
 * does not model (the stages and deployments of APIs, CodeDeploy's resources), which a template may name in any
 * reference or in DependsOn.
 */
export class SamReferences {
  /** `<SAM id>.<property>` → what it names. */
  readonly properties = new Map<string, SamReferenceTarget>();
  /** Logical ids SAM generates that the expansion does not write. */
  readonly ids = new Set<string>();
  /** The same, for ids that end with a hash (`RestApiDeployment<sha>`). */
  readonly patterns: RegExp[] = [];

  property(samId: string, property: string, target: SamReferenceTarget): void {
    this.properties.set(`${samId}.${property}`, target);
  }

  /** A generated id Parapet does not write, named by `property` of `samId` when given. */
  generated(id: string, samId?: string, property?: string): void {
    this.ids.add(id);
    if (samId !== undefined && property !== undefined) this.property(samId, property, { id });
  }

  /** A generated id `prefix` + a hash; `what` says what the resource is, for `samId.property`. */
  hashed(prefix: string, what: string, samId?: string, property?: string): void {
    this.pattern(prefix, '[0-9a-f]{10}');
    if (samId !== undefined && property !== undefined) this.property(samId, property, { generated: what });
  }

  /** Generated ids `prefix` then any letters and digits: SAM names them from a value known only at deploy. */
  anyEnding(prefix: string): void {
    this.pattern(prefix, '[A-Za-z0-9]+');
  }

  /** Ids `prefix` then what `tail` matches; a prefix that is not a logical id (letters and digits) makes none. */
  private pattern(prefix: string, tail: string): void {
    if (/^[A-Za-z0-9]+$/.test(prefix)) this.patterns.push(new RegExp(`^${prefix}${tail}$`));
  }

  /**
   * The resources SAM generates for the SAM resources the expansion leaves as they are (Api, HttpApi,
   * StateMachine, with Globals applied; the implicit APIs too), from the properties that name them.
   */
  addPassedThrough(resources: JsonObject): void {
    for (const [id, resource] of Object.entries(resources)) {
      if (!isObject(resource)) continue;
      const props = isObject(resource.Properties) ? resource.Properties : {};
      if (resource.Type === 'AWS::Serverless::Api') this.addRestApi(id, props);
      else if (resource.Type === 'AWS::Serverless::HttpApi') this.addHttpApi(id, props);
      else if (resource.Type === 'AWS::Serverless::StateMachine') this.addStateMachine(id, props);
    }
  }

  /** AWS::Serverless::Api: a stage `<Id><StageName>Stage`, a deployment `<Id>Deployment<sha>`, domain and usage plan. */
  private addRestApi(id: string, props: JsonObject): void {
    this.stage(id, props.StageName, undefined);
    this.hashed(
      `${id}Deployment`,
      `the AWS::ApiGateway::Deployment SAM generates for ${id}`,
      id,
      'Deployment',
    );
    if (isObject(props.Domain)) {
      this.hashed(
        'ApiGatewayDomainName',
        `the AWS::ApiGateway::DomainName SAM generates for ${id}`,
        id,
        'DomainName',
      );
    }
    const usagePlan = isObject(props.Auth) ? props.Auth.UsagePlan : undefined;
    const create = isObject(usagePlan) ? usagePlan.CreateUsagePlan : undefined;
    // PER_API names them after the API; SHARED makes one set for every API that asks for it.
    const prefix = create === 'PER_API' ? id : create === 'SHARED' ? 'Serverless' : undefined;
    if (prefix !== undefined) {
      for (const property of ['UsagePlan', 'UsagePlanKey', 'ApiKey'])
        this.generated(`${prefix}${property}`, id, property);
    }
  }

  /** AWS::Serverless::HttpApi: its stage (`<Id>ApiGatewayDefaultStage` without a StageName) and domain. */
  private addHttpApi(id: string, props: JsonObject): void {
    this.stage(id, props.StageName, `${id}ApiGatewayDefaultStage`);
    if (isObject(props.Domain)) {
      const what = `the AWS::ApiGatewayV2::DomainName SAM generates for ${id}`;
      this.hashed('ApiGatewayDomainNameV2', what, id, 'DomainName');
    }
  }

  /**
   * The stage SAM generates, named as its `_construct_stage` names it (samtranslator/model/api/api_generator.py,
   * http_api_generator.py): `<Id><StageName>Stage` for a name of letters and digits, `<Id>Stage` plus the hash of
   * any other name, and `<Id>Stage` for a StageName given by an intrinsic (`!Ref Stage`), which SAM leaves for
   * CloudFormation to resolve and keeps out of the id ("don't prefix the Stage's logical ID"). An HttpApi without
   * a StageName (or with `$default`) has `withoutName`.
   */
  private stage(id: string, stageName: unknown, withoutName: string | undefined): void {
    if (withoutName !== undefined && (!isSet(stageName) || stageName === '$default')) {
      this.generated(withoutName, id, 'Stage');
      return;
    }
    this.generated(samStageId(id, stageName), id, 'Stage');
  }

  /** AWS::Serverless::StateMachine: its role (without Role) and a resource (and a role) per event. */
  private addStateMachine(id: string, props: JsonObject): void {
    if (!isSet(props.Role)) this.generated(`${id}Role`);
    if (!isObject(props.Events)) return;
    for (const name of Object.keys(props.Events)) {
      this.generated(`${id}${name}`);
      this.generated(`${id}${name}Role`);
    }
  }
}

/**
 * The logical id of the stage SAM makes for API `id` (samtranslator api_generator.py `_construct_stage`):
 * `<Id><StageName>Stage` for a name of letters and digits, `<Id>Stage` plus the hash of any other name, `<Id>Stage`
 * for a StageName given by an intrinsic.
 */
export function samStageId(id: string, stageName: unknown): string {
  const name = typeof stageName === 'string' ? stageName : '';
  return /^[A-Za-z0-9]+$/.test(name) ? `${id}${name}Stage` : generateLogicalId(`${id}Stage`, name);
}
