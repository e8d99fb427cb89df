/**
 * Request metrics in the Prometheus text format: requests by method, route and status, a latency
 * histogram by route, and problems (error responses) by route and problem type. Routes are the declared
 * templates (/api/councils/{id}), never raw paths, so the number of series stays bounded.
 */

const BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

interface Histogram {
  counts: number[];
  sum: number;
  count: number;
}

const label = (v: string) => v.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');

export class MetricsRegistry {
  private readonly requests = new Map<string, number>();
  private readonly problems = new Map<string, number>();
  private readonly latency = new Map<string, Histogram>();
  private readonly started = Date.now();
  private readonly collectors: Array<() => string[]> = [];

  /** Adds lines (with their HELP and TYPE) computed at each scrape. */
  addCollector(collect: () => string[]): void {
    this.collectors.push(collect);
  }

  observe(method: string, route: string, status: number, seconds: number, problemType?: string): void {
    const key = `${method}\u0000${route}\u0000${status}`;
    this.requests.set(key, (this.requests.get(key) ?? 0) + 1);
    let h = this.latency.get(route);
    if (!h) {
      h = { counts: BUCKETS.map(() => 0), sum: 0, count: 0 };
      this.latency.set(route, h);
    }
    for (let i = 0; i < BUCKETS.length; i++) if (seconds <= BUCKETS[i]!) h.counts[i]! += 1;
    h.sum += seconds;
    h.count += 1;
    if (problemType) {
      const pk = `${route}\u0000${problemType}`;
      this.problems.set(pk, (this.problems.get(pk) ?? 0) + 1);
    }
  }

  /** The exposition text served at /metrics. */
  render(): string {
    const out: string[] = [];
    out.push('# HELP caucus_http_requests_total HTTP requests by method, route template and status.');
    out.push('# TYPE caucus_http_requests_total counter');
    for (const [key, n] of [...this.requests].sort()) {
      const [method, route, status] = key.split('\u0000');
      out.push(
        `caucus_http_requests_total{method="${label(method!)}",route="${label(route!)}",status="${status}"} ${n}`,
      );
    }
    out.push('# HELP caucus_http_request_duration_seconds Time to the response headers, by route template.');
    out.push('# TYPE caucus_http_request_duration_seconds histogram');
    for (const [route, h] of [...this.latency].sort(([a], [b]) => a.localeCompare(b))) {
      const r = label(route);
      BUCKETS.forEach((le, i) => {
        out.push(`caucus_http_request_duration_seconds_bucket{route="${r}",le="${le}"} ${h.counts[i]}`);
      });
      out.push(`caucus_http_request_duration_seconds_bucket{route="${r}",le="+Inf"} ${h.count}`);
      out.push(`caucus_http_request_duration_seconds_sum{route="${r}"} ${h.sum}`);
      out.push(`caucus_http_request_duration_seconds_count{route="${r}"} ${h.count}`);
    }
    out.push(
      '# HELP caucus_http_errors_total Error responses (problem details) by route template and problem type.',
    );
    out.push('# TYPE caucus_http_errors_total counter');
    for (const [key, n] of [...this.problems].sort()) {
      const [route, type] = key.split('\u0000');
      out.push(`caucus_http_errors_total{route="${label(route!)}",type="${label(type!)}"} ${n}`);
    }
    for (const collect of this.collectors) out.push(...collect());
    const mem = process.memoryUsage();
    out.push('# HELP process_resident_memory_bytes Resident memory size in bytes.');
    out.push('# TYPE process_resident_memory_bytes gauge');
    out.push(`process_resident_memory_bytes ${mem.rss}`);
    out.push('# HELP nodejs_heap_used_bytes V8 heap in use, in bytes.');
    out.push('# TYPE nodejs_heap_used_bytes gauge');
    out.push(`nodejs_heap_used_bytes ${mem.heapUsed}`);
    out.push('# HELP process_start_time_seconds Start time of the process since the Unix epoch, in seconds.');
    out.push('# TYPE process_start_time_seconds gauge');
    out.push(`process_start_time_seconds ${Math.floor(this.started / 1000)}`);
    return `${out.join('\n')}\n`;
  }
}
