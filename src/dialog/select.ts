import { withoutWorkingParts } from '../understand/working-parts';
import { withoutMailFrame } from '../understand/mail-frame';
import { withoutTriedClauses } from '../understand/tried-steps';
import type { Category, TicketType } from '../types/ticket';
import type { DialogDefinition } from './schema';

/** The id of the fallback dialog for incidents (and questions) and for service requests. */
export const GENERAL_INCIDENT_ID = 'general-incident';
/** The id of the fallback dialog for service requests. */
export const SERVICE_REQUEST_ID = 'service-request';

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** How many of a dialog's trigger keywords occur in the text (English as words, Chinese as substrings). */
export function triggerScore(def: DialogDefinition, text: string): number {
  const lower = text.toLowerCase();
  const en = (def.triggers?.en ?? []).filter((k) => new RegExp(`(^|[^a-z0-9])${escape(k.toLowerCase())}($|[^a-z0-9])`).test(lower));
  const zh = (def.triggers?.zh ?? []).filter((k) => lower.includes(k.toLowerCase()));
  // A keyword listed in both languages ("vpn") counts once.
  return new Set([...en, ...zh].map((k) => k.toLowerCase())).size;
}

/**
 * Pick the dialog for a message: the category-specific one whose triggers match best (security wins
 * ties: it is the urgent path), else one for the classifier's category, else the general intake.
 * An incident dialog is never picked for a service request, however many keywords match: "I need a
 * new monitor" or "give me send-as on the shared mailbox" is a request, and "what exactly happens?" would read oddly.
 * A request-type dialog (restore, onboarding) is a specific procedure: it needs its own keywords,
 * the category alone ("I need access to the Finance share" is data) does not pick it.
 */
export function selectDialog(defs: DialogDefinition[], said: string, category?: Category, type?: TicketType): DialogDefinition {
  // The disclaimer under a mail ("本邮件及其附件…") names no topic, nor do the steps already tried ("重新登录过公司账号"),
  // nor what still works ("Internet + email fine").
  const text = withoutWorkingParts(withoutTriedClauses(withoutMailFrame(said)));
  const general = defs.find((d) => d.id === GENERAL_INCIDENT_ID);
  const request = defs.find((d) => d.id === SERVICE_REQUEST_ID);
  if (!general || !request) throw new Error(`Dialogs "${GENERAL_INCIDENT_ID}" and "${SERVICE_REQUEST_ID}" must be registered`);
  const specific = defs.filter((d) => d !== general && d !== request);
  const scored = specific
    .map((d) => {
      const sameCategory = d.category !== undefined && d.category === category;
      // The classifier calling it a security matter outweighs one keyword of another dialog ("...asked for my password").
      const categoryBonus = sameCategory ? (d.urgentPath ? 1 : 0.5) : 0;
      // Only incident dialogs are held back for requests; restore and onboarding keywords are specific enough either way.
      const typeFit = d.type && d.type === type ? 0.1 : 0;
      return { d, sameCategory, score: triggerScore(d, text) + categoryBonus + typeFit };
    })
    // An incident's questions ("since when?", "what fails?") do not fit a request, however many keywords match.
    .filter((x) => !(type === 'service_request' && x.d.type === 'incident' && !x.d.urgentPath))
    // Nor a request procedure that a fault only mentions (requestsOnly: a new hire's set-up); a restore fits either.
    .filter((x) => !(type === 'incident' && x.d.requestsOnly))
    // The security questions only for what was read as a security matter: "没保存的东西都丢了" (unsaved work lost) is no lost device.
    .filter((x) => !(x.d.urgentPath && category !== undefined && !x.sameCategory))
    .filter((x) => x.score >= 1 || (x.sameCategory && x.d.type !== 'service_request' && (!x.d.type || !type || x.d.type === type)))
    .map((x) => ({ ...x, score: x.score + (x.d.urgentPath && x.score >= 1 ? 0.3 : 0) }))
    .sort((a, b) => b.score - a.score);
  if (scored.length > 0) return scored[0].d;
  return type === 'service_request' ? request : general;
}
