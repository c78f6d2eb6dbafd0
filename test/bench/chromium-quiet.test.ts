import { spawn } from 'node:child_process';
import fs from 'node:fs';
import { chromiumQuiet } from '../../src/bench/bench-chromium';

// The console bench navigates a new tab only once Chromium's processes (this process's descendants) are quiet.
const describeOnLinux = fs.existsSync('/proc/self/stat') ? describe : describe.skip;

describeOnLinux('chromiumQuiet', () => {
  it('waits while a process started by this one is using the CPU, and returns once it has stopped', async () => {
    // A child that keeps a CPU busy for 400 ms of wall time, then exits.
    const child = spawn(process.execPath, ['-e', 'const end = Date.now() + 400; while (Date.now() < end);']);
    const exited = new Promise<void>((done) => child.on('exit', () => done()));
    let childDone = false;
    void exited.then(() => { childDone = true; });
    await new Promise((done) => child.on('spawn', done));
    await chromiumQuiet(10_000);
    expect(childDone).toBe(true);
    await exited;
  });
});
