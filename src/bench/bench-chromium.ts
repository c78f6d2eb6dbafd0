import fs from 'node:fs';
import type { Browser, Page } from 'playwright-core';

/** A signed-in console page in headless Chromium (1366x768), or why Chromium cannot run here. */
export type ConsolePage = { browser: Browser; page: Page } | { skipped: string };

/**
 * Open Debian's Chromium (or CHROMIUM_PATH) through playwright-core with the console's session cookie set.
 * Benches that measure the screen call this; a machine without the development dependency reports a skip.
 */
export async function openConsolePage(url: string, cookie: string): Promise<ConsolePage> {
  let chromium: typeof import('playwright-core').chromium;
  try {
    chromium = (await import('playwright-core')).chromium;
  } catch {
    return { skipped: 'playwright-core is not installed (a development dependency)' };
  }
  const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  if (!fs.existsSync(executablePath)) return { skipped: `no Chromium at ${executablePath}` };
  const browser = await chromium.launch({ executablePath, headless: true, args: ['--no-sandbox', '--disable-gpu', '--no-first-run'] });
  const context = await browser.newContext({ viewport: { width: 1366, height: 768 } });
  const [name, value] = cookie.split('=');
  await context.addCookies([{ name, value, url }]);
  return { browser, page: await context.newPage() };
}

/**
 * Wait until Chromium (the processes started under this one) has been quiet for 200 ms: under 20 ms of CPU in each of
 * two 100 ms windows, at most `maxMs`. A new tab of headless Chromium is a new browser window, and the window's own
 * omnibox popup (a chrome:// WebUI page in its own renderer) loads in the next ~300 ms, using most of a CPU: a view
 * navigated at once shared the 2 CPUs with it (~270 ms of renderer CPU in the 300 ms after navigation start). An agent
 * opens the console in a window that is already there; waiting for Chromium to settle times the console alone.
 * Off Linux (no /proc) it waits `maxMs` / 10.
 */
export async function chromiumQuiet(maxMs = 3_000): Promise<void> {
  const sleep = (ms: number) => new Promise<void>((done) => setTimeout(done, ms));
  if (childrenCpuMs() === null) return sleep(maxMs / 10);
  const end = Date.now() + maxMs;
  let quiet = 0;
  for (let last = childrenCpuMs() ?? 0; quiet < 2 && Date.now() < end;) {
    await sleep(100);
    const now = childrenCpuMs() ?? 0;
    quiet = now - last < 20 ? quiet + 1 : 0;
    last = now;
  }
}

/** CPU time (ms, user and system) of the processes descended from this one, from /proc; null where there is no /proc. */
function childrenCpuMs(): number | null {
  let pids: string[];
  try {
    pids = fs.readdirSync('/proc').filter((name) => /^\d+$/.test(name));
  } catch {
    return null;
  }
  const parent = new Map<number, number>();
  const cpu = new Map<number, number>();
  for (const pid of pids) {
    try {
      const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
      // Fields after the command name (which may hold spaces): state, ppid, ... utime (14th field), stime (15th).
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      parent.set(Number(pid), Number(fields[1]));
      cpu.set(Number(pid), (Number(fields[11]) + Number(fields[12])) * 10);
    } catch {
      // The process ended meanwhile.
    }
  }
  const mine = new Set([process.pid]);
  let total = 0;
  for (let grew = true; grew;) {
    grew = false;
    for (const [pid, ppid] of parent) {
      if (mine.has(pid) || !mine.has(ppid)) continue;
      mine.add(pid);
      total += cpu.get(pid) ?? 0;
      grew = true;
    }
  }
  return total;
}
