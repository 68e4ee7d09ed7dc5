import { own, setOwn } from '../../../model/own.js';
import { SamReferences } from './references.js';
import { isObject, type JsonObject } from './shapes.js';
import type { ExpandSamOptions, Origin, Provenance, SamIssue } from './types.js';

/** The state of one expansion: the output resources and what is known about where each came from. */
export class ExpansionContext {
  /** Output `Resources`, in the order they are emitted. */
  readonly resources: JsonObject = {};
  /** The ids in `resources`: a Set answers faster than a 10,000-key object in dictionary mode. */
  private readonly ids = new Set<string>();
  readonly provenance = new Map<string, Provenance>();
  readonly issues: SamIssue[] = [];
  readonly warnings: SamIssue[] = [];
  readonly origins = new Map<object, Origin>();
  /** See SamExpansion.itemOrigins. */
  readonly itemOrigins = new Map<object, Map<number, Origin>>();
  /** See SamExpansion.policyTemplates. */
  readonly policyTemplates = new Map<object, string>();
  /** See SamExpansion.rollbackAlarms. */
  readonly rollbackAlarms = new Map<string, unknown>();
  /** See SamExpansion.references. */
  readonly references = new SamReferences();
  /** Conditions SAM adds to the template (negations for `Fn::If` with `AWS::NoValue`). */
  readonly conditions: JsonObject = {};
  private readonly inputIds: ReadonlySet<string>;

  constructor(
    readonly template: JsonObject,
    readonly inputResources: JsonObject,
    readonly options: ExpandSamOptions,
  ) {
    this.inputIds = new Set(Object.keys(inputResources));
  }

  issue(message: string, node?: object, key?: string | number): void {
    this.issues.push({
      message,
      ...(node === undefined ? {} : { node }),
      ...(key === undefined ? {} : { key }),
    });
  }

  /**
   * Something SAM accepts but ignores: a warning, not an error (SamExpansion.warnings), once per place (a key
   * of Globals that every function meets).
   */
  warnOnce(message: string, node?: object, key?: string | number): void {
    if (this.warnings.some((w) => w.message === message && w.node === node && w.key === key)) return;
    this.warnings.push({
      message,
      ...(node === undefined ? {} : { node }),
      ...(key === undefined ? {} : { key }),
    });
  }

  /** Records that `built`, a new object, stands for `node` (or its child `key`) in the user's template. */
  derive<T>(built: T, origin: Origin): T {
    if (built === null || typeof built !== 'object' || built === origin.node || this.origins.has(built))
      return built;
    // When the origin is itself a built object (a map merged from Globals), point at what the user wrote.
    const upstream = this.origins.get(origin.node);
    if (upstream === undefined) this.origins.set(built, origin);
    else {
      const keyHolds = origin.key !== undefined && Object.hasOwn(upstream.node, origin.key);
      this.origins.set(built, keyHolds ? { node: upstream.node, key: origin.key } : upstream);
    }
    return built;
  }

  /**
   * Records that item `index` of `list`, a list the expansion built, was written at `origin`: for an item that is
   * text (an ARN copied as written), which `derive` cannot follow, having no object of its own.
   */
  deriveItem(list: readonly unknown[], index: number, origin: Origin): void {
    let items = this.itemOrigins.get(list);
    if (items === undefined) {
      items = new Map();
      this.itemOrigins.set(list, items);
    }
    items.set(index, origin);
  }

  /**
   * Adds a generated resource under `id`. A SAM resource may reuse its own id; any other id that the template
   * already uses (or that was generated before) is a collision: the first one stays and the clash is an issue.
   */
  emit(id: string, resource: JsonObject, provenance: Provenance): boolean {
    const clashesWithInput = id !== provenance.samId && this.inputIds.has(id);
    if (clashesWithInput || this.ids.has(id)) {
      this.issue(
        `${provenance.samId}: SAM would generate a resource '${id}', but that logical id is already used`,
        provenance.node,
        provenance.key,
      );
      return false;
    }
    setOwn(this.resources, id, resource);
    this.ids.add(id);
    this.provenance.set(id, provenance);
    return true;
  }

  /** Copies a resource the expansion does not change. */
  keep(id: string, resource: unknown): void {
    if (this.ids.has(id)) return;
    setOwn(this.resources, id, resource);
    this.ids.add(id);
  }

  isInputResource(id: string): boolean {
    return this.inputIds.has(id);
  }

  inputResource(id: string): JsonObject | undefined {
    const resource = own(this.inputResources, id);
    return isObject(resource) ? resource : undefined;
  }

  /** The partition as text inside an `Fn::Sub` string. */
  get partitionInSub(): string {
    return this.options.partition ?? `\${AWS::Partition}`;
  }

  /** ARN of an AWS managed policy, `path` included (`service-role/AWSLambdaBasicExecutionRole`). */
  managedPolicyArn(pathAndName: string): unknown {
    if (this.options.partition !== undefined)
      return `arn:${this.options.partition}:iam::aws:policy/${pathAndName}`;
    return { 'Fn::Sub': `arn:\${AWS::Partition}:iam::aws:policy/${pathAndName}` };
  }

  /** `Fn::Sub` of an ARN SAM writes with the partition of the region the translator runs in. */
  subArn(service: string, resource: string, variables: JsonObject): JsonObject {
    return {
      'Fn::Sub': [
        `arn:${this.partitionInSub}:${service}:\${AWS::Region}:\${AWS::AccountId}:${resource}`,
        variables,
      ],
    };
  }

  /** Whether `name` is a template parameter, declared in Parameters. */
  isParameter(name: string): boolean {
    const parameters = this.template.Parameters;
    return isObject(parameters) && isObject(own(parameters, name));
  }

  /** The value a template parameter takes in this scan: given with -p, else its `Default`, when there is one. */
  parameterDefault(name: string): unknown {
    const given = this.options.parameterValues;
    if (given !== undefined && Object.hasOwn(given, name)) return given[name];
    const parameters = this.template.Parameters;
    if (!isObject(parameters)) return undefined;
    const parameter = own(parameters, name);
    return isObject(parameter) ? parameter.Default : undefined;
  }
}
