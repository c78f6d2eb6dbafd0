import { z } from 'zod';

/** Languages the bot speaks. */
export const Lang = z.enum(['en', 'zh']);
export type Lang = z.infer<typeof Lang>;

/** Channel names; each has a folder under channels/. */
export const ChannelName = z.enum(['webchat', 'terminal', 'slack', 'teams', 'email', 'feishu', 'wecom']);
export type ChannelName = z.infer<typeof ChannelName>;

const id = z.string().min(1).max(512);

/** Where a conversation lives on its platform: enough to send to it later (send by reference). */
export const ConversationRef = z.object({
  channel: ChannelName,
  conversationId: id,
  userId: id,
  /** Thread inside the conversation (Slack thread_ts, mail Message-ID), when the platform has threads. */
  threadId: id.optional(),
  /** Platform data needed to reach the user proactively (Teams serviceUrl, tenant, mail subject...). */
  extra: z.record(z.string(), z.string().max(4096)).optional(),
});
export type ConversationRef = z.infer<typeof ConversationRef>;

/** What the user is known as on the platform. */
export const UserProfile = z.object({
  name: z.string().max(200).optional(),
  email: z.string().max(320).optional(),
  department: z.string().max(200).optional(),
  /** The language the platform's profile gives (a locale, or a channel's default such as Feishu's and WeCom's Chinese); used until the text tells. */
  lang: Lang.optional(),
  /**
   * The person's time zone (IANA) as the platform gives it: due times are told in it (the desk's TIME_ZONE otherwise).
   * Channels put only names this runtime knows (timeZoneField); the engine drops any other before storing.
   */
  timeZone: z.string().max(64).optional(),
});
export type UserProfile = z.infer<typeof UserProfile>;

/** A relative path with no `..` segment (either separator). A pattern, not a refinement: the accept path's compiled check reads it too. */
const INSIDE_FOLDER = /^(?![\\/])(?!(?:.*[\\/])?\.\.(?:[\\/]|$))/;

/**
 * A file kept under the attachments folder: one an agent shared (channels that can send files send it with
 * the text) or one a person attached to their message (the web chat's uploads).
 */
export const OutboundFile = z.object({
  name: z.string().min(1).max(200),
  size: z.number().int().nonnegative(),
  /** Path inside the attachments folder (no `..`): where the channel that fetched it wrote it. */
  key: z.string().min(1).max(500).regex(INSIDE_FOLDER, 'a path inside the attachments folder'),
  /** The MIME type its content was checked to be (uploads); pages show images inline, the rest as downloads. */
  type: z.string().max(100).optional(),
});
export type OutboundFile = z.infer<typeof OutboundFile>;

/** Maximum accepted length of one user message, in characters. */
export const MAX_TEXT_LENGTH = 20_000;

/** One message from a user, as every channel maps it. */
export const InboundMessage = z.object({
  ref: ConversationRef,
  /** The platform's id of this message: the dedupe key together with the channel. */
  platformMessageId: id,
  // Longer pastes (a whole log) are kept up to MAX_TEXT_LENGTH rather than refused (the engine cuts them): the person still gets an answer.
  text: z.string(),
  /** Value of a clicked button / submitted form, when the message is one. */
  action: z.object({ id: z.string().max(200), value: z.string().max(2000) }).optional(),
  user: UserProfile.optional(),
  receivedAt: z.string().datetime().optional(),
  /**
   * Kept without a turn or a reply: a colleague writing on someone else's mail thread ('third_party'),
   * an auto-reply or a suspected mail loop. Stored on the conversation's ticket for agents to see.
   */
  hold: z.object({
    // 'installed': a Teams install stores the conversation reference (no turn) so broadcasts reach people who never wrote.
    reason: z.enum(['third_party', 'auto_reply', 'loop', 'rate_cap', 'attachments', 'installed']),
    /** Who wrote it (their address on the platform) when that is not the conversation's user. */
    from: z.string().min(1).max(320),
    name: z.string().max(200).optional(),
  }).optional(),
  /** Files attached to the message (stored under the attachments folder before the message is accepted). */
  files: z.array(OutboundFile).max(10).optional(),
});
export type InboundMessage = z.infer<typeof InboundMessage>;

/** One option of a choice question. */
export const Choice = z.object({ value: z.string().min(1).max(200), label: z.string().min(1).max(200) });
export type Choice = z.infer<typeof Choice>;

const text = z.string().min(1).max(40_000);

/** What the bot says. Channels render each kind according to their capabilities. */
export const OutboundMessage = z.discriminatedUnion('kind', [
  // `agent`: the id of the agent who wrote it (pages style an agent's words apart from the bot's).
  z.object({ kind: z.literal('text'), text, agent: z.string().max(64).optional(), files: z.array(OutboundFile).max(10).optional() }),
  z.object({ kind: z.literal('choice'), text, choices: z.array(Choice).min(1).max(20) }),
  z.object({
    kind: z.literal('card'),
    title: z.string().min(1).max(300),
    text,
    fields: z.array(z.object({ label: z.string(), value: z.string() })).default([]),
    links: z.array(z.object({ label: z.string(), url: z.string() })).default([]),
    choices: z.array(Choice).max(20).default([]),
  }),
  z.object({
    kind: z.literal('form'),
    text,
    fields: z
      .array(
        z.object({
          id: z.string().min(1),
          label: z.string().min(1),
          choices: z.array(Choice).optional(),
          optional: z.boolean().optional(),
        }),
      )
      .min(1),
  }),
]);
export type OutboundMessage = z.infer<typeof OutboundMessage>;
