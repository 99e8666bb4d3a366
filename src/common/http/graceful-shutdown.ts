import type { Server } from 'node:http';
import type { INestApplication } from '@nestjs/common';
import { Drain } from './drain';

/** How long in-flight requests may take to finish after SIGTERM. */
export const DRAIN_TIMEOUT_MS = 10_000;

/**
 * SIGTERM: refuse new requests (503), let those in flight finish (up to the
 * timeout, then cut them), then close the application: open event streams
 * end, the HTTP server closes, background jobs stop and the pool closes.
 * Returns whether every in-flight request finished in time.
 */
export async function gracefulShutdown(app: INestApplication, timeoutMs = DRAIN_TIMEOUT_MS): Promise<boolean> {
  const server = app.getHttpServer() as Server;
  const drained = await app.get(Drain).start(timeoutMs);
  if (!drained) server.closeAllConnections();
  // Connections that turn idle while closing (an ended event stream) would otherwise wait out the keep-alive timeout.
  const sweep = setInterval(() => server.closeIdleConnections(), 100);
  try {
    await app.close();
  } finally {
    clearInterval(sweep);
  }
  return drained;
}
