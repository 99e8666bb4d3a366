import { serverTroubleLines } from './postgres-log';

describe('serverTroubleLines', () => {
  it('keeps FATAL and PANIC lines of the server log', () => {
    const chunk = '2026-01-01 00:00:00 UTC [1] FATAL:  could not create lock file "postmaster.pid"\n' +
      '2026-01-01 00:00:00 UTC [1] PANIC:  could not write to file\n';
    expect(serverTroubleLines(chunk)).toEqual([
      '2026-01-01 00:00:00 UTC [1] FATAL:  could not create lock file "postmaster.pid"',
      '2026-01-01 00:00:00 UTC [1] PANIC:  could not write to file',
    ]);
  });

  it('drops routine LOG lines and the connections a shutdown ends', () => {
    const chunk = '2026-01-01 00:00:00 UTC [1] LOG:  received fast shutdown request\n' +
      '2026-01-01 00:00:00 UTC [1] LOG:  aborting any active transactions\n' +
      '2026-01-01 00:00:00 UTC [2] FATAL:  terminating connection due to administrator command\n' +
      '2026-01-01 00:00:00 UTC [3] FATAL:  the database system is shutting down\n';
    expect(serverTroubleLines(chunk)).toEqual([]);
  });
});
