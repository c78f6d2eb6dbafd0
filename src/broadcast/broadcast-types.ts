import { z } from 'zod';
import { ChannelName } from '../types/conversation';
import { Category } from '../types/ticket';

/** Major incident numbers as the major-incident feature writes them. */
export const IncidentNumber = z.string().regex(/^MI-\d{6}$/, 'use a major incident number such as MI-000001');

/**
 * Who receives a broadcast: everyone known (empty), users on some channels, and/or users with an open
 * ticket in some categories. Filters combine with AND. The terminal channel is only included when named.
 */
export const Audience = z.object({
  channels: z.array(ChannelName).max(5).default([]),
  categories: z.array(Category).max(8).default([]),
});
export type Audience = z.infer<typeof Audience>;

/** What an admin posts. */
export const BroadcastInput = z.object({
  text: z.string().trim().min(3, 'write the notice (3 to 1000 characters)').max(1000, 'keep the notice under 1000 characters'),
  audience: Audience.default({ channels: [], categories: [] }),
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

/** Delivery progress of a broadcast, per kind. */
export type BroadcastProgress = Record<DeliveryKind, { audience: number; enqueued: number; sent: number; failed: number }>;
