import type { Writable } from 'node:stream';

/** A one-line progress bar on a terminal; silent when the stream is piped or a file. */
export function progressBar(out: Writable): (done: number, total: number, stage: string) => void {
  if (!(out as Writable & { isTTY?: boolean }).isTTY) return () => {};
  return (done, total, stage) => {
    const width = 24;
    const filled = Math.round((done / Math.max(1, total)) * width);
    out.write(`\r[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${Math.round((done / Math.max(1, total)) * 100)}% ${stage.padEnd(10)}`);
    if (done === total) out.write('\n');
  };
}
