import type { IncomingMessage, ServerResponse } from 'node:http';
import { SECURITY_HEADERS } from './body';
import type { HttpRouter } from './router';

/** The service desk's icon: a speech bubble, as SVG (no binary asset to build or ship). */
const FAVICON_SVG = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" rx="7" fill="#1f2937"/>
<path d="M7 9h18a2 2 0 0 1 2 2v9a2 2 0 0 1-2 2H15l-6 5v-5H7a2 2 0 0 1-2-2v-9a2 2 0 0 1 2-2z" fill="#fff"/></svg>`;

/** Serve the icon at /favicon.svg (pages link it) and /favicon.ico (browsers ask for it by default): no 404 on any page. */
export function mountPageAssets(router: HttpRouter): void {
  const send = (_req: IncomingMessage, res: ServerResponse) => {
    res.writeHead(200, { ...SECURITY_HEADERS, 'content-type': 'image/svg+xml', 'cache-control': 'public, max-age=86400' });
    res.end(FAVICON_SVG);
  };
  router.add('GET', '/favicon.svg', send);
  router.add('GET', '/favicon.ico', send);
}

const TITLES: Record<number, [string, string]> = {
  400: ['This request could not be read', '无法处理此请求'],
  401: ['Please sign in', '请先登录'],
  403: ['You may not open this page', '您无权打开此页面'],
  404: ['Page not found', '页面不存在'],
  405: ['This page cannot be used that way', '此页面不支持该操作'],
  429: ['Too many requests: please wait a moment', '请求过多，请稍候再试'],
  503: ['The service desk is busy: please try again shortly', '服务台繁忙，请稍后再试'],
};

/** Whether an error should be answered as a page: a browser asking for HTML outside the JSON APIs. */
export function wantsHtml(req: IncomingMessage, pathname: string): boolean {
  if (req.method !== 'GET' && req.method !== 'HEAD') return false;
  if (pathname.startsWith('/api/') || pathname.startsWith('/console/api/')) return false;
  return String(req.headers.accept ?? '').includes('text/html');
}

/** A small error page in English and Chinese; it names the status only, never the request (nothing echoed). */
export function sendErrorPage(res: ServerResponse, status: number): void {
  const [en, zh] = TITLES[status] ?? ['Something went wrong on our side', '服务出现问题'];
  const html = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${status} · ${en}</title><link rel="icon" href="/favicon.svg" type="image/svg+xml">
<style>body { font-family: system-ui, "Noto Sans CJK SC", sans-serif; margin: 0; background: #f3f4f6; color: #111827; }
main { max-width: 520px; margin: 12vh auto; background: #fff; padding: 24px; border-radius: 10px; border: 1px solid #e5e7eb; }
h1 { font-size: 1.3rem; } a { color: #1d4ed8; }</style></head>
<body><main><h1>${en}</h1><p lang="zh">${zh}</p><p class="code">Error ${status} · 错误 ${status}</p>
<p><a href="/">IT Service Desk · IT 服务台</a></p></main></body></html>
`;
  res.writeHead(status, {
    ...SECURITY_HEADERS, 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store',
    'content-security-policy': "default-src 'self'; style-src 'unsafe-inline'; frame-ancestors 'none'",
  });
  res.end(html);
}
