import type { ChildProcess } from 'node:child_process';
import { freePort, kill, startServer } from '../../helpers/server-process';

type Running = { child: ChildProcess; output: () => string };

/**
 * Several `frontdesk start` processes (bin/frontdesk.js), each on its own port and INSTANCE_NAME, sharing
 * `env` (the same DATABASE_URL): one can be SIGKILLed and started again on its port, as a machine that dies
 * and comes back behind the load balancer. Each start gets a label (`perStart` can put it in its env).
 */
export class InstanceSet {
  readonly ports: number[] = [];
  private readonly running: Array<Running | null> = [];
  /** Output of processes that were killed (kept for a failure message). */
  private readonly deadOutput: string[] = [];

  /** Labels (`i<index>g<start>`) of the process starts that were SIGKILLed. */
  readonly killedLabels = new Set<string>();
  private readonly labels: string[] = [];
  private starts = 0;

  private constructor(private readonly env: Record<string, string>, private readonly perStart: (label: string) => Record<string, string>) {}

  /** Start `count` instances named `web-1.<pid>`..`web-N.<pid>` (told apart from other runs on the machine), one after another (the first migrates the database). */
  static async start(count: number, env: Record<string, string>, perStart: (label: string) => Record<string, string> = () => ({})): Promise<InstanceSet> {
    const set = new InstanceSet(env, perStart);
    for (let i = 0; i < count; i++) {
      set.ports.push(await freePort());
      set.running.push(null);
      // A port another process took before ours listened (other test runs share the machine): try another.
      for (let attempt = 1; ; attempt++) {
        try {
          await set.restart(i);
          break;
        } catch (error) {
          if (attempt >= 3 || !/EADDRINUSE/.test((error as Error).message)) throw error;
          set.ports[i] = await freePort();
        }
      }
    }
    return set;
  }

  /** How many processes were started so far (the first `count` included). */
  get started(): number {
    return this.starts;
  }

  /** Instances whose process exited by itself (not killed by the test): their exit codes. */
  exited(): number[] {
    return this.running.flatMap((r) => (r && (r.child.exitCode !== null || r.child.signalCode !== null) ? [r.child.exitCode ?? -1] : []));
  }

  /** Whether instance `i` is running now. */
  isUp(i: number): boolean {
    return this.running[i] !== null;
  }

  /** SIGKILL instance `i`: no shutdown code runs, its claims and leases stay behind until they expire. */
  async kill(i: number): Promise<void> {
    const running = this.running[i];
    if (!running) return;
    this.running[i] = null;
    this.killedLabels.add(this.labels[i]);
    await kill(running.child, 'SIGKILL');
    this.deadOutput.push(running.output());
  }

  /** Start instance `i` again on its port; resolves once its /healthz answers. */
  async restart(i: number): Promise<void> {
    this.labels[i] = `i${i}g${this.starts++}`;
    // A start on a loaded 2-core machine (three instances, PostgreSQL, nginx, the test) can take longer than the usual 15 s.
    const server = await startServer({ ...this.env, ...this.perStart(this.labels[i]), PORT: String(this.ports[i]), INSTANCE_NAME: `web-${i + 1}.${process.pid}` }, 60_000);
    this.running[i] = { child: server.child, output: server.output };
  }

  /** The last words of each instance that exited by itself (not the others' refusals written after them). */
  exitedOutput(): string {
    return this.running.flatMap((r) => (r && (r.child.exitCode !== null || r.child.signalCode !== null) ? [r.output().slice(-4000)] : [])).join('\n');
  }

  /** Everything the instances wrote (warnings and errors only at LOG_LEVEL=warn), killed ones included. */
  output(): string {
    return [...this.deadOutput, ...this.running.map((r) => r?.output() ?? '')].join('\n');
  }

  /** SIGTERM every running instance; the exit codes of those that did not exit with 0. */
  async stop(): Promise<number[]> {
    const codes: number[] = [];
    for (let i = 0; i < this.running.length; i++) {
      const running = this.running[i];
      if (!running) continue;
      this.running[i] = null;
      const code = await kill(running.child, 'SIGTERM');
      if (code !== 0) codes.push(code ?? -1);
    }
    return codes;
  }

  /** SIGKILL whatever still runs (cleanup after a failure). */
  async dispose(): Promise<void> {
    for (let i = 0; i < this.running.length; i++) await this.kill(i);
  }
}
