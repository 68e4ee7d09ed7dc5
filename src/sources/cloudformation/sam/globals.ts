import { own, setOwn } from '../../../model/own.js';
import type { ExpansionContext } from './context.js';
import { describe, has, isIntrinsic, isObject, type JsonObject } from './shapes.js';
import type { GlobalsGiven, Origin } from './types.js';

/**
 * The `Globals` section, as SAM's globals plugin reads it (samtranslator/plugins/globals/globals.py, 1.110):
 * which properties each section may set. Function excludes Role, Policies, FunctionName and Events by design.
 */
export const SUPPORTED_PROPERTIES: Readonly<Record<string, readonly string[]>> = {
  Function: [
    'Handler',
    'Runtime',
    'CodeUri',
    'DeadLetterQueue',
    'Description',
    'MemorySize',
    'Timeout',
    'VpcConfig',
    'Environment',
    'Tags',
    'PropagateTags',
    'Tracing',
    'KmsKeyArn',
    'AutoPublishAlias',
    'AutoPublishAliasAllProperties',
    'Layers',
    'DeploymentPreference',
    'RolePath',
    'PermissionsBoundary',
    'ReservedConcurrentExecutions',
    'ProvisionedConcurrencyConfig',
    'AssumeRolePolicyDocument',
    'EventInvokeConfig',
    'FileSystemConfigs',
    'CodeSigningConfigArn',
    'Architectures',
    'SnapStart',
    'EphemeralStorage',
    'FunctionUrlConfig',
    'RuntimeManagementConfig',
    'LoggingConfig',
    'RecursiveLoop',
    'SourceKMSKeyArn',
    'TenancyConfig',
    'DurableConfig',
    'CapacityProviderConfig',
    'FunctionScalingConfig',
    'PublishToLatestPublished',
    'VersionDeletionPolicy',
  ],
  Api: [
    'Auth',
    'Name',
    'DefinitionUri',
    'CacheClusterEnabled',
    'CacheClusterSize',
    'MergeDefinitions',
    'Variables',
    'EndpointConfiguration',
    'MethodSettings',
    'BinaryMediaTypes',
    'MinimumCompressionSize',
    'Cors',
    'GatewayResponses',
    'AccessLogSetting',
    'CanarySetting',
    'TracingEnabled',
    'OpenApiVersion',
    'Domain',
    'AlwaysDeploy',
    'PropagateTags',
    'SecurityPolicy',
    'EndpointAccessMode',
  ],
  HttpApi: [
    'Auth',
    'AccessLogSettings',
    'StageVariables',
    'Tags',
    'CorsConfiguration',
    'DefaultRouteSettings',
    'Domain',
    'RouteSettings',
    'FailOnWarnings',
    'PropagateTags',
  ],
  SimpleTable: ['SSESpecification'],
  StateMachine: ['PropagateTags'],
  LayerVersion: ['PublishLambdaVersion'],
  CapacityProvider: [
    'VpcConfig',
    'OperatorRole',
    'Tags',
    'InstanceRequirements',
    'ScalingConfig',
    'KmsKeyArn',
    'PropagateTags',
  ],
  WebSocketApi: [
    'AccessLogSettings',
    'ApiKeySelectionExpression',
    'DefaultRouteSettings',
    'DisableExecuteApiEndpoint',
    'DisableSchemaValidation',
    'Domain',
    'FailOnWarnings',
    'IpAddressType',
    'PropagateTags',
    'RouteSelectionExpression',
    'RouteSettings',
    'StageVariables',
    'Tags',
  ],
};

const PREFIX = 'AWS::Serverless::';

/** One section of `Globals` (e.g. `Globals.Function`): the user's object and the keys SAM applies from it. */
interface GlobalSection {
  readonly node: JsonObject;
  readonly keys: readonly string[];
}

/** Properties of one SAM resource after Globals, and where the user wrote each of them. */
interface MergedProperties {
  /** The resource's own Properties object when no global applies; otherwise a new object. */
  readonly properties: JsonObject;
  /** Where `key` was written: in the resource, else in Globals, else undefined. */
  where(key: string): Origin | undefined;
  /** The value Globals give `key` for this resource (before the resource's own wins), else undefined. */
  fromGlobals(key: string): unknown;
}

export class Globals {
  private readonly sections = new Map<string, GlobalSection>();
  /** Each resource some Globals reached, with what it took (see SamExpansion.fromGlobals). */
  readonly given: GlobalsGiven[] = [];

