import type { ServerResponse } from 'node:http';
import { FrontdeskError } from '../errors';
import { HttpError, SECURITY_HEADERS } from '../http/body';

/** A refusal of /api/v1 with its RFC 9457 fields; extra members (e.g. `errors`) go into the body too. */
export class ApiProblem extends HttpError {
  constructor(status: number, readonly slug: string, detail: string, readonly extra: Record<string, unknown> = {}) {
    super(status, detail);
  }
}

const TITLES: Record<number, string> = {
  400: 'Bad Request', 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not Found', 405: 'Method Not Allowed', 409: 'Conflict',
  413: 'Content Too Large', 415: 'Unsupported Media Type', 422: 'Unprocessable Content', 429: 'Too Many Requests',
  500: 'Internal Server Error', 503: 'Service Unavailable',
};

/** The problem an error becomes: its status from the error's kind, its detail from the message (never for a 500). */
export function problemOf(error: unknown): ApiProblem {
  if (error instanceof ApiProblem) return error;
  if (error instanceof HttpError) return new ApiProblem(error.status, slugOf(error.status), error.message);
  if (error instanceof FrontdeskError) {
    const status = { validation_failed: 422, auth_failed: 403, not_found: 404, conflict: 409 }[error.code as string];
    if (status) return new ApiProblem(status, slugOf(status), error.message);
  }
  return new ApiProblem(500, 'internal', 'internal error: the failure was logged');
}

function slugOf(status: number): string {
  return (TITLES[status] ?? 'error').toLowerCase().replace(/ /g, '-');
}

/** The problem+json text of a problem. */
export function problemJson(problem: ApiProblem, instance: string): string {
  return JSON.stringify({
    type: `urn:frontdesk:problem:${problem.slug}`, title: TITLES[problem.status] ?? 'Error', status: problem.status,
    detail: problem.message, instance, ...problem.extra,
  });
}

/** Answer with `application/problem+json`. */
export function sendProblem(res: ServerResponse, problem: ApiProblem, instance: string): void {
  const body = problemJson(problem, instance);
  res.writeHead(problem.status, { ...SECURITY_HEADERS, 'content-type': 'application/problem+json; charset=utf-8', 'content-length': Buffer.byteLength(body) });
  res.end(body);
}
