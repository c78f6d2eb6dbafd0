import { assessMessage } from './classify/classify-message';
import { loadOrTrainDefault } from './classify/ticket-classifier';
import type { Config } from './config';
import { createDialogRegistry, validateDialogs, type DialogEntry } from './dialog/registry';
import type { TurnDeps } from './engine/turn-types';
import { parseRouting } from './handoff/routing';
import { KnowledgeBase } from './kb/knowledge-base';
import { offerSearch } from './kb/offer-search';
import type { Logger } from './log';
import { formatTime } from './tickets/business-calendar';
import { describeTarget, computeDueTimes, DEFAULT_SLA_POLICY, SlaConfig } from './tickets/sla';
import type { Lang } from './types/conversation';

/** The long-lived parts a turn consults: classifier, knowledge base, dialogs, SLA and routing. */
export type Services = ReturnType<typeof createServices>;

/** SLA settings from the environment (targets per priority are the DESIGN.md defaults). */
export function slaConfigFrom(config: Config): SlaConfig {
  const [start, end] = config.BUSINESS_HOURS.split('-');
  const aroundTheClock = config.SLA_24X7_PRIORITIES.split(',').filter(Boolean);
  const policy = Object.fromEntries(Object.entries(DEFAULT_SLA_POLICY).map(([p, target]) => [p, { ...target, clock: aroundTheClock.includes(p) ? '24x7' : 'business' }]));
  return SlaConfig.parse({
    policy,
    calendar: {
      timeZone: config.TIME_ZONE,
      workingDays: config.WORKING_DAYS.split(',').map(Number),
      hours: { start, end },
      holidays: config.HOLIDAYS ? config.HOLIDAYS.split(',') : [],
    },
  });
}

/** Load everything once at start-up; a bad article, dialog or setting stops start-up with its name. */
export function createServices(config: Config, log: Logger, dialogEntries: DialogEntry[]) {
  const classifier = loadOrTrainDefault(config.CLASSIFIER_MODEL_PATH);
  const kb = KnowledgeBase.load(config.KB_DIR);
  const dialogs = createDialogRegistry(validateDialogs(dialogEntries));
  const sla = slaConfigFrom(config);
  const routing = parseRouting(config.ROUTING_GROUPS);
  const kbUrl = (id: string, lang: Lang) => `${config.PUBLIC_URL.replace(/\/$/, '')}/kb/${encodeURIComponent(id)}?lang=${lang}`;
  log.info({ articles: kb.articles.length, dialogs: dialogs.all.length }, 'services loaded');

  const turnDeps = (now: Date): TurnDeps => ({
    now,
    assess: (text) => {
      const assessment = assessMessage(classifier, text, now);
      return { ...assessment, categoryUncertain: assessment.confidence < classifier.threshold };
    },
    timeZone: config.TIME_ZONE,
    kbSearch: (text, lang) => offerSearch(kb, text, lang, kbUrl),
    dialogs,
    dueTimes: (priority, from) => computeDueTimes(priority, from, sla),
    routeGroup: (category) => routing[category],
    formatTime: (iso, lang) => formatTime(iso, config.TIME_ZONE, lang),
    responseTarget: (priority, lang) => describeTarget(sla.policy[priority], 'respond', lang),
  });
  return { classifier, kb, dialogs, sla, routing, turnDeps };
}

