/**
 * The value a map holds for `key`, for maps built with an entry for every key they are asked
 * about (one per participant read, one per request, one per demo person). A missing entry is
 * a bug in the code that built the map, never the caller's input: it throws a plain Error
 * naming the key, which answers INTERNAL_SERVER_ERROR and is logged at error, instead of
 * letting `undefined` flow on (issue 15: no non-null assertions). The maps it reads never
 * hold `undefined` as a value.
 */
export function mustGet<K, V>(map: ReadonlyMap<K, V>, key: K): V {
  const value = map.get(key);
  if (value === undefined) throw new Error(`No entry for ${String(key)} in a map built for every key`);
  return value;
}
