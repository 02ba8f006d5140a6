import type { CheckResult, CreateResult, DiffResult, Provider, ReadResult, UpdateResult } from '@pulumi/pulumi/provider';
import { PropertyMap, resourceType } from './property-values';

/** What the provider does for one resource type. */
export interface ResourceHandler {
  check(urn: string, olds: PropertyMap, news: PropertyMap): Promise<CheckResult>;
  diff(id: string, urn: string, olds: PropertyMap, news: PropertyMap): Promise<DiffResult>;
  create(urn: string, inputs: PropertyMap): Promise<CreateResult>;
  update(id: string, urn: string, olds: PropertyMap, news: PropertyMap): Promise<UpdateResult>;
  delete(id: string, urn: string, state: PropertyMap): Promise<void>;
  /** What a refresh finds; without it the state stays as it is. */
  read?(id: string, urn: string, state: PropertyMap): Promise<ReadResult>;
}

/** A provider that hands every call to the handler of the resource's type. */
export function dispatchingProvider(version: string, handlers: Record<string, ResourceHandler>): Provider {
  const handlerFor = (urn: string): ResourceHandler => {
    const handler = handlers[resourceType(urn)];
    if (!handler) throw new Error(`unknown resource type ${resourceType(urn)} (${urn})`);
    return handler;
  };
  return {
    version,
    check: async (urn, olds, news) => handlerFor(urn).check(urn, olds ?? {}, news ?? {}),
    diff: async (id, urn, olds, news) => handlerFor(urn).diff(id, urn, olds ?? {}, news ?? {}),
    create: async (urn, inputs) => handlerFor(urn).create(urn, inputs ?? {}),
    update: async (id, urn, olds, news) => handlerFor(urn).update(id, urn, olds ?? {}, news ?? {}),
    delete: async (id, urn, state) => handlerFor(urn).delete(id, urn, state ?? {}),
    // Without a read of its own, refreshing returns the state as it is: a random value cannot be read back.
    read: async (id, urn, props): Promise<ReadResult> => {
      const handler = handlerFor(urn);
      return handler.read ? handler.read(id, urn, props ?? {}) : { id, props };
    },
  };
}
