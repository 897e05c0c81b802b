/**
 * What each of several keys (conferences, participants) may be read under, as two parallel
 * arrays of (key, label) pairs for `unnest($ids::uuid[], $labels::text[])`: one statement can
 * then filter every key by its own viewer's labels (PRODUCT.md rules 10 and 11), where a
 * `label = ANY(labels)` filter could only hold one viewer's. A key with no label yields no pair,
 * so nothing of it is read.
 */
export interface LabelPairs<L extends string = string> {
  ids: string[];
  labels: L[];
}

export function labelPairs<L extends string>(scopes: Iterable<{ id: string; labels: Iterable<L> }>): LabelPairs<L> {
  const pairs: LabelPairs<L> = { ids: [], labels: [] };
  for (const { id, labels } of scopes) {
    for (const label of labels) {
      pairs.ids.push(id);
      pairs.labels.push(label);
    }
  }
  return pairs;
}
