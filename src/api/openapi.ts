import { OpenApiGeneratorV31, OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import type { ApiRoute } from './api-routes';
import { Problem } from './schemas';

const PROBLEM_CONTENT = { 'application/problem+json': { schema: Problem } };

/** The OpenAPI 3.1 document of /api/v1, generated from the zod schemas the handlers validate with. */
export function openApiDocument(routes: ApiRoute[], serverUrl: string): object {
  const registry = new OpenAPIRegistry();
  registry.register('Problem', Problem);
  const bearer = registry.registerComponent('securitySchemes', 'bearerToken', {
    type: 'http', scheme: 'bearer', description: 'a token from `frontdesk tokens add NAME --scopes ...`',
  });
  for (const route of routes) {
    const errors = {
      400: { description: 'bad query or JSON', content: PROBLEM_CONTENT },
      401: { description: 'no valid token', content: PROBLEM_CONTENT },
      403: { description: `the token lacks ${route.scope}`, content: PROBLEM_CONTENT },
      404: { description: 'not found', content: PROBLEM_CONTENT },
      422: { description: 'invalid input, or an Idempotency-Key reused with another body', content: PROBLEM_CONTENT },
      429: { description: 'over the token\'s rate limit (see Retry-After)', content: PROBLEM_CONTENT },
    };
    registry.registerPath({
      method: route.method,
      path: route.path,
      summary: route.summary,
      description: `Scope: \`${route.scope}\`${route.method === 'post' ? '. Send an `Idempotency-Key` header to make retries safe.' : ''}`,
      security: [{ [bearer.name]: [route.scope] }],
      request: {
        ...(route.params ? { params: route.params } : {}),
        ...(route.query ? { query: route.query } : {}),
        ...(route.body ? { body: { required: true, content: { 'application/json': { schema: route.body } } } } : {}),
      },
      responses: {
        [route.status]: { description: 'done', content: { 'application/json': { schema: route.response } } },
        ...errors,
      },
    });
  }
  return new OpenApiGeneratorV31(registry.definitions).generateDocument({
    openapi: '3.1.0',
    info: { title: 'Frontdesk API', version: '1', description: 'Tickets, conversations, knowledge base, major incidents, broadcasts and KPIs of the service desk. Errors are RFC 9457 problem+json.' },
    servers: [{ url: `${serverUrl.replace(/\/$/, '')}/api/v1` }],
  });
}
