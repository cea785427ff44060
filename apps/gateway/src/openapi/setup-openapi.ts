import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import { contractSchemas } from './contract-schemas';
import { docsAssetsMiddleware } from './docs-assets.middleware';
import { viewSchemas } from './view-schemas';

export const OPENAPI_JSON_PATH = '/api/openapi.json';
export const DOCS_PATH = '/api/docs';

export function buildOpenApiDocument(app: INestApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('Shipyard API')
    .setDescription(
      'Drive the Shipyard platform: templates, projects, runs, tasks and comments. Every /api route needs ' +
        '`Authorization: Bearer <api key>`; every response carries `x-request-id`; every error has one body (HttpErrorBody).',
    )
    .setVersion('1')
    .addBearerAuth({
      type: 'http',
      scheme: 'bearer',
      bearerFormat: 'API key (sk_...)',
      description: 'An API key from `npm run tenant:create`',
    })
    .build();
  const document = SwaggerModule.createDocument(app, config);
  document.components = {
    ...document.components,
    schemas: { ...document.components?.schemas, ...contractSchemas(), ...viewSchemas },
  };
  return document;
}

/**
 * Serves the document and Swagger UI. The UI's scripts and styles come from the installed swagger-ui-dist
 * package, not a CDN, so the page works offline. Both routes are registered on the HTTP adapter directly,
 * outside Nest's guards: no key is needed to read the docs.
 */
export function setupOpenApi(app: INestApplication): void {
  const document = buildOpenApiDocument(app);
  app.use(docsAssetsMiddleware(DOCS_PATH));
  SwaggerModule.setup(DOCS_PATH.slice(1), app, document, {
    jsonDocumentUrl: OPENAPI_JSON_PATH.slice(1),
    raw: ['json'],
    customSiteTitle: 'Shipyard API',
  });
}
