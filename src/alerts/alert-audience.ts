import type { Audience } from '../broadcast/broadcast-types';
import type { NormalAlert } from './alert-batch';
import { alertCategory, alertKeywords, type AlertRule } from './alert-rules';

/**
 * Who a rule's broadcast reaches for an alert, or null when the rule broadcasts nothing or the alert lacks
 * what it needs (an office rule without the office label: better nobody than everybody).
 */
export function alertAudience(rule: AlertRule, alert: NormalAlert): Audience | null {
  const { by, channels, slackChannels } = rule.broadcast;
  const base: Audience = { channels, categories: [], slackChannels };
  switch (by) {
    case 'none':
      return null;
    case 'everyone':
      return base;
    case 'category':
      return { ...base, categories: [alertCategory(rule, alert)] };
    case 'service': {
      const words = alertKeywords(rule, alert).filter((w) => w.length >= 2 && w.length <= 100).slice(0, 10);
      return words.length ? { ...base, services: words } : null;
    }
    case 'office': {
      const office = (alert.labels[rule.officeLabel] ?? '').trim();
      return office ? { ...base, offices: office.split(/\s*,\s*/).filter(Boolean).slice(0, 10) } : null;
    }
  }
}
