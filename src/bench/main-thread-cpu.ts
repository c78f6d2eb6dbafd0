import fs from 'node:fs';
import { performance } from 'node:perf_hooks';

/**
 * CPU time of this process's main thread so far, in milliseconds: Linux's per-thread schedstat (nanoseconds on
 * the CPU), so work in worker threads (a bench's client, a stand-in server) does not count. Elsewhere, the
 * event loop's busy time, which a loaded machine inflates with time spent waiting for a CPU.
 */
export function mainThreadCpuMs(): number {
  try {
    const onCpuNs = Number(fs.readFileSync(`/proc/self/task/${process.pid}/schedstat`, 'utf8').split(' ')[0]);
    if (Number.isFinite(onCpuNs)) return onCpuNs / 1e6;
  } catch {
    // Not Linux: fall through.
  }
  return performance.eventLoopUtilization().active;
}
