/**
 * A bounded cache of computed read views (a council on a day, lists, feeds), so that popular pages cost a
 * lookup instead of a dozen queries. An entry is dropped as soon as a write goes through this process
 * (the store's change counter moves) and, for writes by other processes, after `ttlMs`. Concurrent misses
 * for the same view share one computation.
 */

export interface CachedView {
  body: string;
  headers: Array<[string, string]>;
  etag: string | null;
  storedAt: number;
  generation: number;
}

export class ViewCache {
  private readonly entries = new Map<string, CachedView>();
  private readonly pending = new Map<string, { generation: number; view: Promise<CachedView | null> }>();
  private bytes = 0;
  hits = 0;
  misses = 0;

  constructor(
    private readonly ttlMs: number,
    private readonly maxBytes: number,
    private readonly nowMs: () => number,
    private readonly generation: () => number,
  ) {}

  private fresh(e: CachedView): boolean {
    const age = this.nowMs() - e.storedAt;
    return e.generation === this.generation() && age >= 0 && age < this.ttlMs;
  }

  private lookup(key: string): CachedView | undefined {
    const e = this.entries.get(key);
    if (!e) return undefined;
    this.entries.delete(key);
    if (!this.fresh(e)) {
      this.bytes -= e.body.length;
      return undefined;
    }
    this.entries.set(key, e); // most recently used last
    return e;
  }

  private store(key: string, e: CachedView): void {
    const size = e.body.length;
    if (size > this.maxBytes / 8) return;
    const old = this.entries.get(key);
    if (old) {
      this.entries.delete(key);
      this.bytes -= old.body.length;
    }
    this.entries.set(key, e);
    this.bytes += size;
    for (const [k, v] of this.entries) {
      if (this.bytes <= this.maxBytes) break;
      this.entries.delete(k);
      this.bytes -= v.body.length;
    }
  }

  /** The cached view for `key`, or the one `produce` makes (cached when it is a 200 with a text body). */
  async through(key: string, produce: () => Promise<Response>): Promise<CachedView | Response> {
    const hit = this.lookup(key);
    if (hit) {
      this.hits++;
      return hit;
    }
    // Only a computation begun since the last write is shared: one begun before it may have read the old
    // data, and a client that has just written must read its write.
    const inFlight = this.pending.get(key);
    if (inFlight && inFlight.generation === this.generation()) {
      const shared = await inFlight.view.catch(() => null);
      if (shared) {
        this.hits++;
        return shared;
      }
    }
    this.misses++;
    const generation = this.generation();
    let settle!: (v: CachedView | null) => void;
    const pending = { generation, view: new Promise<CachedView | null>((resolve) => (settle = resolve)) };
    this.pending.set(key, pending);
    try {
      const res = await produce();
      if (res.status !== 200) {
        settle(null);
        return res;
      }
      const entry: CachedView = {
        body: await res.text(),
        headers: [...res.headers],
        etag: res.headers.get('etag'),
        storedAt: this.nowMs(),
        generation,
      };
      // A write that landed while the view was computed makes it stale at once.
      if (generation === this.generation()) this.store(key, entry);
      settle(entry);
      return entry;
    } catch (err) {
      settle(null);
      throw err;
    } finally {
      // A newer computation of the same view may have replaced this one meanwhile.
      if (this.pending.get(key) === pending) this.pending.delete(key);
    }
  }

  get size(): { entries: number; bytes: number } {
    return { entries: this.entries.size, bytes: this.bytes };
  }
}
