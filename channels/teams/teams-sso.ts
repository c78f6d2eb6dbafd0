import { createRemoteJWKSet, errors, jwtVerify, type JWTPayload, type JWTVerifyGetKey } from 'jose';

/** Settings of the personal tab's single sign-on (TEAMS_SSO_APP_ID, TEAMS_SSO_JWKS_URL, TEAMS_TENANT_ID, PUBLIC_URL). */
export type TeamsSsoConfig = {
  /** The Azure AD app (client) id the tab's tokens are issued for. */
  appId: string;
  /** The app id URI, `api://<host>/<app id>`: the manifest's webApplicationInfo.resource and a v1 token's audience. */
  resource: string;
  /** Microsoft's signing keys (JWK set). */
  jwksUrl: string;
  /** When set, only this tenant's users are let in. */
  tenantId?: string;
};

/** Who a verified token names: the Azure AD object id (Teams sends it as from.aadObjectId) and tenant. */
export type TeamsSsoUser = { oid: string; tid: string };

/** Why a token was refused: a short code for the log and the JSON answer, never the token's content. */
export type SsoRefusal = { refused: 'missing' | 'malformed' | 'signature' | 'expired' | 'audience' | 'issuer' | 'scope' | 'tenant' | 'claims'; status: 401 }
  | { refused: 'keys_unavailable'; status: 503 };

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** The scope the tab asks for (Expose an API > Add a scope in Azure). */
export const SSO_SCOPE = 'access_as_user';

/** The app id URI Teams SSO needs: `api://` + the host the tab is served from + `/` + the app id. */
export function ssoResource(publicUrl: string, appId: string): string {
  return `api://${new URL(publicUrl).host}/${appId}`;
}

/**
 * Verifies the access token `authentication.getAuthToken()` hands the tab: RS256 signature against Microsoft's
 * published keys (fetched and cached by jose, re-fetched for an unknown key id), audience (the app id for v2
 * tokens, the app id URI for v1), issuer of the token's own tenant (v2 login.microsoftonline.com, v1
 * sts.windows.net), expiry and not-before (1 minute of clock skew), and the access_as_user scope.
 */
export class TeamsSsoVerifier {
  private readonly keys: JWTVerifyGetKey;

  constructor(private readonly config: TeamsSsoConfig, keys?: JWTVerifyGetKey) {
    this.keys = keys ?? createRemoteJWKSet(new URL(config.jwksUrl), { timeoutDuration: 5_000, cooldownDuration: 30_000, cacheMaxAge: 24 * 3_600_000 });
  }

  /** The user a bearer token names, or why it is refused. */
  async verify(token: string | undefined): Promise<TeamsSsoUser | SsoRefusal> {
    if (!token) return refuse('missing');
    let claims: JWTPayload;
    try {
      ({ payload: claims } = await jwtVerify(token, this.keys, { algorithms: ['RS256'], audience: [this.config.appId, this.config.resource], clockTolerance: 60, requiredClaims: ['exp', 'iss', 'aud'] }));
    } catch (error) {
      return refusalOf(error);
    }
    const tid = typeof claims.tid === 'string' && GUID.test(claims.tid) ? claims.tid : null;
    const oid = typeof claims.oid === 'string' && GUID.test(claims.oid) ? claims.oid : null;
    if (!tid || !oid) return refuse('claims');
    // The issuer must be the token's own tenant, in the form of its version (multi-tenant: any tenant, but consistently).
    const issuers: Record<string, string> = { '2.0': `https://login.microsoftonline.com/${tid}/v2.0`, '1.0': `https://sts.windows.net/${tid}/` };
    if (typeof claims.ver !== 'string' || issuers[claims.ver] !== claims.iss) return refuse('issuer');
    if (this.config.tenantId && this.config.tenantId.toLowerCase() !== tid.toLowerCase()) return refuse('tenant');
    if (typeof claims.scp !== 'string' || !claims.scp.split(' ').includes(SSO_SCOPE)) return refuse('scope');
    return { oid: oid.toLowerCase(), tid: tid.toLowerCase() };
  }
}

const refuse = (refused: Exclude<SsoRefusal['refused'], 'keys_unavailable'>): SsoRefusal => ({ refused, status: 401 });

function refusalOf(error: unknown): SsoRefusal {
  if (error instanceof errors.JWTExpired) return refuse('expired');
  if (error instanceof errors.JWTClaimValidationFailed) return refuse(error.claim === 'aud' ? 'audience' : error.claim === 'iss' ? 'issuer' : 'claims');
  if (error instanceof errors.JWSSignatureVerificationFailed || error instanceof errors.JWKSNoMatchingKey
    || error instanceof errors.JWKSMultipleMatchingKeys || error instanceof errors.JOSEAlgNotAllowed) return refuse('signature');
  if (error instanceof errors.JWSInvalid || error instanceof errors.JWTInvalid || error instanceof errors.JOSENotSupported) return refuse('malformed');
  // Anything else is the key set that could not be fetched or read (timeout, refused, not 200, bad JSON): our problem, not the user's.
  return { refused: 'keys_unavailable', status: 503 };
}
