import { assetTag } from '../http/body';
import { CONSOLE_PAGE } from './console.page';
import { CONSOLE_SCRIPT } from './console.script';

/** The script's address with its version: a new build is a new address, so browsers may keep each one for good. */
export const CONSOLE_SCRIPT_URL = `/console/console.js?v=${assetTag(CONSOLE_SCRIPT).slice(1, 13)}`;

const SCRIPT_TAG = '<script src="/console/console.js"></script>';
const [BEFORE, AFTER] = CONSOLE_PAGE.split(SCRIPT_TAG);
if (AFTER === undefined) throw new Error('the console page lost its script tag');

/** What the console page carries so its first view needs no request: the session (as GET /console/api/me) and the queue's first page. */
export type ConsoleBoot = { me: unknown; queue: unknown | null };

/**
 * The console page for a signed-in agent, with the session and the queue's page (as GET /console/api/queue
 * answers it for the address's filters) in a JSON data block: the rows are on screen without a round trip.
 * A data block is not run (the CSP's script-src does not apply); `<` is escaped so no text can end it.
 */
export function consoleBootPage(boot: ConsoleBoot): string {
  const data = JSON.stringify(boot).replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
  return `${BEFORE}<script type="application/json" id="boot">${data}</script>\n<script src="${CONSOLE_SCRIPT_URL}"></script>${AFTER}`;
}
