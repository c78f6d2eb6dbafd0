import http from 'node:http';

/** One server-sent event. */
export type SseEvent = { id?: string; event: string; data: string };

/** Call `onBlock` with each event block (the text between blank lines) of an event-stream response, as it arrives. */
export function onSseBlocks(res: import('node:http').IncomingMessage, onBlock: (block: string) => void): void {
  let buffer = '';
  res.setEncoding('utf8');
  res.on('data', (chunk: string) => {
    buffer += chunk;
    let end: number;
    while ((end = buffer.indexOf('\n\n')) >= 0) {
      onBlock(buffer.slice(0, end));
      buffer = buffer.slice(end + 2);
    }
  });
}

/** A minimal EventSource for tests: collects events from `url` until closed. */
export function openSse(url: string, headers: Record<string, string> = {}) {
  const events: SseEvent[] = [];
  const closeListeners: Array<() => void> = [];
  let closed = false;
  let request: http.ClientRequest | null = null;
  const opened = new Promise<number>((resolve, reject) => {
    request = http.get(url, { headers: { accept: 'text/event-stream', ...headers } }, (res) => {
      resolve(res.statusCode ?? 0);
      onSseBlocks(res, (block) => {
        const event: SseEvent = { event: 'message', data: '' };
        for (const line of block.split('\n')) {
          if (line.startsWith('id: ')) event.id = line.slice(4);
          else if (line.startsWith('event: ')) event.event = line.slice(7);
          else if (line.startsWith('data: ')) event.data += line.slice(6);
        }
        if (event.data) events.push(event);
      });
      res.on('error', () => {});
      res.on('close', () => {
        closed = true;
        closeListeners.forEach((fn) => fn());
      });
    });
    request.on('error', reject);
  });
  return {
    events, opened, close: () => request?.destroy(),
    /** Called when the server ends the stream (or it breaks). */
    onClose: (fn: () => void) => (closed ? fn() : closeListeners.push(fn)),
  };
}

/** A web chat session: cookie plus helpers to post messages. */
export async function chatSession(baseUrl: string) {
  const res = await fetch(`${baseUrl}/api/chat/session`, { method: 'POST' });
  const cookie = String(res.headers.get('set-cookie')).split(';')[0];
  let n = 0;
  return {
    cookie,
    post: (text: string, clientMessageId = `m${++n}`) =>
      fetch(`${baseUrl}/api/chat/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', cookie },
        body: JSON.stringify({ clientMessageId, text }),
      }),
    events: (extra: Record<string, string> = {}) => openSse(`${baseUrl}/api/chat/events`, { cookie, ...extra }),
  };
}
