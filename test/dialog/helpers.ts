import type { DialogDefinition } from '../../src/dialog/schema';
import { continueDialog, type DialogTurn } from '../../src/dialog/runner';

/** Answer each question from `answers` (by slot id) until the dialog stops asking; returns the asked slot ids too. */
export function walk(def: DialogDefinition, first: DialogTurn, answers: Record<string, string>): { turn: DialogTurn; asked: string[] } {
  let turn = first;
  const asked: string[] = [];
  for (let i = 0; i < 40 && turn.outcome === 'ask'; i++) {
    const slot = turn.question!.slot;
    asked.push(slot);
    const answer = answers[slot];
    if (answer === undefined) throw new Error(`No answer scripted for slot "${slot}" of ${def.id}`);
    turn = continueDialog(def, turn.state, { text: answer });
  }
  return { turn, asked };
}
