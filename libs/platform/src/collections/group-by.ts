/**
 * Items grouped by key, each group in the order the items came, keys in first-seen order.
 * Linear in the items: each is appended to its group's list (copying the list for every item,
 * as `[...(map.get(key) ?? []), item]` did, was quadratic in a group's size). `Map.groupBy`
 * does the same but needs Node 21, and the API still starts on Node 20.
 */
export function groupBy<T, K>(items: Iterable<T>, keyOf: (item: T) => K): Map<K, T[]> {
  const groups = new Map<K, T[]>();
  for (const item of items) {
    const key = keyOf(item);
    const group = groups.get(key);
    if (group) group.push(item);
    else groups.set(key, [item]);
  }
  return groups;
}
