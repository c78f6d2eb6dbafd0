import { PassThrough } from 'node:stream';
import { runCli } from '../../src/cli/main';
import type { CliCommand, CliIo } from '../../src/cli/command';

/** What a CLI run wrote: its exit code, stdout and stderr. */
export type CliRun = { code: number; stdout: string; stderr: string };

/** CLI streams whose output is kept as text; `tty` makes stderr look like a terminal (progress lines). */
export function captureIo(env: Record<string, string>, options: { cwd?: string; tty?: boolean } = {}): { io: CliIo; out(): string; err(): string } {
  const out: string[] = [];
  const err: string[] = [];
  const stdout = new PassThrough().on('data', (c) => out.push(String(c)));
  const stderr = Object.assign(new PassThrough().on('data', (c) => err.push(String(c))), { isTTY: options.tty ?? false });
  return { io: { stdin: new PassThrough(), stdout, stderr, env, cwd: options.cwd ?? '/nonexistent' }, out: () => out.join(''), err: () => err.join('') };
}

/** `frontdesk ...argv` through runCli (no channels or extensions), with `commands` added to the built-in ones; cwd `/` unless told. */
export async function runCliCaptured(argv: string[], env: Record<string, string>, options: { commands?: Record<string, CliCommand>; tty?: boolean; cwd?: string } = {}): Promise<CliRun> {
  const capture = captureIo(env, { cwd: options.cwd ?? '/', tty: options.tty });
  const code = await runCli(argv, capture.io, { channelFactories: [], extensions: [], dialogs: [], commands: options.commands ?? {} });
  return { code, stdout: capture.out(), stderr: capture.err() };
}
