/**
 * The API's own description: `GET /api/v1/openapi.json`, generated from the declared routes,
 * and `GET /api/docs`, the same document as a readable page rendered here (no third-party
 * script or style).
 */
import type { OpenAPIHono } from '@hono/zod-openapi'
import { z } from 'zod'

import { ApiDocsPage } from '../../web/pages/ApiDocsPage.tsx'
import type { AppEnv } from '../app.ts'
import { pageRouter } from '../pages/declare.ts'
import { html, pageBase } from '../pages/render.tsx'
import { apiRouter, declareRoute, jsonAnswer } from '../lib/routes.ts'
import { type OpenApiDocument, digest } from './digest.ts'

const INFO = {
  title: 'Fairstall API',
  version: '1',
  description:
    'The JSON API of the Fairstall co-operative marketplace. Errors answer ' +
    '`{ "error": { "code", "message", "fields"? } }`; money is in integer minor units.',
}

/** The OpenAPI 3.1 document of every route declared on `app`. */
export function apiDocument(app: OpenAPIHono<AppEnv>): OpenApiDocument {
  return app.getOpenAPI31Document({ openapi: '3.1.0', info: INFO }) as OpenApiDocument
}

const documentSchema = z.looseObject({
  openapi: z.string(),
  info: z.looseObject({}),
  paths: z.looseObject({}),
})

const documentRoute = declareRoute({
  method: 'get',
  path: '/api/v1/openapi.json',
  tag: 'Reference',
  summary: 'This API as an OpenAPI 3.1 document.',
  permission: 'anonymous',
  csrf: 'json-api',
  responses: {
    200: jsonAnswer('The document.', documentSchema),
  },
})

/** The document's route, describing `app` (read at request time, once all is mounted). */
export function apiDocumentRoutes(app: OpenAPIHono<AppEnv>) {
  const routes = apiRouter()
  // The generator's type has optional members Hono's JSON typing refuses: sent as it is.
  routes.openapi(documentRoute, (c) =>
    c.json(apiDocument(app) as unknown as z.infer<typeof documentSchema>, 200),
  )
  return routes
}

/** The reference page of `app`'s API. */
export function apiDocsPages(app: OpenAPIHono<AppEnv>) {
  return pageRouter().page(
    {
      tag: 'Reference',
      method: 'get',
      path: '/api/docs',
      summary: 'The API reference, readable.',
      permission: 'anonymous',
      csrf: 'none',
    },
    (c) => {
      const document = apiDocument(app)
      const page = <ApiDocsPage {...pageBase(c)} info={document.info} groups={digest(document)} />
      return html(c, page)
    },
  )
}
