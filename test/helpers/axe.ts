import fs from 'node:fs';
import type { Frame, Page } from 'playwright-core';

let source: string | null = null;

type AxeResult = { id: string; impact: string | null; help: string; nodes: { target: unknown[]; failureSummary?: string }[] };

/**
 * Run axe-core in the page (injected from node_modules) and return its serious and critical violations,
 * one line each with the rule, its help text and the first elements it names. Tests expect `[]`. A frame (a Teams tab) works too.
 */
export async function seriousA11yViolations(page: Page | Frame): Promise<string[]> {
  // Evaluated through the DevTools protocol: the pages' CSP (scripts from this origin only) would block a script tag.
  source ??= fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(source);
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(context: Document, options: unknown): Promise<{ violations: unknown[] }> } }).axe;
    return (await axe.run(document, { resultTypes: ['violations'] })).violations;
  }) as AxeResult[];
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.impact} ${v.id}: ${v.help} (${v.nodes.slice(0, 3).map((n) => JSON.stringify(n.target)).join(', ')})`);
}