  constructor(
    template: JsonObject,
    private readonly ctx: ExpansionContext,
  ) {
    if (!has(template, 'Globals')) return;
    const globals = template.Globals;
    if (!isObject(globals) || isIntrinsic(globals)) {
      ctx.issue(`Globals must be a map, not ${describe(globals)}; it was ignored`, template, 'Globals');
      return;
    }
    for (const [name, section] of Object.entries(globals)) this.addSection(globals, name, section);
  }

  private addSection(globals: JsonObject, name: string, section: unknown): void {
    const supported = own(SUPPORTED_PROPERTIES, name);
    if (supported === undefined) {
      this.ctx.issue(`Globals.${name} is not a section SAM supports; it was ignored`, globals, name);
      return;
    }
    if (!isObject(section) || isIntrinsic(section)) {
      this.ctx.issue(
        `Globals.${name} must be a map, not ${describe(section)}; it was ignored`,
        globals,
        name,
      );
      return;
    }
    const keys: string[] = [];
    for (const key of Object.keys(section)) {
      if (supported.includes(key)) keys.push(key);
      else
        this.ctx.issue(
          `Globals.${name}.${key} is not a property SAM takes from Globals (its transform fails on one it does not support); Parapet ignored it`,
          section,
          key,
        );
    }
    this.sections.set(PREFIX + name, { node: section, keys });
  }

  /** Applies the Globals of `type` to a resource's Properties, with SAM's merge rules; never mutates either. */
  merge(type: string, id: string, resource: JsonObject, local: JsonObject): MergedProperties {
    const section = this.sections.get(type);
    const keys = section === undefined ? [] : this.applicableKeys(section, resource);
    const localWhere = (key: string): Origin | undefined =>
      has(local, key) ? { node: local, key } : undefined;
    if (section === undefined || keys.length === 0)
      return { properties: local, where: localWhere, fromGlobals: () => undefined };

    const merged: JsonObject = {};
    for (const key of keys) merged[key] = section.node[key];
    for (const [key, value] of Object.entries(local)) {
      setOwn(merged, key, has(merged, key) ? this.mergeValues(merged[key], value) : value);
    }
    this.given.push({ id, section: type.slice(PREFIX.length), node: section.node, properties: merged });
    return {
      properties: this.ctx.derive(merged, this.ctx.origins.get(local) ?? { node: local }),
      where: (key) => localWhere(key) ?? (keys.includes(key) ? { node: section.node, key } : undefined),
      fromGlobals: (key) => (keys.includes(key) ? section.node[key] : undefined),
    };
  }

  /** The section's keys, less those the resource's `IgnoreGlobals` attribute turns off. */
  private applicableKeys(section: GlobalSection, resource: JsonObject): readonly string[] {
    if (!has(resource, 'IgnoreGlobals')) return section.keys;
    const ignore = resource.IgnoreGlobals;
    if (ignore === '*') return [];
    if (Array.isArray(ignore) && ignore.every((item) => typeof item === 'string')) {
      // At the entry, not the IgnoreGlobals key: a misspelt name is found where it is written.
      ignore.forEach((key, index) => {
        if (!section.keys.includes(key))
          this.ctx.issue(`IgnoreGlobals names '${key}', which Globals does not set`, ignore, index);
      });
      return section.keys.filter((key) => !ignore.includes(key));
    }
    this.ctx.issue(
      `IgnoreGlobals must be "*" or a list of property names; it was ignored`,
      resource,
      'IgnoreGlobals',
    );
    return section.keys;
  }

  /**
   * SAM's rules: values of different kinds, or primitives (intrinsics count as primitives): the local value wins.
   * Maps merge key by key, local winning; lists concatenate, global first.
   */
  private mergeValues(global: unknown, local: unknown): unknown {
    const kind = tokenOf(global);
    if (kind !== tokenOf(local) || kind === 'primitive') return local;
    if (Array.isArray(global) && Array.isArray(local))
      return this.ctx.derive([...global, ...local], { node: local });
    const globalMap = global as JsonObject;
    const localMap = local as JsonObject;
    const merged: JsonObject = { ...globalMap };
    for (const [key, value] of Object.entries(localMap)) {
      setOwn(merged, key, has(globalMap, key) ? this.mergeValues(globalMap[key], value) : value);
    }
    // Each key is located where it was written: in the resource, or (only there) in Globals.
    const renamed = new Map<string, Origin>();
    for (const key of Object.keys(globalMap))
      if (!has(localMap, key)) renamed.set(key, { node: globalMap, key });
    return this.ctx.derive(merged, { node: localMap, copy: true, ...(renamed.size > 0 ? { renamed } : {}) });
  }
}

function tokenOf(value: unknown): 'primitive' | 'map' | 'list' {
  if (Array.isArray(value)) return 'list';
  if (isObject(value) && !isIntrinsic(value)) return 'map';
  return 'primitive';
}
