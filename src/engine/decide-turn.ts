import { parseCommand as parseDialogCommand, type DialogCommand } from '../dialog/commands';
import { detectLang, hasLanguageSignal } from '../lang';
import { prependActiveBroadcasts } from '../broadcast/broadcast-notice';
import { parseCommand } from './commands';
import { say } from './messages';
import { oneMessagePerTurn } from './one-message';
import { readState, type Intake } from './state';
import { confirmationTurn, csatTurn, reopenTurn } from './turns/after-resolve';
import { saysItCameBack } from '../understand/act';
import { categoryAnswerTurn, dialogTurn, startIntakeTurn, withdrawTurn } from './turns/intake';
import { kbAnswerTurn } from './turns/kb-answer';
import { escalateTicketTurn, openTicketTurn } from './turns/open-ticket';
import { formOf, formTicketTurn } from './turns/form-ticket';
import { describeStatus } from './turns/status';
import { askAboutThingTurn, clarifyAgainTurn, clarifyTurn, topicTurn } from './turns/opener';
import { csatCommentTurn, reportsProblem, type Rated } from './turns/after-resolve';
import { understand, type Understanding } from '../understand';
import { soundsFedUp } from '../understand/frustration';
import { waitingNote } from './turns/waiting';
import { asksQuestion, noticeSentencesAnswering, noticesAbout } from './turns/notice-answer';
import { actedAnswer, securityQuestionAnswer, workaroundAnswer } from './turns/asides';
import { fileAloneTurn, withAttachments } from './turns/attachments';
import type { Priority, Ticket } from '../types/ticket';
import type { Lang, OutboundMessage } from '../types/conversation';
import type { TicketChange } from '../store/store';
import { priorityRank } from '../tickets/priority';
import { reply, textMessage, type Draft, type TurnContext, type TurnDecision, type TurnDeps } from './turn-types';

export type { Assessment, TurnContext, TurnDecision, TurnDeps } from './turn-types';

/** A ticket opened for someone fed up with the problem ("third time this month", "怎么又坏了"): heard first, then the ticket. */
function withFedUpHeard(ctx: TurnContext, decision: TurnDecision): TurnDecision {
  if (!decision.tickets.some((t) => t.kind === 'open') || !soundsFedUp(ctx.message.text)) return decision;
  return { ...decision, outbound: [textMessage(say(decision.lang, 'fedUp')), ...decision.outbound] };
}

/** Decide one turn. Pure: the same context and deps give the same decision. */
export function decideTurn(ctx: TurnContext, deps: TurnDeps): TurnDecision {
  // A conversation's first answer carries the notices in force ("Mail is down in Shanghai, we are on it").
  const decided = withFedUpHeard(ctx, withAttachments(ctx, decideCore(ctx, deps)));
  // "Added as well" only right after another comment: anything else in between starts the count again.
  const counted = decided.outcome === 'comment' || decided.state.comments === undefined ? decided : { ...decided, state: { ...decided.state, comments: undefined } };
  const decision = prependActiveBroadcasts(counted, ctx.activeBroadcasts, readState(ctx.conversation.state).phase);
  // Mail: one mail per turn, not "Sorry it didn't help" alone and then the form.
  return ctx.capabilities.forms ? { ...decision, outbound: oneMessagePerTurn(decision.outbound) } : decision;
}

