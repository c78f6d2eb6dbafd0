import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { ROOT } from '../helpers/server-process';
import { tempDir } from '../helpers/test-app';

/**
 * `.ci/pretest.sh` (npm's pretest) on a machine where dovecot, chromium and unzip are not on PATH: stand-ins
 * for `id` and `apt-get` record what it does, as root and as a normal user.
 */
function runPretest(uid: string) {
  const tmp = tempDir();
  const bin = path.join(tmp.dir, 'bin');
  fs.mkdirSync(bin);
  const calls = path.join(tmp.dir, 'apt-calls');
  const stub = (name: string, body: string) => fs.writeFileSync(path.join(bin, name), `#!/bin/sh\n${body}\n`, { mode: 0o755 });
  stub('id', `echo ${uid}`);
  stub('apt-get', `echo "$@" >> ${calls}`);
  stub('service', 'exit 0');
  // Only the shell tools the scripts use; no dovecot, chromium or unzip.
  for (const tool of ['sh', 'dirname', 'head', 'echo']) {
    const real = spawnSync('sh', ['-c', `command -v ${tool}`], { encoding: 'utf8' }).stdout.trim();
    if (real.startsWith('/')) fs.symlinkSync(real, path.join(bin, tool));
  }
  const result = spawnSync('/bin/sh', [path.join(ROOT, '.ci', 'pretest.sh')], { env: { PATH: bin }, encoding: 'utf8' });
  const apt = fs.existsSync(calls) ? fs.readFileSync(calls, 'utf8') : '';
  tmp.cleanup();
  return { code: result.status, stdout: result.stdout, stderr: result.stderr, apt };
}

describe('npm pretest installs what the tests need on a fresh machine', () => {
  test('as root, missing packages are installed with apt-get', () => {
    const result = runPretest('0');
    expect(result.apt).toMatch(/install .*dovecot-imapd dovecot-lmtpd postfix chromium/);
    expect(result.stdout).toContain('installing the system packages the tests need');
  });

  test('not root: nothing installed, the missing packages and the command to run are printed, npm test stops', () => {
    const result = runPretest('1000');
    expect(result.code).toBe(1);
    expect(result.apt).toBe('');
    expect(result.stderr).toContain('missing here: dovecot-imapd dovecot-lmtpd postfix chromium');
    expect(result.stderr).toContain('sh .ci/install-system.sh');
  });

  test('package.json runs it before the tests', () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
    expect(pkg.scripts.pretest).toBe('sh .ci/pretest.sh');
  });
});
