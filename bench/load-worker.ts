import autocannon from 'autocannon';
import { readFileSync } from 'node:fs';

/** One request of a scenario's rotation. */
export interface LoadRequest {
  method: 'GET' | 'POST';
  path: string;
  headers?: Record<string, string>;
  body?: string;
}

export interface LoadSpec {
  base: string;
  connections: number;
  seconds: number;
  requests: LoadRequest[];
}

export interface LoadResult {
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  total: number;
  errors: number;
}

/**
 * The load generator, run as its own process so it never shares an event loop
 * with the server it measures: `node dist/bench/load-worker.js spec.json`
 * drives autocannon through the spec's requests in rotation and prints one
 * JSON line of results. Any non-2xx answer, timeout or socket error counts as
 * an error.
 */
async function main(): Promise<void> {
  const spec = JSON.parse(readFileSync(String(process.argv[2]), 'utf8')) as LoadSpec;
  let next = 0;
  const result = await autocannon({
    url: spec.base,
    connections: spec.connections,
    duration: spec.seconds,
    requests: [
      {
        setupRequest: (request) => {
          const r = spec.requests[next++ % spec.requests.length] as LoadRequest;
          return { ...request, method: r.method, path: r.path, headers: { ...r.headers }, body: r.body };
        },
      },
    ],
  });
  const answer: LoadResult = {
    requestsPerSecond: Math.round(result.requests.average),
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    total: result.requests.total,
    errors: result.errors + result.timeouts + result.non2xx,
  };
  process.stdout.write(`${JSON.stringify(answer)}\n`);
}

if (require.main === module) {
  main().catch((error: unknown) => {
    process.stderr.write(`load worker failed: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  });
}
