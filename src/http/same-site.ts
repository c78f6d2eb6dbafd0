import type { IncomingMessage } from 'node:http';
import { HttpError } from './body';

/**
 * Refuse a request another site's page made (cross-site request forgery). Browsers say where a request comes
 * from in Sec-Fetch-Site; Origin is checked too, but it is "null" under our no-referrer policy.
 */
export function checkSameSite(req: IncomingMessage, refusal = 'request made by another site'): void {
  const site = req.headers['sec-fetch-site'];
  if (site && site !== 'same-origin' && site !== 'none') throw new HttpError(403, refusal);
  const origin = req.headers.origin;
  if (!origin || origin === 'null') return;
  let host: string | null = null;
  try {
    host = new URL(origin).host;
  } catch {
    // garbage: treated as foreign below.
  }
  if (host !== req.headers.host) throw new HttpError(403, refusal);
}
