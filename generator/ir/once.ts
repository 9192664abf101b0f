// Computed once per IR input: a whole-model IR value (the route table, the processors) is built the
// first time an emitter asks for it and shared by every later emitter of the same plan, keyed by the
// plan's context nodes (a new plan has new nodes, so nothing outlives its model).

export function oncePer<K extends object, V>(compute: (key: K) => V): (key: K) => V {
  const computed = new WeakMap<K, V>();
  return (key) => {
    if (computed.has(key)) return computed.get(key) as V;
    const value = compute(key);
    computed.set(key, value);
    return value;
  };
}
