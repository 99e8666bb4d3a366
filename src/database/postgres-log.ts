/**
 * Lines of the embedded PostgreSQL's log worth the application log: server
 * level trouble (FATAL, PANIC). Statement errors are the application's to
 * report (without values), and the connections a shutdown ends are expected.
 */
const SHUTDOWN_CHATTER = /terminating connection due to administrator command|the database system is shutting down/;

export function serverTroubleLines(chunk: string): string[] {
  return chunk
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => /\b(FATAL|PANIC):/.test(line) && !SHUTDOWN_CHATTER.test(line));
}