function decideCore(ctx: TurnContext, deps: TurnDeps): TurnDecision {
  const text = ctx.message.text.trim();
  const state = readState(ctx.conversation.state);
  // The one reading of this message every phase uses. A conversation's language sticks once it has one.
  const known = state.phase !== 'new' || ctx.conversation.state.langSet === true;
  const u = understand(text, { conversationLang: known ? ctx.conversation.lang : undefined, now: deps.now, timeZone: deps.timeZone ?? 'UTC' });
  // Without a signal in the text (an empty message, emoji only): the profile's language (Feishu's or WeCom's
  // Chinese default, a locale), else a Chinese display name.
  const lang = known || hasLanguageSignal(text) ? u.lang : ctx.user.lang ?? (/[\u3400-\u9fff]/.test(ctx.user.name ?? '') ? 'zh' : ctx.conversation.lang);
  // What a rating is for lives only while the rating is asked: a ticket's rating later is the ticket's.
  const draft: Draft = { state: state.phase === 'awaiting_csat' || state.phase === 'csat_comment' ? state : { ...state, rating: undefined }, lang, mode: ctx.conversation.mode };
  const command = parseDialogCommand(text);
  const { phase, intake } = draft.state;
  // A submitted new-ticket form (Slack modal, Teams task module) is a ticket whatever the chat was doing.
  const form = formOf(ctx.message);
  if (form) return formTicketTurn(ctx, draft, form, deps);
  // A screenshot without words: kept, acknowledged, and the words still needed asked for.
  const fileAlone = fileAloneTurn(ctx, draft);
  if (fileAlone) return fileAlone;
  const ticket = ctx.currentTicket;
  // "Should I forward the link to warn people?" / "delete the chat?" or "a colleague opened the attachment" on a
  // security ticket, or "the deck is in onedrive" while the laptop is dead: answered at once, then the questions
  // or the article go on.
  const acted = ticket && ctx.conversation.mode === 'bot' ? actedAnswer(ticket, text, lang) : undefined;
  const aside = ticket && ctx.conversation.mode === 'bot' ? securityQuestionAnswer(ticket, text, lang) ?? acted ?? workaroundAnswer(ticket, text, lang) : undefined;
  const goOn = phase === 'dialog' && intake ? () => dialogTurn(ctx, draft, intake, deps, u)
    : phase === 'kb_offer' && intake ? () => kbAnswerTurn(ctx, draft, intake, text, deps, u) : null;
  // Someone acted on the lure: a computer may be infected now, so the ticket is at least P2.
  if (aside && ticket) return asideTurn(ctx, draft, ticket, aside, goOn, aside === acted ? raisedTo(ticket, 'P2', lang, deps) : undefined);
  // Inside a dialog the runner answers status itself and then asks its pending question again.
  if (phase === 'dialog' && intake && ctx.conversation.mode === 'bot') return dialogTurn(ctx, draft, intake, deps, u);
  if (command?.kind === 'status') {
    const status = describeStatus(ctx, lang, command.ticketNumber, deps, state.lastStatus);
    const answered = reply({ ...draft, state: { ...state, lastStatus: status.described } }, 'status', [textMessage(status.text)]);
    // While an agent owns the conversation they see the question too (the bot answers it meanwhile);
    // a person asking a third time with nothing new is chasing, and the ticket's owner hears of it.
    if ((ctx.conversation.mode !== 'agent' && !status.chased) || !ticket) return answered;
    const data = { text: ctx.message.text, ...(status.chased ? { chased: true } : {}) };
    return { ...answered, events: [{ ticketId: ticket.id, actor: `user:${ctx.user.id}`, kind: 'user_message', data }] };
  }
  // While an agent owns the conversation the bot is silent: the message reaches the agent through the ticket.
  if (ctx.conversation.mode === 'agent' && ticket) return relayToAgent(ctx, draft, ticket.id);
  if ((phase === 'kb_offer' || phase === 'pick_category') && intake) {
    const ended = endIntakeTurn(ctx, draft, intake, command, deps);
    if (ended) return ended;
    return phase === 'kb_offer' ? kbAnswerTurn(ctx, draft, intake, text, deps, u) : categoryAnswerTurn(ctx, draft, intake, deps);
  }
  if (phase === 'awaiting_confirmation' && ticket) return confirmationTurn(ctx, draft, ticket, deps, u, (next, description) => startIntakeTurn(ctx, next, description, deps));
  // What the rating question is about: an answered question without a ticket, or the conversation's ticket.
  const rated: Rated | null = draft.state.rating === 'kb_answer' ? { kbAnswer: true } : ticket ? { ticket } : null;
  // "ugh its back" after the closing or the rating: the same fault came back, so the same ticket reopens.
  if ((phase === 'awaiting_csat' || phase === 'csat_comment') && rated && 'ticket' in rated && !ctx.message.action && saysItCameBack(text)) return reopenTurn(ctx, draft, rated.ticket);
  if (phase === 'awaiting_csat' && rated) {
    const rating = csatTurn(ctx, draft, rated);
    if (rating) return rating;
    // "yes it's fixed, thanks" after the rating question is not a new problem.
    if (isPleasantry(u, text)) return reply({ ...draft, state: { ...draft.state, phase: 'csat_comment' } }, 'csat_nudged', [textMessage(say(lang, 'csatNudge'))]);
    draft.state = { ...draft.state, phase: 'awaiting_description', rating: undefined };
  }
  // A comment right after the rating belongs to the rating, unless it reports something new.
  if (phase === 'csat_comment' && rated && !reportsProblem(text)) return csatCommentTurn(ctx, draft, rated);
  if (phase === 'csat_comment') draft.state = { ...draft.state, phase: 'awaiting_description', rating: undefined };
  if (phase === 'awaiting_topic' && command?.kind !== 'cancel') return topicTurn(ctx, draft, deps, text, u);
  if (phase === 'clarify' && (u.vague || !hasLanguageSignal(text) || (u.polarity === 'yes' && text.length <= 40) || command?.kind === 'human') && command?.kind !== 'cancel') return clarifyAgainTurn(ctx, draft, deps, text, u);
  const chat = parseCommand(text);
  const opener = draft.state.phase === 'new' || draft.state.phase === 'awaiting_description' || draft.state.phase === 'clarify';
  // "help" / "帮帮我" / "it doesn't work" / emoji only: one open question with examples.
  if (opener && text !== '' && !ctx.message.action && (u.vague || !hasLanguageSignal(text)) && command?.kind !== 'human') return clarifyTurn(draft, text);
  // "电脑" / "the printer" alone: ask what happens with it, keeping what was said.
  if (opener && u.bareThing && !ctx.message.action && !command) return askAboutThingTurn(draft, text, u.bareThing);
  if (chat?.kind === 'help') return reply(draft, 'help', [textMessage(say(lang, 'help'))]);
  if (chat?.kind === 'new') return reply({ ...draft, state: { ...draft.state, phase: 'awaiting_description' } }, 'new', [textMessage(say(lang, 'newProblem'))]);
  if (chat?.kind === 'greeting' || text === '') return greetTurn(ctx, draft);
  const openTicket = ticket && (phase === 'ticket_open' || phase === 'escalated') ? ticket : null;
  // "Thanks!" / "好的谢谢" with nothing else: a short answer, not a ticket.
  if (isPleasantry(u, text)) return reply(draft, 'welcome', [textMessage(say(lang, 'welcome'))]);
  if (command?.kind === 'human' && !openTicket) {
    // "I want to talk to a human: the VPN fails with 809" names the topic already; otherwise ask for it in one line.
    const topic = u.details ?? text.replace(HUMAN_LEAD, '').trim();
    const about = topic && topic !== text && hasLanguageSignal(topic) ? understand(topic, { conversationLang: lang, now: deps.now, timeZone: deps.timeZone ?? 'UTC' }) : undefined;
    // "agent pls" / "human now!!" name no topic: the filler after the request is not one.
    if (about && !about.vague) return topicTurn(ctx, draft, deps, topic, about);
    return reply({ ...draft, state: { ...draft.state, phase: 'awaiting_topic' } }, 'topic_asked', [textMessage(say(lang, 'askTopic'))]);
  }
  if (command?.kind === 'human') return humanTurn(ctx, draft, deps, openTicket, text);
  if (command) return reply(draft, 'nothing_to_cancel', [textMessage(say(lang, command.kind === 'cancel' ? 'nothingToCancel' : 'askDescription'))]);
  if (openTicket) return followUpTurn(ctx, draft, openTicket, phase === 'escalated', deps);
  // After the open question, the answer completes what the vague opener said ("不好用了" + "电脑").
  // Only what says something is kept ("电脑" yes, "帮帮我" no).
  const said = phase === 'clarify' ? (draft.state.pending ?? '').split('\n').filter((line) => hasLanguageSignal(line) && !understand(line, { now: deps.now, timeZone: deps.timeZone ?? 'UTC' }).vague) : [];
  const description = [...said, text].join('\n');
  return startIntakeTurn(ctx, { ...draft, state: { ...draft.state, clarified: undefined, pending: undefined } }, description, deps);
}

