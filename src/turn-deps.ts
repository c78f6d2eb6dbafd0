import type { Config } from './config';
import type { TurnDeps } from './engine/decide-turn';
import type { Logger } from './log';
import type { Lang } from './types/conversation';

// TEMPORARY wiring until the classifier and SLA modules land (replaced in the same session).
/** Build the per-turn lookups from configuration. */
export async function createTurnDeps(config: Config, _log: Logger): Promise<(now: Date) => TurnDeps> {
  return (now) => ({
    now,
    classify: () => ({ category: 'other', type: 'incident', confidence: 0, impact: 3, urgency: 2, priority: 'P4' }),
    dueTimes: (_p, from) => ({ responseDueAt: new Date(from.getTime() + 8 * 3600e3).toISOString(), resolveDueAt: new Date(from.getTime() + 5 * 86400e3).toISOString() }),
    formatTime: (iso, lang: Lang) => formatTime(iso, config.TIME_ZONE, lang),
    describeDuration: (ms, lang) => (lang === 'zh' ? `${Math.round(ms / 3600e3)} 小时内` : `within ${Math.round(ms / 3600e3)} hours`),
  });
}

/** A due time as the user reads it, in the desk's time zone. */
export function formatTime(iso: string, timeZone: string, lang: Lang): string {
  return new Intl.DateTimeFormat(lang === 'zh' ? 'zh-CN' : 'en-GB', {
    timeZone, weekday: 'short', hour: '2-digit', minute: '2-digit', timeZoneName: 'short',
  }).format(new Date(iso));
}
