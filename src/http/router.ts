import type { IncomingMessage, ServerResponse } from 'node:http';

/** A route handler; `params` holds `:name` segments of the path pattern. */
export type RouteHandler = (req: IncomingMessage, res: ServerResponse, params: Record<string, string>) => Promise<void> | void;

type Route = { method: string; parts: string[]; prefix: boolean; handler: RouteHandler };

/** A tiny method + path router; patterns like `/api/tickets/:number`, or `/console/*` for a prefix. */
export class HttpRouter {
  private readonly routes: Route[] = [];

  add(method: string, pattern: string, handler: RouteHandler): void {
    const prefix = pattern.endsWith('/*');
    const parts = (prefix ? pattern.slice(0, -2) : pattern).split('/').filter(Boolean);
    this.routes.push({ method: method.toUpperCase(), parts, prefix, handler });
  }

  /** The handler for a request, or 'method_not_allowed' / null when nothing matches. */
  match(method: string, pathname: string): { handler: RouteHandler; params: Record<string, string> } | 'method_not_allowed' | null {
    const segments = pathname.split('/').filter(Boolean);
    let pathMatched = false;
    for (const route of this.routes) {
      const params = matchParts(route, segments);
      if (!params) continue;
      pathMatched = true;
      if (route.method === method || (route.method === 'GET' && method === 'HEAD')) return { handler: route.handler, params };
    }
    return pathMatched ? 'method_not_allowed' : null;
  }
}

function matchParts(route: Route, segments: string[]): Record<string, string> | null {
  if (route.prefix ? segments.length < route.parts.length : segments.length !== route.parts.length) return null;
  const params: Record<string, string> = {};
  for (let i = 0; i < route.parts.length; i++) {
    const part = route.parts[i];
    if (part.startsWith(':')) params[part.slice(1)] = safeDecode(segments[i]);
    else if (part !== segments[i]) return null;
  }
  return params;
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
