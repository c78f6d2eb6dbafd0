import fs from 'node:fs';
import path from 'node:path';
import { parseEnv } from 'node:util';
import { z } from 'zod';
import { packageRoot } from './package-root';
import { ConfigError } from './errors';
import { isTimeZone } from './types/time-zone';

const port = z.coerce.number().int().min(0).max(65535);
const positiveInt = z.coerce.number().int().positive();
const optional = z.string().trim().min(1).optional();
/** An IANA time zone name this runtime knows (Asia/Shanghai, Europe/Berlin, UTC). */
const timeZone = z.string().trim().refine(isTimeZone, 'an IANA time zone such as Asia/Shanghai or Europe/Berlin');
const rate = z.string().trim().regex(/^\d+(\.\d+)?\/\d+(\.\d+)?$/, 'use BURST/PER_SECOND, e.g. 300/30');

/** Every variable Frontdesk reads, with defaults. `.env.example` documents each one. */
export const EnvSchema = z.object({
  PORT: port.default(3000),
  HOST: z.string().default('127.0.0.1'),
  PUBLIC_URL: z.url().default('http://localhost:3000'),
  DATABASE_PATH: z.string().default('./data/frontdesk.db'),
  /** PostgreSQL instead of the SQLite file for the core stores (several instances on one database, #22). */
  DATABASE_URL: z.string().trim().regex(/^postgres(ql)?:\/\/\S+$/, 'use postgres://USER:PASSWORD@HOST:PORT/DATABASE').optional(),
  /** How long a background lease (SLA monitor, IMAP watcher...) outlives its holder; renewed every third of it. */
  LEASE_TTL_SECONDS: z.coerce.number().int().min(2).max(300).default(6),
  /** This instance's name in /healthz and on every metric (`frontdesk_instance`); default HOSTNAME:PORT. */
  INSTANCE_NAME: z.string().trim().regex(/^[A-Za-z0-9._:@-]{1,100}$/, 'use letters, digits and . _ : @ - (at most 100), e.g. web-1').optional(),
  /** PostgreSQL connections per instance (DATABASE_URL); a turn holds one for one transaction. */
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
  /** A PostgreSQL statement running longer is cancelled (and the turn retried) instead of holding its connection. */
  DATABASE_STATEMENT_TIMEOUT_SECONDS: z.coerce.number().int().min(1).max(3600).default(30),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  DEFAULT_LANG: z.enum(['en', 'zh']).default('en'),
  /** The desk's time zone (business hours, and times told to people whose own zone is unknown). */
  TIME_ZONE: timeZone.default('UTC'),
  KB_DIR: z.string().default('./kb-articles'),
  /** Articles whose `updated` date is older than this many days are listed as stale (kb report, dashboard). */
  KB_STALE_DAYS: positiveInt.default(365),
  CLASSIFIER_MODEL_PATH: z.string().default('./data/classifier-model.json'),
  BUSINESS_HOURS: z.string().regex(/^\d\d:\d\d-\d\d:\d\d$/, 'use HH:MM-HH:MM, e.g. 09:00-18:00').default('09:00-18:00'),
  WORKING_DAYS: z.string().regex(/^[0-6](,[0-6])*$/, 'use weekday numbers 0-6 (0 = Sunday), e.g. 1,2,3,4,5').default('1,2,3,4,5'),
  /** Priorities whose SLA clocks run around the clock (nights, weekends, holidays); the rest run on business hours. */
  SLA_24X7_PRIORITIES: z.string().regex(/^(P[1-5](,P[1-5])*)?$/, 'use a list like P1,P2 (or empty for business hours only)').default('P1,P2'),
  /** How often the SLA monitor and the auto-close timer look at the clocks (by the one instance holding each lease). */
  SLA_CHECK_SECONDS: positiveInt.default(30),
  AUTO_CLOSE_CHECK_SECONDS: positiveInt.default(600),
  HOLIDAYS: z.string().regex(/^(\d{4}-\d{2}-\d{2})?(,\d{4}-\d{2}-\d{2})*$/, 'use YYYY-MM-DD,YYYY-MM-DD').default(''),
  ROUTING_GROUPS: z.string().default(''),
  MI_THRESHOLD_USERS: z.coerce.number().int().min(2).default(3),
  MI_WINDOW_MINUTES: z.coerce.number().int().positive().default(30),
  DISPATCH_MAX_ATTEMPTS: positiveInt.default(8),
  DISPATCH_BASE_DELAY_MS: positiveInt.default(500),
  DISPATCH_START_DELAY_MS: z.coerce.number().int().min(0).default(0),
  /** After this long a send stops holding its channel's slot; the row waits for the send to settle. */
  DISPATCH_SEND_TIMEOUT_MS: positiveInt.default(30_000),
  /** Longest the dispatcher waits for sends in flight at shutdown. */
  DISPATCH_STOP_TIMEOUT_MS: positiveInt.default(10_000),
  WEBCHAT_ENABLED: z.enum(['true', 'false']).default('true'),
  /** Largest file a web chat user may attach (MB); larger ones are refused with 413. */
  WEBCHAT_MAX_FILE_MB: z.coerce.number().positive().max(100).default(10),
  /** MIME types a web chat user may attach (comma list); each is checked by the file's content as well as its name. */
  WEBCHAT_FILE_TYPES: z.string().default('image/png,image/jpeg,image/gif,image/webp,application/pdf,text/plain'),
  /** Retention in days (0 = forever): transcripts, the outbox's copy of sent replies, ticket audit events. */
  RETENTION_TRANSCRIPT_DAYS: z.coerce.number().int().min(0).default(365),
  /** 0: the outbox's copy of a reply is cleared when it is sent (the transcript keeps it). */
  RETENTION_SENT_PAYLOAD_DAYS: z.coerce.number().int().min(0).default(0),
  RETENTION_AUDIT_DAYS: z.coerce.number().int().min(0).default(730),
  /** Reverse proxies in front of us: a hop count, or proxy addresses/CIDRs; empty trusts no X-Forwarded-* header. */
  TRUST_PROXY: z.string().trim().regex(/^(\d{1,2}|[0-9a-fA-F.:/]+(\s*,\s*[0-9a-fA-F.:/]+)*)?$/, 'use a hop count (1) or a list of proxy addresses/CIDRs (10.0.0.0/8,::1)').default(''),
  /** Token buckets as BURST/PER_SECOND: requests per client address and per web chat session, login attempts per address. */
  RATE_LIMIT_CHAT_PER_ADDRESS: rate.default('300/30'),
  RATE_LIMIT_CHAT_PER_SESSION: rate.default('20/1'),
  /** Event streams (web chat and console) open at once: per session, per client address, overall. */
  STREAMS_PER_SESSION: positiveInt.default(5),
  STREAMS_PER_ADDRESS: positiveInt.default(200),
  STREAMS_MAX: positiveInt.default(800),
  /** An event stream that carried no event for this long is closed (the page reconnects when it is still open). */
  STREAM_IDLE_SECONDS: positiveInt.default(900),
  /** Comment lines keep proxies from dropping a quiet stream. */
  STREAM_KEEPALIVE_SECONDS: positiveInt.default(25),
  /** Failed logins allowed before delays start, per account and per client address; the longest delay. */
  LOGIN_FREE_FAILURES: positiveInt.default(5),
  LOGIN_FREE_FAILURES_PER_ADDRESS: positiveInt.default(20),
  LOGIN_MAX_DELAY_SECONDS: positiveInt.default(300),
  /** New chat messages are refused with 503 + Retry-After once the queued turns would take longer than this to answer. */
  MAX_QUEUE_WAIT_SECONDS: z.coerce.number().positive().default(5),
  /** Requests per API token as BURST/PER_SECOND; past it 429 with Retry-After. */
  API_RATE_LIMIT_PER_TOKEN: rate.default('120/20'),
  /** Failed webhook attempts in a row before the subscription is disabled; first retry delay (doubling, at most an hour); receiver timeout. */
  WEBHOOK_MAX_ATTEMPTS: positiveInt.default(10),
  WEBHOOK_BASE_DELAY_MS: positiveInt.default(1000),
  WEBHOOK_TIMEOUT_MS: positiveInt.default(10_000),
  /** Bearer token /metrics requires when set. */
  METRICS_TOKEN: optional,
  /** Serve /metrics on its own port (and METRICS_HOST) instead of the main one. */
  METRICS_PORT: port.optional(),
  METRICS_HOST: z.string().default('127.0.0.1'),
  SLACK_BOT_TOKEN: optional,
  SLACK_SIGNING_SECRET: optional,
  SLACK_APP_TOKEN: optional,
  SLACK_TIER2_CHANNEL: optional,
  /** Slack Web API base URL: https://slack-gov.com/api/ for GovSlack; tests point it at a local stand-in. */
  SLACK_API_URL: z.url().optional(),
  /** Files people share with the bot in Slack: larger ones are listed on the ticket, not fetched. */
  SLACK_MAX_FILE_MB: z.coerce.number().positive().max(100).default(10),
  /** MIME types fetched from Slack (comma list; `image/*` matches every image); others are listed, not fetched. */
  SLACK_FILE_TYPES: z.string().default('image/*,application/pdf,text/plain,text/csv,application/zip,application/json,application/vnd.openxmlformats-officedocument.*,application/msword,application/vnd.ms-excel,message/rfc822'),
  /** The reaction (Slack emoji name, no colons) that raises a ticket for a channel message's author; empty turns it off. */
  SLACK_TICKET_EMOJI: z.string().trim().regex(/^[a-z0-9_+'-]{0,100}$/, 'an emoji name such as ticket, without colons').default('ticket'),
  TEAMS_APP_ID: optional,
  /** Files people send the bot in a Teams personal chat: larger ones are listed on the ticket, not kept. */
  TEAMS_MAX_FILE_MB: z.coerce.number().positive().max(100).default(10),
  /** MIME types kept from Teams (comma list, `image/*` wildcards); Teams names the type by extension, mapped to these. */
  TEAMS_FILE_TYPES: z.string().default('image/*,application/pdf,text/plain,text/csv,application/zip,application/json,application/vnd.openxmlformats-officedocument.*,application/msword,application/vnd.ms-excel,message/rfc822'),
  TEAMS_APP_PASSWORD: optional,
  TEAMS_TENANT_ID: optional,
  /** The Azure AD app (client) id whose API the Teams personal tab's SSO token is for (Expose an API, scope access_as_user); unset: no tab. */
  TEAMS_SSO_APP_ID: z.string().trim().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, 'the Azure AD app (client) id, a GUID').optional(),
  /** Where the tab's SSO tokens' signing keys are published (Microsoft's; tests point it at a local stand-in). */
  TEAMS_SSO_JWKS_URL: z.url().default('https://login.microsoftonline.com/common/discovery/v2.0/keys'),
  /** The Teams channel (its conversation id, 19:…@thread.tacv2) escalations are posted into as living agent cards. */
  TEAMS_AGENT_CHANNEL_ID: z.string().trim().regex(/^19:[^;\s]{1,400}@thread\.(tacv2|skype)$/, 'a Teams channel id such as 19:…@thread.tacv2 (Get link to channel)').optional(),
  /** The Bot Connector address of the tenant the agents' channel is in; unset: the serviceUrl Teams' own activities showed (an override). */
  TEAMS_AGENT_SERVICE_URL: z.url().optional(),
  /** Local development only: run the Teams channel without Bot Framework authentication (no app id/password). */
  TEAMS_DEV_UNAUTHENTICATED: z.enum(['true', 'false']).default('false'),
  EMAIL_ADDRESS: optional,
  EMAIL_IMAP_HOST: optional,
  EMAIL_IMAP_PORT: port.optional(),
  EMAIL_IMAP_USER: optional,
  EMAIL_IMAP_PASSWORD: optional,
  EMAIL_SMTP_HOST: optional,
  EMAIL_SMTP_PORT: port.optional(),
  EMAIL_SMTP_USER: optional,
  EMAIL_SMTP_PASSWORD: optional,
  /** HMAC key of the thread tokens in our mail Message-IDs; derived from EMAIL_IMAP_PASSWORD when unset. */
  EMAIL_THREAD_SECRET: optional,
  /** Other addresses of the helpdesk mailbox (comma list): never answered, never copied. */
  EMAIL_ALIASES: z.string().default(''),
  /** Domains whose addresses may be copied on replies (comma list); empty: reply to the sender only. */
  EMAIL_INTERNAL_DOMAINS: z.string().default(''),
  /** Most addresses copied on one reply. */
  EMAIL_MAX_CC: z.coerce.number().int().min(0).max(50).default(5),
  /** Someone else replying on a requester's thread: kept as a comment, or (watch) an internal one is also copied from then on. */
  EMAIL_THIRD_PARTY: z.enum(['comment', 'watch']).default('comment'),
  /** Largest attachment stored from a mail, in MB; larger ones are listed on the ticket and the sender is told. */
  EMAIL_MAX_ATTACHMENT_MB: z.coerce.number().positive().max(100).default(10),
  /** Our receiving server's authserv-id in Authentication-Results: only its DMARC "pass" is trusted. */
  EMAIL_AUTHSERV_ID: optional,
  /** Bearer token monitoring tools send to /alerts/*; the alert webhook is off without it. */
  ALERTS_TOKEN: z.string().trim().min(16, 'use a random token of at least 16 characters, e.g. openssl rand -hex 24').optional(),
  /** JSON file of alert rules and generic mappings (docs/alerts-rules.example.json); built-in rule when absent. */
  ALERTS_RULES_FILE: optional,
  ALERTS_RESOLVE: z.enum(['auto', 'ask']).default('auto'),
  ALERTS_RESOLVE_HOLD_SECONDS: z.coerce.number().int().min(0).default(120),
  ALERTS_MIN_NOTICE_MINUTES: z.coerce.number().min(0).default(30),
  /** Feishu / Lark self-built app (channels/feishu/): credentials, event security, domain, delivery mode. */
  FEISHU_APP_ID: optional,
  FEISHU_APP_SECRET: optional,
  FEISHU_VERIFICATION_TOKEN: optional,
  /** Encrypt Key of the event subscription: events arrive AES-256-CBC encrypted and signed (X-Lark-Signature). */
  FEISHU_ENCRYPT_KEY: optional,
  /** `feishu` (open.feishu.cn), `lark` (open.larksuite.com) or a base URL (tests: a local stand-in). */
  FEISHU_DOMAIN: z.string().trim().regex(/^(feishu|lark|https?:\/\/\S+)$/, 'use feishu, lark or an http(s) base URL').default('feishu'),
  /** `http`: the event subscription posts to /feishu/events; `websocket`: the SDK's long connection (no public URL). */
  FEISHU_MODE: z.enum(['http', 'websocket']).default('http'),
  /** chat_id (oc_…) of the agents' group chat where escalations are posted with Take over / Resolve. */
  FEISHU_TIER2_CHAT: optional,
  /** Language for Feishu users before their words or their profile tell. */
  FEISHU_DEFAULT_LANG: z.enum(['en', 'zh']).default('zh'),
  /** Time zone of Feishu users (profiles carry none): due times are told in it. */
  FEISHU_TIME_ZONE: timeZone.default('Asia/Shanghai'),
  /** WeCom self-built app (企业微信自建应用): corp id, AgentId, the app's Secret, the callback's Token and EncodingAESKey. */
  WECOM_CORP_ID: optional,
  WECOM_AGENT_ID: z.string().trim().regex(/^\d{1,12}$/, 'the app\'s AgentId is a number, e.g. 1000002').optional(),
  WECOM_SECRET: optional,
  WECOM_TOKEN: optional,
  WECOM_ENCODING_AES_KEY: z.string().trim().regex(/^[A-Za-z0-9]{43}$/, 'the EncodingAESKey is 43 letters and digits').optional(),
  /** UserIDs of tier-2 agents (comma or | list): escalations reach them as cards with Take over / Resolve. */
  WECOM_AGENT_USERS: z.string().trim().regex(/^[A-Za-z0-9_@.\-]{1,64}([,|][A-Za-z0-9_@.\-]{1,64})*$/, 'use UserIDs separated by commas').optional(),
  /** Language of WeCom users before their first words say otherwise (WeCom profiles carry none). */
  WECOM_LANG: z.enum(['en', 'zh']).default('zh'),
  /** Time zone of WeCom users (profiles carry none): due times are told in it. */
  WECOM_TIME_ZONE: timeZone.default('Asia/Shanghai'),
  /** WeCom API base URL; tests point it at a local stand-in. */
  WECOM_API_URL: z.url().optional(),
  /** The directory (OpenLDAP or Active Directory) self-service and lookups use; the bind account's password is a secret. */
  LDAP_URL: z.string().trim().regex(/^ldaps?:\/\/\S+$/, 'use ldap://host:port or ldaps://host:port').optional(),
  LDAP_BIND_DN: optional,
  LDAP_BIND_PASSWORD: optional,
  /** The attribute mapping (JSON); default: the package's config/directory.openldap.json. */
  DIRECTORY_CONFIG: optional,
  LDAP_TIMEOUT_MS: positiveInt.default(5000),
  /** An approver who has not answered is reminded after this long, and the request goes to the next approver (or the desk) after the timeout. */
  APPROVAL_REMIND_MINUTES: z.coerce.number().positive().default(240),
  APPROVAL_TIMEOUT_MINUTES: z.coerce.number().positive().default(1440),
  APPROVAL_CHECK_SECONDS: positiveInt.default(30),
  /** Directory actions (codes sent, unlocks, resets, memberships) allowed per person and overall, per hour. */
  SELF_SERVICE_PER_USER_HOUR: positiveInt.default(5),
  SELF_SERVICE_PER_HOUR: positiveInt.default(100),
  /** After five wrong codes, self-service account actions stay locked for this long. */
  VERIFY_LOCK_MINUTES: positiveInt.default(30),
  PASSWORD_MIN_LENGTH: z.coerce.number().int().min(8).default(12),
});
export type Env = z.infer<typeof EnvSchema>;

/**
 * Channels configured as a group: if any variable of a group is set, the listed required ones must all be.
 * Optional members (SLACK_APP_TOKEN, TEAMS_TENANT_ID, SMTP auth) switch features on inside a channel.
 */
const CHANNEL_GROUPS = {
  slack: { required: ['SLACK_BOT_TOKEN', 'SLACK_SIGNING_SECRET'], optional: ['SLACK_APP_TOKEN', 'SLACK_TIER2_CHANNEL', 'SLACK_API_URL'] },
  teams: { required: ['TEAMS_APP_ID', 'TEAMS_APP_PASSWORD'], optional: ['TEAMS_TENANT_ID'] },
  email: {
    required: ['EMAIL_ADDRESS', 'EMAIL_IMAP_HOST', 'EMAIL_IMAP_USER', 'EMAIL_IMAP_PASSWORD', 'EMAIL_SMTP_HOST'],
    optional: ['EMAIL_IMAP_PORT', 'EMAIL_SMTP_PORT', 'EMAIL_SMTP_USER', 'EMAIL_SMTP_PASSWORD', 'EMAIL_THREAD_SECRET', 'EMAIL_AUTHSERV_ID'],
  },
  feishu: { required: ['FEISHU_APP_ID', 'FEISHU_APP_SECRET'], optional: ['FEISHU_VERIFICATION_TOKEN', 'FEISHU_ENCRYPT_KEY', 'FEISHU_TIER2_CHAT'] },
  wecom: { required: ['WECOM_CORP_ID', 'WECOM_AGENT_ID', 'WECOM_SECRET', 'WECOM_TOKEN', 'WECOM_ENCODING_AES_KEY'], optional: ['WECOM_AGENT_USERS', 'WECOM_API_URL'] },
  directory: { required: ['LDAP_URL', 'LDAP_BIND_DN', 'LDAP_BIND_PASSWORD'], optional: ['DIRECTORY_CONFIG'] },
} as const satisfies Record<string, { required: readonly (keyof Env)[]; optional: readonly (keyof Env)[] }>;

/** A channel name with settings of its own. */
export type ConfiguredChannel = keyof typeof CHANNEL_GROUPS;

/** The validated configuration: env values plus which channels are switched on. */
export type Config = Env & { channels: { webchat: boolean } & Record<ConfiguredChannel, boolean>; secrets: string[] };

function channelEnabled(env: Env, name: ConfiguredChannel): boolean {
  const group = CHANNEL_GROUPS[name];
  const members = [...group.required, ...group.optional];
  const present = members.filter((key) => env[key] !== undefined);
  if (present.length === 0) return false;
  const missing = group.required.filter((key) => env[key] === undefined);
  if (missing.length > 0) {
    throw new ConfigError(
      `${name} is partly configured (${present.join(', ')} set): set ${missing.join(', ')} or remove the ${name} settings`,
    );
  }
  return true;
}

/** Validate the environment once; throws ConfigError naming the variable to fix. */
export function parseConfig(source: Record<string, string | undefined>): Config {
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== undefined && v !== ''));
  const result = EnvSchema.safeParse(cleaned);
  if (!result.success) {
    const issues = result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Invalid configuration: ${issues.join('; ')}`);
  }
  const env = result.data;
  const channels = {
    webchat: env.WEBCHAT_ENABLED === 'true',
    slack: channelEnabled(env, 'slack'),
    teams: channelEnabled(env, 'teams') || env.TEAMS_DEV_UNAUTHENTICATED === 'true',
    email: channelEnabled(env, 'email'),
    feishu: channelEnabled(env, 'feishu'),
    wecom: channelEnabled(env, 'wecom'),
    directory: channelEnabled(env, 'directory'),
  };
  const secrets = [env.SLACK_BOT_TOKEN, env.SLACK_SIGNING_SECRET, env.SLACK_APP_TOKEN, env.TEAMS_APP_PASSWORD,
    env.EMAIL_IMAP_PASSWORD, env.EMAIL_SMTP_PASSWORD, env.EMAIL_THREAD_SECRET, env.METRICS_TOKEN, env.ALERTS_TOKEN,
    env.FEISHU_APP_SECRET, env.FEISHU_VERIFICATION_TOKEN, env.FEISHU_ENCRYPT_KEY, env.WECOM_SECRET, env.WECOM_TOKEN, env.WECOM_ENCODING_AES_KEY, env.LDAP_BIND_PASSWORD, urlPassword(env.DATABASE_URL)].filter((s): s is string => Boolean(s));
  return { ...env, channels, secrets };
}

/** The password inside a postgres:// URL (kept out of logs like every secret), if any. */
function urlPassword(url: string | undefined): string | undefined {
  if (!url) return undefined;
  try {
    return decodeURIComponent(new URL(url).password) || undefined;
  } catch {
    return undefined;
  }
}

/**
 * Read `.env` in `cwd` if present; real environment variables win over it. Paths the user sets are relative
 * to `cwd`; the default KB_DIR is the knowledge base shipped with the package, so any directory works.
 */
export function loadConfig(env: NodeJS.ProcessEnv, cwd: string): Config {
  const file = path.join(cwd, '.env');
  const fromFile = fs.existsSync(file) ? parseEnv(fs.readFileSync(file, 'utf8')) : {};
  const merged = { ...fromFile, ...env };
  const config = parseConfig(merged);
  return {
    ...config,
    DATABASE_PATH: path.resolve(cwd, config.DATABASE_PATH),
    KB_DIR: merged.KB_DIR ? path.resolve(cwd, config.KB_DIR) : path.join(packageRoot(), 'kb-articles'),
    CLASSIFIER_MODEL_PATH: path.resolve(cwd, config.CLASSIFIER_MODEL_PATH),
    ALERTS_RULES_FILE: config.ALERTS_RULES_FILE && path.resolve(cwd, config.ALERTS_RULES_FILE),
    ...(config.DIRECTORY_CONFIG ? { DIRECTORY_CONFIG: path.resolve(cwd, config.DIRECTORY_CONFIG) } : {}),
  };
}
