/** A tiny typed listener set (no Node EventEmitter: this runs in the renderer too). */

// src/shared has no DOM or Node typings; every runtime it runs in has a console.
const host = globalThis as unknown as { console?: { error(...args: unknown[]): void } };
export class Listeners<T> {
  private readonly set = new Set<(value: T) => void>();

  add(listener: (value: T) => void): () => void {
    this.set.add(listener);
    return () => this.set.delete(listener);
  }

  emit(value: T): void {
    for (const listener of [...this.set]) {
      try {
        listener(value);
      } catch (e) {
        // One broken listener must not starve the others (or the transport).
        host.console?.error(e);
      }
    }
  }

  get size(): number {
    return this.set.size;
  }
}

/** Listeners keyed by name (event name of the contract). */
export class NamedListeners {
  private readonly byName = new Map<string, Listeners<unknown>>();

  add(name: string, listener: (value: unknown) => void): () => void {
    let set = this.byName.get(name);
    if (!set) this.byName.set(name, (set = new Listeners()));
    return set.add(listener);
  }

  emit(name: string, value: unknown): void {
    this.byName.get(name)?.emit(value);
  }
}