/**
 * "Talk to a human" or "cancel" instead of the answer an intake waits for (articles offered, area asked):
 * the person wants a person (articles shown count as not helpful), or nothing is logged.
 */
function endIntakeTurn(ctx: TurnContext, draft: Draft, intake: Intake, command: DialogCommand | undefined, deps: TurnDeps): TurnDecision | null {
  const logged = intake.logged && ctx.currentTicket ? ctx.currentTicket : null;
  const kbTried = intake.kbTried.map((k) => ({ ...k, helpful: k.helpful ?? false }));
  if (command?.kind === 'human' && logged) {
    const done = { ...draft, state: { ...draft.state, intake: undefined, dialog: undefined } };
    const escalated = escalateTicketTurn(ctx, done, { ...logged, kbArticles: kbTried }, deps, 'requested');
    return { ...escalated, tickets: [{ kind: 'update', ticketId: logged.id, fields: { kbArticles: kbTried } }, ...escalated.tickets] };
  }
  if (command?.kind === 'human') return openTicketTurn(ctx, draft, { ...intake, kbTried }, deps, undefined, 'requested');
  if (command?.kind !== 'cancel') return null;
  if (logged) return withdrawTurn(ctx, draft, logged, deps);
  return reply({ ...draft, state: { ...draft.state, phase: 'awaiting_description', intake: undefined } }, 'cancelled', [textMessage(say(draft.lang, 'cancelled'))]);
}

