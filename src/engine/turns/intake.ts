import { continueDialogFromForm, buildEmailForm } from '../../dialog/email-form';
import { renderQuestion } from '../../dialog/render';
import { continueDialog, startDialog, type DialogTurn } from '../../dialog/runner';
import { DialogState } from '../../dialog/schema';
import { parseYesNo } from '../../dialog/slot-types';
import { buildKbOffer } from '../../kb/offer-message';
import type { OutboundMessage } from '../../types/conversation';
import { categoryLabel, say } from '../messages';
import { Category } from '../../types/ticket';
import type { Intake } from '../state';
import { reply, textMessage, type Draft, type TurnContext, type TurnDecision, type TurnDeps } from '../turn-types';
import { describeStatus } from './status';
import { openTicketTurn } from './open-ticket';

/**
 * A new problem: offer knowledge-base articles when they look like the answer (never for security
 * incidents or P1 outages, where reading is the wrong advice), otherwise start the structured questions.
 */
export function startIntakeTurn(ctx: TurnContext, draft: Draft, description: string, deps: TurnDeps): TurnDecision {
  const assessment = deps.assess(description);
  const intake: Intake = { description, assessment, kbTried: [] };
  const urgent = assessment.category === 'security' || assessment.priority === 'P1';
  const hits = urgent ? [] : deps.kbSearch(description, draft.lang);
  if (hits.length === 0) return startDialogTurn(ctx, draft, intake, deps);
  const offer = buildKbOffer(hits, draft.lang);
  const kbTried = hits.map((h) => ({ id: h.id, helpful: null }));
  return reply({ ...draft, state: { ...draft.state, phase: 'kb_offer', intake: { ...intake, kbTried } } }, 'kb_offered', [offer]);
}

/** The answer to "Did this solve it?": yes logs a self-service resolution, anything else goes on to the questions. */
export function kbAnswerTurn(ctx: TurnContext, draft: Draft, intake: Intake, text: string, deps: TurnDeps): TurnDecision {
  const answer = ctx.message.action?.value ?? parseYesNo(text);
  if (answer === 'yes') {
    const kbTried = intake.kbTried.map((k) => ({ ...k, helpful: true }));
    const solved = openTicketTurn(ctx, draft, { ...intake, kbTried }, deps);
    const open = solved.tickets[0];
    if (open.kind === 'open') open.draft.status = 'closed';
    return {
      ...solved,
      state: { ...draft.state, phase: 'awaiting_description', intake: undefined, dialog: undefined },
      outcome: 'kb_solved',
      events: [...solved.events, { ticketId: 'new', actor: `user:${ctx.user.id}`, kind: 'self_service_resolved', data: { articles: intake.kbTried.map((k) => k.id) } }],
      outbound: [textMessage(say(draft.lang, 'kbSolved'))],
    };
  }
  const kbTried = intake.kbTried.map((k) => ({ ...k, helpful: false }));
  // Anything but yes/no is more detail about the same problem: keep it.
  const description = answer === 'no' || answer === undefined && text.length < 4 ? intake.description : `${intake.description}\n${text}`;
  const next = startDialogTurn(ctx, draft, { ...intake, description, kbTried }, deps);
  return { ...next, outbound: [textMessage(say(draft.lang, 'kbNotSolved')), ...next.outbound] };
}

function startDialogTurn(ctx: TurnContext, draft: Draft, intake: Intake, deps: TurnDeps): TurnDecision {
  const a = intake.assessment;
  const def = deps.dialogs.select(intake.description, intake.pickedCategory ?? a.category, a.type);
  // Unsure of the area and no dialog's keywords recognised it either: ask instead of guessing.
  if (a.categoryUncertain && !intake.pickedCategory && !def.category) return askCategoryTurn(draft, intake);
  const known = { name: ctx.user.name, email: ctx.user.email, department: ctx.user.department };
  const turn = startDialog(def, { text: intake.description, lang: draft.lang, known, estimate: { impact: a.impact, urgency: a.urgency } });
  return applyDialogTurn(ctx, draft, { ...intake, dialogId: def.id }, turn, deps);
}

