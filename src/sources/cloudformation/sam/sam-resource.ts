import type { ExpansionContext } from './context.js';
import { has, type JsonObject } from './shapes.js';
import type { Origin, Provenance } from './types.js';

/** Resource attributes SAM copies to every resource it generates from a SAM resource. */
const PASS_THROUGH_ATTRIBUTES = ['Condition', 'DeletionPolicy', 'UpdateReplacePolicy'] as const;

/** A SAM resource being expanded: the user's objects, its properties after Globals, and where each came from. */
export class SamResource {
  /** The logical id's entry in the user's `Resources`: where the resource as a whole is declared. */
  readonly whole: Origin;
  /** Condition, DeletionPolicy and UpdateReplacePolicy, for the generated resources. */
  readonly attributes: JsonObject;

  constructor(
    readonly id: string,
    readonly type: string,
    /** The user's resource object (Type, Properties, Condition, ...). */
    readonly resource: JsonObject,
    /** Properties after Globals: the user's object when no global applies. */
    readonly properties: JsonObject,
    private readonly locate: (key: string) => Origin | undefined,
    resources: JsonObject,
    readonly ctx: ExpansionContext,
    /** The value Globals give a property of this resource, whether or not its own value wins over it. */
    readonly fromGlobals: (key: string) => unknown = () => undefined,
  ) {
    this.whole = { node: resources, key: id };
    const attributes: JsonObject = {};
    for (const name of PASS_THROUGH_ATTRIBUTES) if (has(resource, name)) attributes[name] = resource[name];
    this.attributes = attributes;
  }

  /** Where the user wrote property `key` (in the resource or in Globals); the resource itself when nowhere. */
  origin(key: string): Origin {
    return this.locate(key) ?? this.whole;
  }

  provenance(origin: Origin = this.whole, eventType?: string): Provenance {
    return {
      samId: this.id,
      samType: this.type,
      ...origin,
      ...(eventType === undefined ? {} : { eventType }),
    };
  }

  /**
   * Adds a generated resource with the pass-through attributes, tracing it back to `origin` (and to the type of
   * the event that made it, when one did).
   */
  emit(
    id: string,
    type: string,
    properties: JsonObject,
    origin: Origin = this.whole,
    extra: JsonObject = {},
    eventType?: string,
  ): JsonObject {
    const resource: JsonObject = { Type: type, ...this.attributes, ...extra, Properties: properties };
    this.ctx.emit(id, resource, this.provenance(origin, eventType));
    return resource;
  }
}
