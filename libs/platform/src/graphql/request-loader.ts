import DataLoader from 'dataloader';

const loaders = new WeakMap<object, Map<string, DataLoader<string, unknown>>>();

/**
 * One DataLoader per request and name: fields resolved for many parents in one request
 * share a single batched query instead of one each.
 */
export function requestLoader<V>(
  request: object,
  name: string,
  batch: (keys: readonly string[]) => Promise<V[]>,
): DataLoader<string, V> {
  let byName = loaders.get(request);
  if (!byName) {
    byName = new Map();
    loaders.set(request, byName);
  }
  let loader = byName.get(name) as DataLoader<string, V> | undefined;
  if (!loader) {
    loader = new DataLoader<string, V>(batch);
    byName.set(name, loader as DataLoader<string, unknown>);
  }
  return loader;
}
