import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { ssoResource, TeamsSsoVerifier } from '../../channels/teams/teams-sso';
import { JwksStandIn } from './helpers/jwks-stand-in';

const SSO_APP = '7d1c2b3a-9e8f-4a5b-8c7d-6e5f4a3b2c1d';
const TENANT = '72f988bf-86f1-41af-91ab-2d7cd011db47';
const OTHER_TENANT = '9188040d-6c67-4c5b-b112-36a304b66dad';
const OID = '6c1f4b2e-8d3a-4f57-9b0e-2a7c5d1e9f40';

describe('TeamsSsoVerifier', () => {
  let jwks: JwksStandIn;
  beforeAll(async () => {
    jwks = new JwksStandIn();
    await jwks.start();
  });
  afterAll(() => jwks.stop());
  const config = (extra: object = {}) => ({ appId: SSO_APP, resource: ssoResource('https://helpdesk.contoso.com/', SSO_APP), jwksUrl: jwks.url, ...extra });

  test('names the user and tenant of a valid token; the key set is fetched once for many tokens', async () => {
    const verifier = new TeamsSsoVerifier(config());
    const before = jwks.requests;
    for (let i = 0; i < 3; i++) expect(await verifier.verify(await jwks.token(SSO_APP, OID, TENANT))).toEqual({ oid: OID, tid: TENANT });
    expect(jwks.requests - before).toBe(1);
  });

  test('with TEAMS_TENANT_ID only that tenant\'s users get in', async () => {
    const verifier = new TeamsSsoVerifier(config({ tenantId: TENANT }));
    expect(await verifier.verify(await jwks.token(SSO_APP, OID, OTHER_TENANT))).toEqual({ refused: 'tenant', status: 401 });
    expect(await verifier.verify(await jwks.token(SSO_APP, OID, TENANT))).toEqual({ oid: OID, tid: TENANT });
  });

  test('a key set that cannot be fetched is a 503 (our problem), not a 401 and not a crash', async () => {
    const down = http.createServer((_req, res) => {
      res.writeHead(500);
      res.end('oops');
    });
    await new Promise<void>((resolve) => down.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(down.address() as AddressInfo).port}/keys`;
    try {
      const verifier = new TeamsSsoVerifier(config({ jwksUrl: url }));
      expect(await verifier.verify(await jwks.token(SSO_APP, OID, TENANT))).toEqual({ refused: 'keys_unavailable', status: 503 });
    } finally {
      down.close();
    }
    expect(await new TeamsSsoVerifier(config()).verify(undefined)).toEqual({ refused: 'missing', status: 401 });
  });
});
