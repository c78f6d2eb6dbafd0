import pino from 'pino';

/** The project's logger type (pino). */
export type Logger = pino.Logger;

const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/g;
// Phone numbers: +country or long digit runs with separators; ticket numbers (INC-000123) have letters first.
const PHONE = /(?<![\w-])\+?\d[\d\s().-]{7,}\d(?![\w-])/g;
/** Field names whose values are personal or secret wherever they appear. */
const SENSITIVE_KEYS = new Set([
  'text', 'name', 'email', 'password', 'token', 'secret', 'authorization', 'cookie', 'body', 'department',
  // What someone typed as a user name: people type their password there too.
  'login', 'username',
]);

/**
 * A channel SDK's log call (Slack's bolt and Web API client, botbuilder) as one line without payloads: SDKs log
 * request and response bodies (names, problem texts) at debug level. Objects are never printed, and a string
 * is cut where JSON or a form body starts; what is left is the SDK's own message ("http request url: ...").
 */
export function sdkLogDetail(args: readonly unknown[]): string {
  const parts = args.map((arg) => {
    if (typeof arg === 'string') return arg.replace(/(\s*[{[]|\s*\w+=[^\s&]*&)[\s\S]*$/, ' [payload omitted]');
    if (arg instanceof Error) return `${arg.name}: ${arg.message.replace(/[{[][\s\S]*$/, '[payload omitted]')}`;
    if (typeof arg === 'number' || typeof arg === 'boolean') return String(arg);
    return '[object omitted]';
  });
  return parts.join(' ').slice(0, 300);
}

// Digit runs that look like phone numbers but are not: IPv4 addresses and SMTP replies ("550 5.1.1").
const NOT_PHONE = /^(\d{1,3}(\.\d{1,3}){3}|[2-5]\d\d[ -][2-5]\.\d{1,3}\.\d{1,3})$/;

/** Replace personal data and known secrets in a string. */
export function scrubText(value: string, secrets: readonly string[] = []): string {
  let out = value.replace(EMAIL, '[email]').replace(PHONE, (match) => (NOT_PHONE.test(match.trim()) ? match : '[phone]'));
  for (const secret of secrets) if (secret.length >= 4) out = out.split(secret).join('[secret]');
  return out;
}

function scrub(value: unknown, secrets: readonly string[], depth: number): unknown {
  if (typeof value === 'string') return scrubText(value, secrets);
  if (depth > 6 || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((v) => scrub(v, secrets, depth + 1));
  if (value instanceof Error) return { type: value.name, message: scrubText(value.message, secrets), code: (value as { code?: unknown }).code };
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) {
    out[key] = SENSITIVE_KEYS.has(key.toLowerCase()) && v !== undefined ? '[redacted]' : scrub(v, secrets, depth + 1);
  }
  return out;
}

/**
 * Structured JSON logs with personal data redacted: sensitive fields are dropped by name, and emails,
 * phone numbers and the configured secrets are masked inside every other string, including `msg`.
 */
export function createLogger(options: { level?: string; secrets?: readonly string[]; destination?: pino.DestinationStream } = {}): Logger {
  const secrets = options.secrets ?? [];
  return pino(
    {
      level: options.level ?? 'info',
      base: undefined,
      formatters: { log: (object) => scrub(object, secrets, 0) as Record<string, unknown> },
      hooks: {
        logMethod(args, method) {
          const scrubbed = args.map((a) => (typeof a === 'string' ? scrubText(a, secrets) : a));
          return method.apply(this, scrubbed as Parameters<typeof method>);
        },
      },
    },
    options.destination ?? pino.destination({ dest: 2, sync: true }),
  );
}