// The words that ask for a person, up to where the topic starts.
const HUMAN_LEAD = /^.*?\b(?:call|ring|phone) me\b[\s:：,，.。!！?？-]*|^.*?(?:打(?:个)?电话|回(?:个)?电话|来电|联系我)(?:吗|吧|呗)?[\s:：,，.。!！?？-]*|^.*?\b(?:human|person|agent|someone|somebody|technician)\b[\s:：,，.。!！-]*|^.*?(?:转人工|人工客服|找真人|真人客服|人工|真人)[\s:：,，.。!！-]*/i;

/** Thanks, "fixed" or a plain yes with no problem in it. */
function isPleasantry(u: Understanding, text: string): boolean {
  const pleasant = u.act === 'thanks' || u.act === 'resolved' || (u.act === 'affirm' && text.length <= 30);
  return pleasant && !u.details && !reportsProblem(text) && !u.security;
}

function greetTurn(ctx: TurnContext, draft: Draft): TurnDecision {
  // Greeted already: ask for the problem instead of saying the same greeting again.
  if (draft.state.greeted) return reply(draft, 'description_asked', [textMessage(say(draft.lang, 'askDescription'))]);
  const first = ctx.user.name?.split(/\s+/)[0];
  const name = first ? (draft.lang === 'zh' ? `，${first}` : ` ${first}`) : '';
  // The greeting asks the open question: a reply that still says nothing ("😭😭😭") is offered a person next.
  const opening = draft.state.phase === 'new' || draft.state.phase === 'awaiting_description';
  const state = opening ? { ...draft.state, greeted: true, phase: 'clarify' as const, clarified: 1, pending: undefined } : { ...draft.state, greeted: true };
  return reply({ ...draft, state }, 'greeting', [textMessage(say(draft.lang, 'greeting', { name }))]);
}

