import { SetMetadata } from '@nestjs/common';

export const EXPORT_ROUTE = 'rate-limit:export';

/**
 * Marks a route that produces an export (a report file, a printable summary):
 * each call counts against the per-user export rate limit, which is tighter
 * than the write limit because one export can carry many patients' data.
 */
export const ExportRoute = () => SetMetadata(EXPORT_ROUTE, true);
