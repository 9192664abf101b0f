// Cycle finding for the rules that forbid loops (policy chains, value objects containing
// themselves). Iterative, so a long chain in a big model cannot overflow the stack.

export interface Edge<N> {
  to: N;
  /** What the edge goes through, for the message: `[command, event]` or `[field]`. */
  via: string[];
}

/** Strongly connected components (Tarjan), each in discovery order. */
export function stronglyConnected<N>(nodes: readonly N[], edges: (n: N) => readonly Edge<N>[]): N[][] {
  const indexOf = new Map<N, number>();
  const low = new Map<N, number>();
  const onStack = new Set<N>();
  const stack: N[] = [];
  const components: N[][] = [];
  let counter = 0;
  for (const root of nodes) {
    if (indexOf.has(root)) continue;
    const work: { node: N; next: number; out: readonly Edge<N>[] }[] = [];
    const enter = (n: N): void => {
      indexOf.set(n, counter);
      low.set(n, counter);
      counter++;
      stack.push(n);
      onStack.add(n);
      work.push({ node: n, next: 0, out: edges(n) });
    };
    enter(root);
    while (work.length > 0) {
      const frame = work[work.length - 1]!;
      if (frame.next < frame.out.length) {
        const to = frame.out[frame.next++]!.to;
        if (!indexOf.has(to)) enter(to);
        else if (onStack.has(to)) low.set(frame.node, Math.min(low.get(frame.node)!, indexOf.get(to)!));
        continue;
      }
      work.pop();
      const parent = work[work.length - 1];
      if (parent) low.set(parent.node, Math.min(low.get(parent.node)!, low.get(frame.node)!));
      if (low.get(frame.node) === indexOf.get(frame.node)) {
        const component: N[] = [];
        let n: N;
        do {
          n = stack.pop()!;
          onStack.delete(n);
          component.push(n);
        } while (n !== frame.node);
        components.push(component.reverse());
      }
    }
  }
  return components;
}

/**
 * Every cycle-bearing component with one shortest cycle through its `first` node, as the list of
 * names along it: `[A, via..., B, via..., A]`.
 */
export function findCycles<N>(
  nodes: readonly N[],
  edges: (n: N) => readonly Edge<N>[],
  name: (n: N) => string,
  first: (component: N[]) => N,
): { start: N; path: string[] }[] {
  const cycles: { start: N; path: string[] }[] = [];
  for (const component of stronglyConnected(nodes, edges)) {
    const members = new Set(component);
    const start = first(component);
    const selfLoop = edges(start).find((e) => e.to === start);
    if (component.length === 1 && !selfLoop) continue;
    if (selfLoop) {
      cycles.push({ start, path: [name(start), ...selfLoop.via, name(start)] });
      continue;
    }
    // Breadth-first from start back to start, inside the component.
    const parent = new Map<N, { from: N; via: string[] }>();
    const queue: N[] = [start];
    let closing: { from: N; via: string[] } | undefined;
    for (let i = 0; i < queue.length && !closing; i++) {
      const n = queue[i]!;
      for (const e of edges(n)) {
        if (!members.has(e.to)) continue;
        if (e.to === start) {
          closing = { from: n, via: e.via };
          break;
        }
        if (!parent.has(e.to)) {
          parent.set(e.to, { from: n, via: e.via });
          queue.push(e.to);
        }
      }
    }
    if (!closing) continue;
    const reversed: string[] = [name(start), ...[...closing.via].reverse()];
    let n = closing.from;
    while (n !== start) {
      const p = parent.get(n)!;
      reversed.push(name(n), ...[...p.via].reverse());
      n = p.from;
    }
    reversed.push(name(start));
    cycles.push({ start, path: reversed.reverse() });
  }
  return cycles;
}
