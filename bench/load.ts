import { performance } from 'node:perf_hooks';

export interface ScenarioResult {
  name: string;
  requests: number;
  errors: number;
  seconds: number;
  requestsPerSecond: number;
  p50Ms: number;
  p95Ms: number;
  p99Ms: number;
}

export interface Scenario {
  name: string;
  /** Sends one request; resolves to its HTTP status. */
  send(i: number): Promise<number>;
  expectedStatus: number;
}

const percentile = (sorted: number[], p: number) =>
  sorted.length === 0 ? 0 : (sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0);

/**
 * Runs a scenario with a fixed number of concurrent clients until `requests`
 * have been sent or `maxSeconds` have passed, whichever comes first.
 */
export async function runScenario(
  scenario: Scenario,
  options: { concurrency: number; requests: number; maxSeconds: number },
): Promise<ScenarioResult> {
  const latencies: number[] = [];
  let errors = 0;
  let next = 0;
  const started = performance.now();
  const deadline = started + options.maxSeconds * 1000;
  const worker = async () => {
    while (next < options.requests && performance.now() < deadline) {
      const i = next++;
      const t0 = performance.now();
      const status = await scenario.send(i).catch(() => 0);
      latencies.push(performance.now() - t0);
      if (status !== scenario.expectedStatus) errors += 1;
    }
  };
  await Promise.all(Array.from({ length: options.concurrency }, worker));
  const seconds = (performance.now() - started) / 1000;
  const sorted = [...latencies].sort((a, b) => a - b);
  const round = (n: number) => Math.round(n * 10) / 10;
  return {
    name: scenario.name,
    requests: latencies.length,
    errors,
    seconds: round(seconds),
    requestsPerSecond: round(latencies.length / seconds),
    p50Ms: round(percentile(sorted, 50)),
    p95Ms: round(percentile(sorted, 95)),
    p99Ms: round(percentile(sorted, 99)),
  };
}
