import type { IncomingMessage } from 'node:http';
import net from 'node:net';
import { ConfigError } from '../errors';

/** Which peers may tell us the client's address and protocol: none, the last N hops, or listed proxies. */
export type TrustProxy = { kind: 'none' } | { kind: 'hops'; hops: number } | { kind: 'list'; list: net.BlockList };

/** What the server learnt about the client of a request. */
export type ClientInfo = { address: string; https: boolean };

const INFO = Symbol('frontdesk.client');

/** Parse TRUST_PROXY: empty = none, `2` = two proxy hops, `10.0.0.0/8,::1` = proxies at these addresses. */
export function parseTrustProxy(value: string): TrustProxy {
  const text = value.trim();
  if (text === '' || text === '0') return { kind: 'none' };
  if (/^\d+$/.test(text)) return { kind: 'hops', hops: Number(text) };
  const list = new net.BlockList();
  for (const entry of text.split(',').map((e) => e.trim()).filter(Boolean)) {
    const [address, bits] = entry.split('/');
    const family = net.isIPv6(address) ? 'ipv6' : net.isIPv4(address) ? 'ipv4' : null;
    if (!family) throw new ConfigError(`TRUST_PROXY: "${entry}" is not an IP address or CIDR`);
    if (bits === undefined) list.addAddress(address, family);
    else list.addSubnet(address, Number(bits), family);
  }
  return { kind: 'list', list };
}

/** "::ffff:10.0.0.1" (IPv4 on a dual-stack socket) as "10.0.0.1", so one CIDR list covers both. */
function plain(address: string): string {
  return address.startsWith('::ffff:') && net.isIPv4(address.slice(7)) ? address.slice(7) : address;
}

function trusted(trust: TrustProxy, address: string): boolean {
  if (trust.kind !== 'list' || !net.isIP(address)) return false;
  return trust.list.check(address, net.isIPv6(address) ? 'ipv6' : 'ipv4');
}

/**
 * The client's address and whether it came over HTTPS. X-Forwarded-For is read right to left and only
 * as far as trusted proxies appended it: anything further left was written by the client and is ignored.
 */
export function resolveClient(req: IncomingMessage, trust: TrustProxy): ClientInfo {
  const peer = plain(req.socket?.remoteAddress ?? 'unknown');
  const direct = { address: peer, https: Boolean((req.socket as { encrypted?: boolean } | undefined)?.encrypted) };
  if (trust.kind === 'none') return direct;
  const forwarded = String(req.headers['x-forwarded-for'] ?? '').split(',').map((a) => plain(a.trim())).filter(Boolean);
  const chain = [...forwarded, peer];
  let index = chain.length - 1;
  if (trust.kind === 'hops') index = Math.max(0, chain.length - 1 - trust.hops);
  else while (index > 0 && trusted(trust, chain[index])) index--;
  if (index === chain.length - 1) return direct;
  const address = net.isIP(chain[index]) ? chain[index] : peer;
  // The proto header of the proxy nearest to us (the last value) is the one it wrote itself.
  const proto = String(req.headers['x-forwarded-proto'] ?? '').split(',').pop()?.trim().toLowerCase();
  return { address, https: proto === 'https' || direct.https };
}

/** Remember the resolved client on the request (the HTTP server does this once per request). */
export function attachClient(req: IncomingMessage, info: ClientInfo): void {
  (req as unknown as Record<symbol, ClientInfo>)[INFO] = info;
}

/** The client of a request as the server resolved it; the TCP peer when nobody did (tests calling handlers). */
export function clientOf(req: IncomingMessage): ClientInfo {
  return (req as unknown as Record<symbol, ClientInfo | undefined>)[INFO] ?? resolveClient(req, { kind: 'none' });
}
