import { z } from 'zod';

// The documented shapes of the two events the Feishu channel takes, as zod schemas, so fast-check can
// generate near-valid payloads (mutations of the fixtures supply the invalid ones).

const openId = z.string().regex(/^ou_[a-z0-9]{4,32}$/);
const header = (type: z.ZodType) => z.object({
  event_id: z.string().regex(/^[a-f0-9]{8,32}$/),
  event_type: type,
  create_time: z.string().regex(/^\d{13}$/),
  token: z.literal('rvaYgkND1GOiu5MM0E1rncYC6PLtF7JV'),
  app_id: z.string().max(30),
  tenant_key: z.string().max(30),
});

/** im.message.receive_v1 (and a few other event types the channel drops). */
export const MessageReceiveEvent = z.object({
  schema: z.literal('2.0'),
  header: header(z.enum(['im.message.receive_v1', 'im.chat.member.bot.added_v1', 'im.message.reaction.created_v1'])),
  event: z.object({
    sender: z.object({ sender_id: z.object({ open_id: openId, union_id: z.string().max(40), user_id: z.string().max(20) }), sender_type: z.enum(['user', 'app', 'anonymous']), tenant_key: z.string().max(30) }),
    message: z.object({
      message_id: z.string().regex(/^om_[a-z0-9]{4,32}$/),
      root_id: z.string().regex(/^(om_[a-z0-9]{4,32})?$/).optional(),
      create_time: z.string().regex(/^\d{13}$/),
      chat_id: z.string().regex(/^oc_[a-z0-9]{4,32}$/),
      chat_type: z.enum(['p2p', 'group', 'topic_group']),
      message_type: z.enum(['text', 'post', 'image', 'file', 'sticker', 'interactive']),
      content: z.string().max(2000),
      mentions: z.array(z.object({ key: z.string().regex(/^@_user_\d$/), id: z.object({ open_id: openId }), name: z.string().max(40) })).max(3).optional(),
    }),
  }),
});

/** card.action.trigger. */
export const CardActionEvent = z.object({
  schema: z.literal('2.0'),
  header: header(z.literal('card.action.trigger')),
  event: z.object({
    operator: z.object({ open_id: openId, tenant_key: z.string().max(30) }),
    token: z.string().max(60),
    action: z.object({
      tag: z.enum(['button', 'select_static']),
      value: z.union([
        z.object({ fd: z.literal('c'), v: z.string().max(50), l: z.string().max(50), th: z.string().regex(/^om_[a-z0-9]{4,32}$/).optional() }),
        z.object({ fd: z.literal('t2'), a: z.enum(['take', 'resolve']), t: z.string().regex(/^INC-\d{6}$/) }),
        z.record(z.string(), z.string().max(20)),
      ]),
      form_value: z.record(z.string(), z.string().max(100)).optional(),
    }),
    host: z.literal('im_message'),
    context: z.object({ open_message_id: z.string().regex(/^om_[a-z0-9]{4,32}$/), open_chat_id: z.string().regex(/^oc_[a-z0-9]{4,32}$/) }),
  }),
});
