import type { Resource } from '../../../model/index.js';
import type { ResourceBase } from '../../../model/resource.js';
import type { MapContext } from './context.js';

/** The fields every resource gets from the template, whatever its type. */
export type BaseFields = Omit<ResourceBase, 'kind'>;

/**
 * Turns one template resource into a model resource, or into several (the routes an API's OpenAPI definition
 * writes, each with its own id). `props` is the raw Properties object.
 */
export type Mapper = (
  ctx: MapContext,
  base: BaseFields,
  props: Record<string, unknown>,
) => Resource | readonly Resource[] | undefined;
