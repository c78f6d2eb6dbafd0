import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT, type KeyLike } from 'jose';

/** The Teams client ids Azure AD names as the token's `azp` (desktop/mobile, web). */
export const TEAMS_CLIENT_IDS = ['1fec8e78-bce4-4aaf-ab1b-5451cc387264', '5e3ce6c0-2b1f-4285-8d4b-75ee78787346'];

/**
 * Microsoft's signing-key endpoint (login.microsoftonline.com/common/discovery/v2.0/keys), played by a local HTTP
 * server with a key pair made for the test. `token()` signs access tokens shaped as Azure AD issues them for a
 * Teams tab's getAuthToken(); `requests` counts key-set fetches.
 */
export class JwksStandIn {
  url = '';
  requests = 0;
  private server: http.Server | null = null;
  private key!: KeyLike;
  readonly kid = 'nOo3ZDrODXEK1jKWhXslHR_KXEg';

  async start(): Promise<void> {
    const { publicKey, privateKey } = await generateKeyPair('RS256', { modulusLength: 2048 });
    this.key = privateKey;
    // As Microsoft publishes them: kty, use, kid, x5t, n, e (no alg).
    const jwk = { ...(await exportJWK(publicKey)), use: 'sig', kid: this.kid, x5t: this.kid };
    this.server = http.createServer((req, res) => {
      this.requests++;
      res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' });
      res.end(JSON.stringify({ keys: [jwk] }));
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/common/discovery/v2.0/keys`;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => this.server?.close(() => resolve()) ?? resolve());
  }

  /**
   * An Azure AD v2 access token for `appId`'s API, for user `oid` in tenant `tid`, valid 1 hour (`claims` override
   * any claim, `undefined` removes it); `key` signs it instead of the published key (another tenant's or an attacker's).
   */
  async token(appId: string, oid: string, tid: string, claims: Record<string, unknown> = {}, key?: KeyLike): Promise<string> {
    const now = Math.floor(Date.now() / 1000);
    const payload: Record<string, unknown> = {
      aud: appId, iss: `https://login.microsoftonline.com/${tid}/v2.0`, iat: now - 60, nbf: now - 60, exp: now + 3600,
      aio: 'AWQAm/8bAAAA', azp: TEAMS_CLIENT_IDS[1], azpacr: '0', name: 'Alice Martin', oid,
      preferred_username: 'alice.martin@contoso.com', rh: '0.AXkAv4j5cvGGr0GRqy180BHbR1.', scp: 'access_as_user',
      sub: 'mU5vS3f9Qp0Y1dAqCkhqk9w8dDpT2sBvE1nXh7rJ4Lg', tid, uti: 'kJ1bX4mT2U6v0aQeT3fGAA', ver: '2.0', ...claims,
    };
    for (const [name, value] of Object.entries(payload)) if (value === undefined) delete payload[name];
    return new SignJWT(payload).setProtectedHeader({ typ: 'JWT', alg: 'RS256', kid: this.kid }).sign(key ?? this.key);
  }
}

/** A token with `alg: none` and no signature, claims as given: what a forger sends. */
export function unsignedToken(claims: Record<string, unknown>): string {
  const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  return `${part({ typ: 'JWT', alg: 'none' })}.${part(claims)}.`;
}
