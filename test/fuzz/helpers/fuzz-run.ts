import http from 'node:http';
import type { FuzzBody } from './mutate';

/** Tally of one fuzz run: statuses by class, plus the bodies that got a 5xx or no answer. */
export type FuzzTally = { payloads: number; ok: number; refused: number; failures: number; byStatus: Record<number, number>; examples: string[]; samples: Record<number, string[]> };

/** One request to send: path, headers and body. */
export type FuzzRequest = { path: string; headers: Record<string, string>; body: string | Buffer; label: string };

function post(agent: http.Agent, base: URL, request: FuzzRequest, answers?: string[]): Promise<number> {
  return new Promise((resolve) => {
    const body = typeof request.body === 'string' ? Buffer.from(request.body) : request.body;
    const req = http.request(
      { host: base.hostname, port: base.port, path: request.path, method: 'POST', agent, headers: { ...request.headers, 'content-length': body.length } },
      (res) => {
        let answer = '';
        res.on('data', (c: Buffer) => {
          if (answer.length < 300) answer += c.toString();
        });
        res.on('end', () => {
          if ((res.statusCode ?? 0) >= 500) answers?.push(answer.slice(0, 300));
          resolve(res.statusCode ?? 0);
        });
        res.on('error', () => resolve(0));
      },
    );
    // A server that refuses a huge body early may close before reading it: that is an answer, not a crash.
    req.on('error', () => resolve(-1));
    req.end(body);
  });
}

/**
 * Send every request with `concurrency` in flight over keep-alive connections. A 5xx or a dropped
 * connection without any status is a failure; 2xx and 4xx are the expected answers, plus any answer
 * `protocolAnswer` says the platform's protocol prescribes (Bot Framework: 501 for an unhandled invoke).
 */
export async function fuzzHttp(
  baseUrl: string,
  requests: FuzzRequest[],
  options: { concurrency?: number; protocolAnswer?: (status: number, request: FuzzRequest) => boolean } = {},
): Promise<FuzzTally> {
  const concurrency = options.concurrency ?? 8;
  const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
  const base = new URL(baseUrl);
  const tally: FuzzTally = { payloads: requests.length, ok: 0, refused: 0, failures: 0, byStatus: {}, examples: [], samples: {} };
  let next = 0;
  const worker = async () => {
    while (next < requests.length) {
      const request = requests[next++];
      const answers: string[] = [];
      let status = await post(agent, base, request, answers);
      // A connection reset right after a 413 answer is allowed; ask again once to get the status itself.
      if (status === -1) status = await post(agent, base, request);
      tally.byStatus[status] = (tally.byStatus[status] ?? 0) + 1;
      const samples = (tally.samples[status] ??= []);
      if (samples.length < 3) samples.push(`${request.label}: ${String(request.body).slice(0, 400)}`);
      if (status >= 200 && status < 300) tally.ok++;
      else if ((status >= 400 && status < 500) || options.protocolAnswer?.(status, request)) tally.refused++;
      else {
        tally.failures++;
        if (tally.examples.length < 5) tally.examples.push(`${status} ${request.label}: ${String(request.body).slice(0, 300)} -> ${answers.join(' ')}`);
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  agent.destroy();
  return tally;
}

/** Collect unhandled rejections and uncaught exceptions while `fn` runs. */
export async function watchProcess<T>(fn: () => Promise<T>): Promise<{ result: T; unhandled: string[] }> {
  const unhandled: string[] = [];
  const onRejection = (reason: unknown) => unhandled.push(`unhandledRejection: ${String((reason as Error)?.stack ?? reason)}`);
  const onException = (error: Error) => unhandled.push(`uncaughtException: ${error.stack}`);
  process.on('unhandledRejection', onRejection);
  process.on('uncaughtException', onException);
  try {
    return { result: await fn(), unhandled };
  } finally {
    process.off('unhandledRejection', onRejection);
    process.off('uncaughtException', onException);
  }
}