/** "Talk to a human": escalate the open ticket, or log one from what the user said so far. */
function humanTurn(ctx: TurnContext, draft: Draft, deps: TurnDeps, ticket: TurnContext['currentTicket'], text: string): TurnDecision {
  if (ticket) return escalateTicketTurn(ctx, draft, ticket, deps, 'requested');
  return openTicketTurn(ctx, draft, { description: text, assessment: deps.assess(text), kbTried: [] }, deps, undefined, 'requested');
}

function followUpTurn(ctx: TurnContext, draft: Draft, ticket: Ticket, escalated: boolean, deps: TurnDeps): TurnDecision {
  const ticketId = ticket.id;
  const comments = (draft.state.comments ?? 0) + 1;
  const added = say(draft.lang, comments > 1 ? 'addedAgain' : 'addedToTicket', { ticket: ticket.number });
  // "Can I use Teams for now?" while a notice about the problem is out: the notice's answer first.
  const answer = asksQuestion(ctx.message.text) ? noticeSentencesAnswering(ctx.message.text, noticesAbout(ticket, ctx.activeBroadcasts, ctx.knownProblems ?? []), ticket) : [];
  const note = escalated ? waitingNote(ticket, draft.lang, deps) : added;
  const text = answer.length > 0 ? `${say(draft.lang, 'latestNotice', { text: answer.join(' ') })}\n${note}` : note;
  return {
    ...draft,
    state: { ...draft.state, comments },
    outcome: 'comment',
    tickets: [],
    events: [{ ticketId, actor: `user:${ctx.user.id}`, kind: 'user_comment', data: { text: ctx.message.text } }],
    outbound: [textMessage(text)],
  };
}

/** The answer to an aside, then the turn the dialog or the article offer would have had (its pending question stays asked). */
function asideTurn(ctx: TurnContext, draft: Draft, ticket: Ticket, answer: string, goOn: (() => TurnDecision) | null, raise?: Raise): TurnDecision {
  const raised = raise ? [raise.change] : [];
  const note = raise ? [raise.note] : [];
  if (goOn) {
    const next = goOn();
    return { ...next, tickets: [...raised, ...next.tickets], outbound: [textMessage(answer), ...note, ...next.outbound] };
  }
  const added = say(draft.lang, 'addedToTicket', { ticket: ticket.number });
  return {
    ...draft,
    outcome: 'comment',
    tickets: raised,
    events: [{ ticketId: ticket.id, actor: `user:${ctx.user.id}`, kind: 'user_comment', data: { text: ctx.message.text } }],
    outbound: [textMessage(`${answer}\n${added}`), ...note],
  };
}

type Raise = { change: TicketChange; note: OutboundMessage };

/** The ticket at `priority` (with its new due times, said to the person), unless it is there or higher already. */
function raisedTo(ticket: Ticket, priority: Priority, lang: Lang, deps: TurnDeps): Raise | undefined {
  if (priorityRank(ticket.priority) <= priorityRank(priority)) return undefined;
  const due = deps.dueTimes(priority, deps.now);
  return {
    change: { kind: 'update', ticketId: ticket.id, fields: { priority, urgency: 1, responseDueAt: due.responseDueAt, resolveDueAt: due.resolveDueAt } },
    note: textMessage(say(lang, 'priorityChanged', { ticket: ticket.number, priority, within: deps.responseTarget(priority, lang), dueAt: deps.formatTime(due.responseDueAt, lang) })),
  };
}

function relayToAgent(ctx: TurnContext, draft: Draft, ticketId: number): TurnDecision {
  return {
    ...draft,
    outcome: 'relayed',
    tickets: [],
    events: [{ ticketId, actor: `user:${ctx.user.id}`, kind: 'user_message', data: { text: ctx.message.text } }],
    outbound: [],
  };
}
