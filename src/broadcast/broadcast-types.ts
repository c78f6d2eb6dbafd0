import { z } from 'zod';
import { ChannelName } from '../types/conversation';
import { Category } from '../types/ticket';

/** Major incident numbers as the major-incident feature writes them. */
export const IncidentNumber = z.string().regex(/^MI-\d{6}$/, 'use a major incident number such as MI-000001');

/** A Slack channel id (public C…, private G…): the id, not the #name, because names change and repeat. */
export const SlackChannelId = z.string().trim().toUpperCase()
  .regex(/^[CG][A-Z0-9]{6,20}$/, 'use a Slack channel id such as C0123ABCD (channel details → About → Channel ID), not its #name');

/**
 * Who receives a broadcast. People: everyone known, or users on some channels and/or users with an open
 * ticket in some categories (filters combine with AND; the terminal channel only when named). Slack
 * channels: the notice is also posted once into each. Naming only Slack channels reaches no person: the
 * notice goes to those channels alone (name every channel as well to reach everyone too).
 */
export const Audience = z.object({
  channels: z.array(ChannelName).max(5).default([]),
  categories: z.array(Category).max(8).default([]),
  slackChannels: z.array(SlackChannelId).max(20, 'name at most 20 Slack channels').default([])
    .transform((ids) => [...new Set(ids)]),
  /** People with an open ticket naming one of these services (a monitoring alert's service and its aliases). */
  services: z.array(z.string().trim().min(2).max(100)).max(10).optional(),
  /** People whose profile's department/office is one of these (case-insensitive). */
  offices: z.array(z.string().trim().min(1).max(200)).max(10).optional(),
});
export type Audience = z.infer<typeof Audience>;

/** What an admin posts. */
export const BroadcastInput = z.object({
  text: z.string().trim().min(3, 'write the notice (3 to 1000 characters)').max(1000, 'keep the notice under 1000 characters'),
  audience: Audience.default({ channels: [], categories: [], slackChannels: [] }),
  incident: IncidentNumber.optional(),
});
export type BroadcastInput = z.input<typeof BroadcastInput>;

/** The follow-up that closes a broadcast. */
export const BroadcastClose = z.object({
  note: z.string().trim().min(3, 'write the follow-up notice (3 to 1000 characters)').max(1000, 'keep the follow-up under 1000 characters'),
});

/** A delivery is either the notice itself or the follow-up sent when the broadcast is closed. */
export type DeliveryKind = 'notice' | 'follow_up';

/** A broadcast as stored. */
export type Broadcast = {
  id: number;
  text: string;
  audience: Audience;
  status: 'active' | 'closed';
  incident: string | null;
  followUp: string | null;
  createdBy: string;
  createdAt: string;
  closedBy: string | null;
  closedAt: string | null;
};

/** Deliveries of one kind: how many are meant, in the outbox, sent, failed for good. */
export type DeliveryCounts = { audience: number; enqueued: number; sent: number; failed: number };

/** Delivery progress of a broadcast, per kind: people at the top level, channel posts (Slack channels) apart. */
export type BroadcastProgress = Record<DeliveryKind, DeliveryCounts & { channels: DeliveryCounts }>;

/** The answer to posting or closing: the broadcast, how many people and how many channels it goes to. */
export type BroadcastPosted = { broadcast: Broadcast; audience: number; channels: number };
