import type { TurnContext } from '../engine/turn-types';

/** Who the channel says the person is, or why it cannot say it strongly enough for an account action. */
export type ChannelIdentity = { ok: true; email: string } | { ok: false; reason: 'webchat' | 'mail' | 'unknown' };

/**
 * Slack and Teams: the profile email the platform gives (its sign-in vouches for it). Mail: the sender,
 * but only when our receiving server's Authentication-Results says DMARC pass (a From line is trivially
 * forged). The web chat and the terminal have no sign-in: they never identify anyone.
 */
export function channelIdentity(ctx: Pick<TurnContext, 'conversation' | 'user' | 'message'>): ChannelIdentity {
  const channel = ctx.message.ref.channel;
  if (channel === 'slack' || channel === 'teams') return ctx.user.email ? { ok: true, email: ctx.user.email.toLowerCase() } : { ok: false, reason: 'unknown' };
  if (channel === 'email') {
    return ctx.message.ref.extra?.senderAuth === 'pass' ? { ok: true, email: ctx.user.platformUserId.toLowerCase() } : { ok: false, reason: 'mail' };
  }
  return { ok: false, reason: 'webchat' };
}

/** The email a person is known by on the channel, trusted or not (for lookups that only fill slots). */
export function claimedEmail(ctx: Pick<TurnContext, 'user' | 'message'>): string | undefined {
  const email = ctx.user.email ?? (ctx.message.ref.channel === 'email' ? ctx.user.platformUserId : undefined);
  return email?.toLowerCase();
}