function askCategoryTurn(draft: Draft, intake: Intake): TurnDecision {
  const choices = Category.options.map((value) => ({ value, label: categoryLabel(value, draft.lang) }));
  const state = { ...draft.state, phase: 'pick_category' as const, intake };
  return reply({ ...draft, state }, 'category_asked', [{ kind: 'choice', text: say(draft.lang, 'pickCategory'), choices }]);
}

/** The answer to "Which area is it about?": a button, the number or the name (English or Chinese). */
export function categoryAnswerTurn(ctx: TurnContext, draft: Draft, intake: Intake, deps: TurnDeps): TurnDecision {
  const answer = (ctx.message.action?.value ?? ctx.message.text).trim().toLowerCase();
  const picked = Category.options.find((c, i) => answer === c || answer === String(i + 1)
    || answer === categoryLabel(c, 'en') || answer === categoryLabel(c, 'zh'));
  if (!picked) return askCategoryTurn(draft, intake);
  return startDialogTurn(ctx, draft, { ...intake, pickedCategory: picked }, deps);
}

/** The user's next message inside a dialog (a mail reply answers the whole form at once). */
export function dialogTurn(ctx: TurnContext, draft: Draft, intake: Intake, deps: TurnDeps): TurnDecision {
  const def = deps.dialogs.get(intake.dialogId ?? '');
  const stored = DialogState.safeParse(draft.state.dialog);
  if (!def || !stored.success) return startDialogTurn(ctx, draft, intake, deps);
  // The dialog keeps its own language and follows the user only on a clear switch (runner.followLang):
  // the engine's guess would turn "PRN-3F-02" or an e-mail address into English mid-way through a Chinese dialog.
  const input = { text: ctx.message.text, action: ctx.message.action, lang: stored.data.lang };
  const turn = ctx.capabilities.forms ? continueDialogFromForm(def, stored.data, input) : continueDialog(def, stored.data, input);
  return applyDialogTurn(ctx, draft, intake, turn, deps);
}

function applyDialogTurn(ctx: TurnContext, draft: Draft, intake: Intake, turn: DialogTurn, deps: TurnDeps): TurnDecision {
  const lang = turn.state.lang;
  const next: Draft = { ...draft, lang, state: { ...draft.state, phase: 'dialog', intake, dialog: turn.state } };
  const understood = turn.understood;
  switch (turn.outcome) {
    case 'done':
      return openTicketTurn(ctx, next, intake, deps, turn.result);
    case 'human':
      return openTicketTurn(ctx, next, intake, deps, turn.result, turn.reason === 'max_retries' ? 'max_retries' : 'requested');
    case 'cancelled':
      return reply({ ...draft, lang, state: { ...draft.state, phase: 'awaiting_description', intake: undefined, dialog: undefined } }, 'cancelled', [textMessage(say(lang, 'cancelled'))]);
    case 'command': {
      const status = describeStatus(ctx, lang, turn.command?.kind === 'status' ? turn.command.ticketNumber : undefined);
      return reply(next, 'status', [textMessage(status), ...question(ctx, next, turn, deps)]);
    }
    case 'restart':
      return reply(next, 'dialog_restarted', [textMessage(say(lang, 'restarted')), ...question(ctx, next, turn, deps)]);
    case 'ask':
      return reply(next, 'dialog_asked', question(ctx, next, turn, deps, understood));
  }
}

function question(ctx: TurnContext, draft: Draft, turn: DialogTurn, deps: TurnDeps, preface?: string): OutboundMessage[] {
  if (!turn.question) return [];
  const def = deps.dialogs.get(turn.state.dialogId);
  // Mail: every missing question in one message, answered in one reply.
  if (ctx.capabilities.forms && def) return [buildEmailForm(def, turn.state, draft.lang, preface)];
  return [renderQuestion(turn.question, draft.lang, ctx.capabilities, preface)];
}
