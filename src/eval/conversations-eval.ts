import fs from 'node:fs';
import path from 'node:path';
import YAML from 'yaml';
import { checkScenario, type CheckResult } from './checks';
import { replayScenario, type ReplayOptions } from './replay';
import { Scenario } from './scenario';

/** One scenario's verdict. */
export type ScenarioVerdict = { id: string; lang: string; good: boolean; results: CheckResult[] };

/** good/total overall, by language and by check, plus the failures. */
export type ConversationFigures = {
  good: number; total: number; rate: number;
  byLang: Record<string, { good: number; total: number }>;
  byCheck: Record<string, { passed: number; total: number }>;
  failures: { id: string; failed: CheckResult[] }[];
};

/** Load every scenario file (*.yaml) under `dir`, sorted by path; a bad file stops with its name. */
export function loadScenarios(dir: string): Scenario[] {
  const files = fs.readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.yaml')).sort();
  return files.map((file) => {
    const parsed = Scenario.safeParse(YAML.parse(fs.readFileSync(path.join(dir, file), 'utf8')));
    if (!parsed.success) throw new Error(`${file}: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
    return parsed.data;
  });
}

/** Replay and judge every scenario; `onProgress` is called after each. */
export async function evaluateConversations(scenarios: Scenario[], options: ReplayOptions, onProgress?: (done: number, total: number) => void): Promise<ConversationFigures> {
  const verdicts: ScenarioVerdict[] = [];
  for (const scenario of scenarios) {
    const results = checkScenario(scenario, await replayScenario(scenario, options));
    verdicts.push({ id: scenario.id, lang: scenario.lang, good: results.every((r) => r.ok), results });
    onProgress?.(verdicts.length, scenarios.length);
  }
  return summarise(verdicts);
}

function summarise(verdicts: ScenarioVerdict[]): ConversationFigures {
  const byLang: ConversationFigures['byLang'] = {};
  const byCheck: ConversationFigures['byCheck'] = {};
  for (const v of verdicts) {
    const lang = (byLang[v.lang] ??= { good: 0, total: 0 });
    lang.total++;
    if (v.good) lang.good++;
    for (const r of v.results) {
      const check = (byCheck[r.check] ??= { passed: 0, total: 0 });
      check.total++;
      if (r.ok) check.passed++;
    }
  }
  const good = verdicts.filter((v) => v.good).length;
  return {
    good, total: verdicts.length, rate: verdicts.length ? Number((good / verdicts.length).toFixed(3)) : 0,
    byLang, byCheck,
    failures: verdicts.filter((v) => !v.good).map((v) => ({ id: v.id, failed: v.results.filter((r) => !r.ok) })),
  };
}
