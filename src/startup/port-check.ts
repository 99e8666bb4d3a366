import { createServer } from 'node:net';
import { StartupError } from './startup-error';

/**
 * Fails before anything is created when `port` cannot be bound on `host`,
 * naming the variable that sets it.
 */
export function assertPortFree(port: number, host: string, variable: string): Promise<void> {
  if (port === 0) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', (error: NodeJS.ErrnoException) => {
      const why = error.code === 'EADDRINUSE' ? 'is already in use (another server?)' : `cannot be used (${error.code ?? error.message})`;
      reject(new StartupError(`Port ${port} on ${host} ${why}. Stop the other program or set ${variable} to a free port.`));
    });
    probe.listen(port, host, () => probe.close(() => resolve()));
  });
}
