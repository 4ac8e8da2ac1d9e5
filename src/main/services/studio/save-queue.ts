/**
 * One queue per key (a file path): tasks run one at a time in the order they
 * arrived, so concurrent saves of one file finish, and are answered, in order.
 * A failed task does not stop the ones behind it.
 */
export interface SaveQueue {
  run<T>(key: string, task: () => Promise<T>): Promise<T>;
}

export function createSaveQueue(): SaveQueue {
  const tails = new Map<string, Promise<unknown>>();
  return {
    run(key, task) {
      const previous = tails.get(key) ?? Promise.resolve();
      const result = previous.then(task, task);
      const tail = result.catch(() => {});
      tails.set(key, tail);
      // Forget an idle key, so the map does not grow with every file ever saved.
      void tail.then(() => {
        if (tails.get(key) === tail) tails.delete(key);
      });
      return result;
    },
  };
}
