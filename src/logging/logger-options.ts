import type { IncomingMessage } from 'node:http';
import type { Params } from 'nestjs-pino';
import type { AppConfig } from '../config/app-config';
import { requestIdOf } from '../common/http/request-context';

/**
 * JSON logs with the request id and user id. Request and response bodies,
 * query strings and headers other than a few safe ones are never logged, so
 * no patient data reaches the logs.
 */
export function loggerOptions(config: AppConfig): Params {
  return {
    pinoHttp: {
      autoLogging: { ignore: loggedOnce() },
      level: config.LOG_LEVEL,
      genReqId: (req) => (req as { id?: string }).id ?? requestIdOf(req as never),
      customProps: (req) => ({ userId: (req as { user?: { id: string } }).user?.id }),
      serializers: {
        req: (req: { id: string; method: string; url: string }) => ({
          id: req.id,
          method: req.method,
          // Paths carry only ids; the query string can carry names, so drop it.
          path: req.url.split('?')[0],
        }),
        res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
      },
      redact: { paths: ['req.headers', 'req.body', 'res.headers'], remove: true },
    },
  };
}

/**
 * The logging middleware is mounted twice on paths outside the API prefix
 * (/health): nestjs-pino and Nest each add them. Log each request once.
 */
function loggedOnce(): (req: IncomingMessage) => boolean {
  const seen = new WeakSet<IncomingMessage>();
  return (req) => {
    if (seen.has(req)) return true;
    seen.add(req);
    return false;
  };
}
