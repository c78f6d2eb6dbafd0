import type { DialogDefinition } from '../../dialog/schema';
import type { User } from '../../store/store';
import type { UserProfile } from '../../types/conversation';
import type { TurnDecision } from '../turn-types';

/**
 * What the user told the bot about themselves (answers to dialog slots marked `profile`: name, e-mail,
 * department) that their user record lacks, so agents see the requester by name. Known fields are kept:
 * a directory's or platform's profile is not overwritten by a typed answer.
 */
export function answeredProfile(dialogs: readonly DialogDefinition[], slots: Record<string, string>, user: User): UserProfile | undefined {
  const profile: UserProfile = {};
  for (const slot of dialogs.flatMap((d) => d.slots)) {
    const value = slots[slot.id]?.trim();
    if (!value || !slot.profile) continue;
    if (slot.profile === 'name' && !user.name) profile.name = value.slice(0, 200);
    if (slot.profile === 'email' && !user.email && /^[^\s@]+@[^\s@]+$/.test(value)) profile.email = value.slice(0, 320);
    if (slot.profile === 'department' && !user.department) profile.department = value.slice(0, 200);
  }
  return Object.keys(profile).length ? profile : undefined;
}

/** The decision with `userProfile` set from the answers it writes onto a ticket (opened or completed). */
export function withAnsweredProfile(decision: TurnDecision, user: User, dialogs: readonly DialogDefinition[]): TurnDecision {
  const slots: Record<string, string> = {};
  for (const change of decision.tickets) {
    if (change.kind === 'open') Object.assign(slots, change.draft.slots);
    if (change.kind === 'update' && change.fields.slots) Object.assign(slots, change.fields.slots);
  }
  const userProfile = Object.keys(slots).length ? answeredProfile(dialogs, slots, user) : undefined;
  return userProfile ? { ...decision, userProfile } : decision;
}
