import type { Understanding, UnderstandContext } from './types';
import { stickyLanguage } from './lang';
import { isHedge, readAct } from './act';
import { findTicketNumbers } from './status';
import { findSecurity } from './security';
import { isHowTo, isVague, namesOnly } from './intent';
import { findEntities } from './entities';
import { spellFixed } from './normalize';

export type { Act, SecurityKind, Understanding, UnderstandContext, Entities, DeviceKind, LocationKind, ScopeLevel, PersonRole } from './types';

/**
 * Understand one message: its language (sticky per conversation), its dialog act, the facts it names,
 * a security event, a how-to or a vague opener. Pure and linear in the text's length.
 */
export function understand(text: string, ctx: UnderstandContext): Understanding {
  const raw = typeof text === 'string' ? text : '';
  const lang = stickyLanguage(raw, ctx.conversationLang);
  const reading = readAct(raw);
  const fixed = spellFixed(raw.slice(0, 20_000));
  const security = findSecurity(fixed);
  // "not working" with nothing else is a vague opener as much as a "still broken".
  const contentAct = reading.act === undefined || reading.act === 'help' || reading.act === 'not_resolved';
  const entities = findEntities(raw, lang, ctx.now, ctx.timeZone);
  const thing = entities.device?.text ?? entities.application;
  return {
    lang,
    ...reading,
    ticketNumbers: findTicketNumbers(raw),
    ...(security ? { security } : {}),
    howTo: reading.act === undefined && !security && isHowTo(fixed),
    vague: contentAct && !security && isVague(fixed),
    hedged: !security && isHedge(raw),
    entities,
    ...(contentAct && !security && namesOnly(fixed, thing) ? { bareThing: thing } : {}),
  };
}
