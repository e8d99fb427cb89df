/**
 * A change counter per store, bumped after every write this process commits through the application
 * commands. Caches of derived data (the HTTP view cache, the name index) compare it to know they are stale;
 * writes by other processes are caught by those caches' own time limits.
 */
const generations = new WeakMap<object, number>();

/** The store's current generation: registryGeneration(store) -> 0 until the first write. */
export function registryGeneration(store: object): number {
  return generations.get(store) ?? 0;
}

/** Records that the registry behind `store` changed. */
export function registryChanged(store: object): void {
  generations.set(store, registryGeneration(store) + 1);
}
