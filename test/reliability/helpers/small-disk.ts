import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

/** True when this process may mount filesystems (root). */
export function canMount(): boolean {
  return typeof process.getuid === 'function' && process.getuid() === 0;
}

/**
 * Without root a real full or read-only disk cannot be made: under CI=true that is a failure (CI runs as
 * root), elsewhere the test says why it does not run.
 */
export function requireMount(what: string): boolean {
  if (canMount()) return true;
  if (process.env.CI === 'true') throw new Error(`${what} needs root to mount a small tmpfs (CI runs as root)`);
  console.warn(`${what}: not run, it needs root to mount a small tmpfs`);
  return false;
}

/** A real small filesystem (tmpfs of `megabytes`) mounted on a fresh directory; `fill` uses up its space. */
export function mountSmallDisk(parent: string, megabytes: number) {
  const dir = fs.mkdtempSync(path.join(parent, 'disk-'));
  execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${megabytes}m,mode=0700`, 'tmpfs', dir]);
  const filler = path.join(dir, 'filler');
  return {
    dir,
    /** Write a filler file until the filesystem reports ENOSPC: the disk is full. */
    fill(): number {
      const fd = fs.openSync(filler, 'a');
      const chunk = Buffer.alloc(64 * 1024, 1);
      let written = 0;
      try {
        for (;;) written += fs.writeSync(fd, chunk);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'ENOSPC') throw error;
        // The last partial chunk: write byte-sized pieces until nothing fits.
        const byte = Buffer.alloc(512, 1);
        try {
          for (;;) written += fs.writeSync(fd, byte);
        } catch {
          // full
        }
      } finally {
        fs.closeSync(fd);
      }
      return written;
    },
    /** Give the space back. */
    free(): void {
      fs.rmSync(filler, { force: true });
    },
    readOnly(): void {
      execFileSync('mount', ['-o', 'remount,ro', dir]);
    },
    unmount(): void {
      try {
        execFileSync('umount', ['-l', dir]);
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}

/** CPU seconds (user + system) a process has used so far, from /proc. */
export function cpuSeconds(pid: number): number {
  const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  // Fields 14 and 15 of stat (utime, stime) are at 11 and 12 after the command name.
  return (Number(fields[11]) + Number(fields[12])) / 100;
}
