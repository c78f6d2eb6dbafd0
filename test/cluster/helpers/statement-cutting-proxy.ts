import net from 'node:net';

/**
 * A TCP proxy in front of PostgreSQL that reads what clients send and, when `cut(sql)` says so for a statement
 * (simple query 'Q' or extended-protocol 'P'arse), drops that connection instead of passing the statement on:
 * to the client it is the server going away while exactly that statement was out (a restart, a failover). Each
 * statement text seen is counted in `seen` (cut ones in `cuts`), so a test can cut every statement once.
 */
export class StatementCuttingProxy {
  readonly seen = new Map<string, number>();
  readonly cuts: string[] = [];
  private readonly sockets = new Set<net.Socket>();
  private server: net.Server | null = null;
  port = 0;

  constructor(private readonly target: { host: string; port: number }, private readonly cut: (sql: string) => boolean) {}

  async start(): Promise<this> {
    this.server = net.createServer((client) => this.pipe(client));
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.port = (this.server.address() as net.AddressInfo).port;
    return this;
  }

  /** `url` (a postgres:// URL of the target) through this proxy. */
  urlFor(url: string): string {
    const parsed = new URL(url);
    parsed.host = `127.0.0.1:${this.port}`;
    return parsed.toString();
  }

  async close(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  private pipe(client: net.Socket): void {
    const server = net.connect(this.target.port, this.target.host);
    this.sockets.add(client).add(server);
    const drop = () => {
      client.destroy();
      server.destroy();
      this.sockets.delete(client);
      this.sockets.delete(server);
    };
    client.on('error', drop).on('close', drop);
    server.on('error', drop).on('close', drop);
    server.on('data', (chunk) => client.write(chunk));
    // The first message (startup or SSL request) has no type byte; every later one is type, int32 length, body.
    let pending = Buffer.alloc(0);
    let started = false;
    client.on('data', (chunk) => {
      pending = Buffer.concat([pending, chunk]);
      let forward = 0;
      for (;;) {
        const typed = started ? 1 : 0;
        if (pending.length - forward < typed + 4) break;
        const length = pending.readInt32BE(forward + typed);
        const end = forward + typed + length;
        if (pending.length < end) break;
        if (!started) {
          // An SSL request (code 80877103) is answered 'N' by the server; the startup message follows untyped.
          started = pending.readInt32BE(forward + 4) !== 80877103;
        } else {
          const sql = statementOf(pending.subarray(forward, end));
          if (sql !== null) {
            this.seen.set(sql, (this.seen.get(sql) ?? 0) + 1);
            if (this.cut(sql)) {
              this.cuts.push(sql);
              server.write(pending.subarray(0, forward));
              return drop();
            }
          }
        }
        forward = end;
      }
      server.write(pending.subarray(0, forward));
      pending = pending.subarray(forward);
    });
  }
}

/** The SQL of a 'Q' (text\0) or 'P' (name\0 text\0 ...) message, whitespace folded; null for other messages. */
function statementOf(message: Buffer): string | null {
  const type = String.fromCharCode(message[0]);
  const body = message.subarray(5);
  let text: string;
  if (type === 'Q') text = body.subarray(0, body.indexOf(0)).toString('utf8');
  else if (type === 'P') {
    const nameEnd = body.indexOf(0);
    text = body.subarray(nameEnd + 1, body.indexOf(0, nameEnd + 1)).toString('utf8');
  } else return null;
  return text.replace(/\s+/g, ' ').trim();
}
