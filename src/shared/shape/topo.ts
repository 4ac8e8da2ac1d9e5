/**
 * Topological order (Kahn, document order among ready nodes) and cycle
 * detection. Nodes on a cycle are reported once per cycle and left out of the
 * order; nodes downstream of a cycle still get an order (their inputs from
 * the cycle are simply unknown).
 */
import type { GraphIndex } from './graph-index.js';

export interface TopoResult {
  order: string[];
  /** Each cycle as its member ids (a strongly connected component), in document order. */
  cycles: string[][];
  /** Ids of every node that sits on a cycle. */
  onCycle: Set<string>;
}

export function topoSort(index: GraphIndex): TopoResult {
  const indegree = new Map<string, number>();
  for (const node of index.nodes) indegree.set(node.id, index.inEdges.get(node.id)!.length);
  const queue: string[] = [];
  for (const node of index.nodes) if (indegree.get(node.id) === 0) queue.push(node.id);
  const order: string[] = [];
  const release = (id: string) => {
    for (const e of index.outEdges.get(id)!) {
      const left = indegree.get(e.target)! - 1;
      indegree.set(e.target, left);
      if (left === 0) queue.push(e.target);
    }
  };
  const drain = () => {
    for (let head = 0; head < queue.length; head++) {
      order.push(queue[head]);
      release(queue[head]);
    }
    queue.length = 0;
  };
  drain();
  if (order.length === index.nodes.length) return { order, cycles: [], onCycle: new Set() };

  // Some nodes never became ready: find the cycles among them, drop the cycle
  // members, and let whatever hangs below the cycles finish the order.
  const stuck = index.nodes.filter((n) => indegree.get(n.id)! > 0).map((n) => n.id);
  const cycles = cyclesAmong(index, new Set(stuck));
  const onCycle = new Set(cycles.flat());
  for (const id of onCycle) {
    for (const e of index.outEdges.get(id)!) {
      if (onCycle.has(e.target)) continue;
      const left = indegree.get(e.target)! - 1;
      indegree.set(e.target, left);
      if (left === 0) queue.push(e.target);
    }
  }
  drain();
  return { order, cycles, onCycle };
}

/** Strongly connected components that form cycles (Tarjan, iterative: deep graphs must not overflow the stack). */
function cyclesAmong(index: GraphIndex, within: Set<string>): string[][] {
  const num = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const cycles: string[][] = [];
  let counter = 0;
  for (const root of within) {
    if (num.has(root)) continue;
    const work: { id: string; next: number }[] = [{ id: root, next: 0 }];
    num.set(root, counter);
    low.set(root, counter++);
    stack.push(root);
    onStack.add(root);
    while (work.length) {
      const frame = work[work.length - 1];
      const outs = index.outEdges.get(frame.id)!;
      if (frame.next < outs.length) {
        const to = outs[frame.next++].target;
        if (!within.has(to)) continue;
        if (!num.has(to)) {
          num.set(to, counter);
          low.set(to, counter++);
          stack.push(to);
          onStack.add(to);
          work.push({ id: to, next: 0 });
        } else if (onStack.has(to)) {
          low.set(frame.id, Math.min(low.get(frame.id)!, num.get(to)!));
        }
        continue;
      }
      work.pop();
      if (work.length) {
        const parent = work[work.length - 1].id;
        low.set(parent, Math.min(low.get(parent)!, low.get(frame.id)!));
      }
      if (low.get(frame.id) !== num.get(frame.id)) continue;
      const members: string[] = [];
      let id: string;
      do {
        id = stack.pop()!;
        onStack.delete(id);
        members.push(id);
      } while (id !== frame.id);
      const selfLoop = index.outEdges.get(frame.id)!.some((e) => e.target === frame.id);
      if (members.length > 1 || selfLoop) cycles.push(members);
    }
  }
  const position = new Map(index.nodes.map((n, i) => [n.id, i]));
  for (const c of cycles) c.sort((a, b) => position.get(a)! - position.get(b)!);
  return cycles;
}
