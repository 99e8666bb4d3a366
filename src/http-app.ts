import type { INestApplication } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, type OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import helmet from 'helmet';
import { answerClientErrors } from './common/http/client-error';
import { Drain } from './common/http/drain';
import { jsonBodyMiddleware } from './common/http/json-body.middleware';
import { orderedTags } from './common/http/openapi-tags';
import { PathIdPipe } from './common/http/path-id.pipe';
import { queryTextMiddleware } from './common/http/query-text.middleware';
import { DomainError } from './common/problem/domain-error';
import { problemFromDomainError, sendProblem } from './common/problem/problem.filter';
import { requestContextMiddleware } from './common/http/request-context';
import { createValidationPipe } from './common/http/validation-pipe';
import { AppConfig } from './config/app-config';

export const API_PREFIX = 'api/v1';

/** HTTP behaviour shared by the server and the e2e tests. */
export function configureHttp(app: NestExpressApplication): INestApplication {
  app.set('trust proxy', 'loopback');
  app.disable('x-powered-by');
  // No automatic ETag (a SHA-1 of every answer): answers are no-store, and records that take If-Match set their own version ETag.
  app.set('etag', false);
  app.use(requestContextMiddleware);
  app.use(app.get(Drain).middleware);
  // Standard security headers; the CSP is left to Swagger UI's needs on /docs.
  app.use(helmet({ contentSecurityPolicy: false }));
  // Cross-origin browser access only for the configured allowlist; closed when it is empty.
  app.enableCors({ origin: app.get(AppConfig).CORS_ORIGINS, credentials: false, maxAge: 600 });
  // API answers carry patient data: no browser or proxy may keep a copy.
  app.use(`/${API_PREFIX}`, (_req: unknown, res: { setHeader(name: string, value: string): void }, next: () => void) => {
    res.setHeader('Cache-Control', 'no-store');
    next();
  });
  app.use(queryTextMiddleware);
  app.use(jsonBodyMiddleware);
  app.setGlobalPrefix(API_PREFIX, { exclude: ['health'] });
  app.useGlobalPipes(new PathIdPipe(), createValidationPipe());

  // Built on the first request to /docs or /docs-json: scanning every controller and DTO takes about
  // 0.4 s, which would otherwise delay every start (the cold-start target is 3 s).
  SwaggerModule.setup('docs', app, () => openApiDocument(app), { jsonDocumentUrl: 'docs-json' });
  return app;
}

/** The OpenAPI document of every route the application maps, with its tags in reading order. */
function openApiDocument(app: INestApplication): OpenAPIObject {
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Outpatient program API')
      .setDescription(
        'Screening, detox monitoring, outpatient sessions, support groups, aftercare and reports for an outpatient ' +
          'addiction-treatment program. Every route needs a bearer token unless marked public; each route ' +
          'lists the permission and roles it requires. Errors are application/problem+json (RFC 9457).',
      )
      .setVersion('1')
      .addBearerAuth()
      .build(),
  );
  document.tags = orderedTags(document);
  return document;
}

/**
 * Initialises the application, then answers any path outside the API prefix
 * that nothing handled (and that Nest's prefixed 404 does not cover) with a
 * problem+json 404 instead of Express's HTML page.
 */
export async function initHttp(app: NestExpressApplication): Promise<void> {
  await app.init();
  answerClientErrors(app.getHttpServer());
  app.getHttpAdapter().getInstance().use((req: { method: string }, res: Parameters<typeof sendProblem>[0]) => {
    sendProblem(res, problemFromDomainError(new DomainError('not_found', `No route for ${req.method} on this path.`)));
  });
}
