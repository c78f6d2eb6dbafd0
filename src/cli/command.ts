import type { Readable, Writable } from 'node:stream';

/** Streams a command talks through; tests pass their own. */
export interface CliIo {
  stdin: Readable;
  stdout: Writable;
  stderr: Writable;
  env: NodeJS.ProcessEnv;
  cwd: string;
}

/** One `frontdesk <name>` command: returns the process exit code. */
export type CliCommand = (args: string[], io: CliIo) => Promise<number>;

/** Parse `--name value` / `--flag` options and positional arguments. */
export function parseArgs(args: string[]): { positional: string[]; options: Record<string, string | true> } {
  const positional: string[] = [];
  const options: Record<string, string | true> = {};
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (!arg.startsWith('--')) {
      positional.push(arg);
      continue;
    }
    const [name, inline] = arg.slice(2).split('=', 2);
    const next = args[i + 1];
    if (inline !== undefined) options[name] = inline;
    else if (next !== undefined && !next.startsWith('--')) options[name] = args[++i];
    else options[name] = true;
  }
  return { positional, options };
}

/** Read JSON lines from a stream, skipping blank lines. */
export async function* readJsonLines(input: Readable): AsyncGenerator<unknown> {
  let buffer = '';
  for await (const chunk of input) {
    buffer += chunk.toString();
    let newline: number;
    while ((newline = buffer.indexOf('\n')) >= 0) {
      const line = buffer.slice(0, newline).trim();
      buffer = buffer.slice(newline + 1);
      if (line) yield JSON.parse(line);
    }
  }
  if (buffer.trim()) yield JSON.parse(buffer);
}
