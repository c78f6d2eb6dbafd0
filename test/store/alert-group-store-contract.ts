import type { AlertGroup } from '../../src/alerts/alert-group-store';
import type { CoreStores } from '../../src/store/core-stores';
import { at, NOW } from './contract-helpers';
import type { StoreHarness } from './harness';

const group = (key: string, patch: Partial<AlertGroup> = {}): Omit<AlertGroup, 'updatedAt'> => ({
  groupKey: key, source: 'alertmanager', rule: 'mail', service: 'mail', status: 'firing', majorIncidentId: null, broadcastId: null,
  firing: ['a1', 'b2'], resolvingSince: null, lastBroadcastAt: null, ...patch,
});

const sameTime = (a: string | null | undefined, b: string) => expect(Date.parse(a ?? '')).toBe(Date.parse(b));

/** The behaviour every AlertGroupStore must have (SQLite and PostgreSQL run this same suite). */
export function alertGroupStoreContract(name: string, harness: StoreHarness): void {
  describe(`AlertGroupStore contract: ${name}`, () => {
    let s: CoreStores;
    beforeEach(async () => {
      s = await harness.fresh();
    });
    afterEach(() => harness.cleanup());

    const incident = async (title: string, source: 'alert' | 'reports' = 'alert') =>
      (await s.incidents.createMajorIncident({ category: 'email', title, now: NOW, source }, [])).incident;

    test('save inserts, then replaces what is known; get reads it back', async () => {
      expect(await s.alertGroups.get('am|x')).toBeNull();
      await s.alertGroups.save(group('am|x'), NOW);
      expect(await s.alertGroups.get('am|x')).toMatchObject({ ...group('am|x') });
      const mi = await incident('mail: down');
      await s.alertGroups.save(group('am|x', { status: 'resolved', firing: [], majorIncidentId: mi.id, resolvingSince: at(1), lastBroadcastAt: at(0) }), at(1));
      const saved = (await s.alertGroups.get('am|x'))!;
      expect(saved).toMatchObject({ status: 'resolved', firing: [], majorIncidentId: mi.id, source: 'alertmanager' });
      sameTime(saved.resolvingSince, at(1));
      sameTime(saved.updatedAt, at(1));
    });

    test('the open group of a service, orphan incidents, the last broadcast, whether an incident fires', async () => {
      const open = await incident('mail: Mail queue stuck');
      await incident('mail: reported by people', 'reports');
      await incident('mailer: another service');
      expect(await s.alertGroups.orphanIncidentOf('mail')).toBe(open.id);
      await s.alertGroups.save(group('am|1', { majorIncidentId: open.id, lastBroadcastAt: at(2) }), at(1));
      await s.alertGroups.save(group('grafana|2', { source: 'grafana', majorIncidentId: open.id, status: 'resolved', lastBroadcastAt: at(5) }), at(2));
      expect(await s.alertGroups.orphanIncidentOf('mail')).toBeNull();
      expect((await s.alertGroups.openGroupOfService('mail', 'am|9'))?.groupKey).toBe('grafana|2'); // latest updated first
      expect((await s.alertGroups.openGroupOfService('mail', 'grafana|2'))?.groupKey).toBe('am|1');
      expect(await s.alertGroups.openGroupOfService('vpn', 'am|9')).toBeNull();
      sameTime(await s.alertGroups.lastBroadcastAt('mail'), at(5));
      expect(await s.alertGroups.lastBroadcastAt('vpn')).toBeNull();
      expect(await s.alertGroups.incidentFiring(open.id)).toBe(true);
      await s.alertGroups.save(group('am|1', { majorIncidentId: open.id, status: 'resolved' }), at(3));
      expect(await s.alertGroups.incidentFiring(open.id)).toBe(false);
    });

    test('due resolutions, oldest first; broadcasts still active on resolved incidents', async () => {
      await s.alertGroups.save(group('am|late', { status: 'resolved', resolvingSince: at(4) }), NOW);
      await s.alertGroups.save(group('am|early', { status: 'resolved', resolvingSince: at(2) }), NOW);
      await s.alertGroups.save(group('am|firing'), NOW);
      expect((await s.alertGroups.dueResolutions(at(4))).map((g) => g.groupKey)).toEqual(['am|early', 'am|late']);
      expect((await s.alertGroups.dueResolutions(at(3))).map((g) => g.groupKey)).toEqual(['am|early']);
      const mi = await incident('mail: down');
      const { broadcast } = await s.broadcasts.create({ text: 'Mail is down', audience: {}, createdBy: 'monitoring' }, NOW);
      await s.alertGroups.save(group('am|b', { majorIncidentId: mi.id, broadcastId: broadcast.id }), NOW);
      expect(await s.alertGroups.activeBroadcastsOfResolvedIncidents()).toEqual([]);
      await s.incidents.markResolved(mi.id, 'fixed', at(1));
      expect((await s.alertGroups.activeBroadcastsOfResolvedIncidents()).map((g) => g.groupKey)).toEqual(['am|b']);
      await s.broadcasts.close(broadcast.id, 'Mail is back', 'monitoring', at(2));
      expect(await s.alertGroups.activeBroadcastsOfResolvedIncidents()).toEqual([]);
    });

    test('exclusive: alert handling of two instances never overlaps', async () => {
      const other = await harness.another();
      const trace: string[] = [];
      const work = (who: string) => async () => {
        trace.push(`${who}+`);
        await new Promise((resolve) => setTimeout(resolve, 50));
        trace.push(`${who}-`);
        return who;
      };
      expect(await Promise.all([s.alertGroups.exclusive(work('a')), other.alertGroups.exclusive(work('b')), s.alertGroups.exclusive(work('c'))])).toEqual(['a', 'b', 'c']);
      if (name === 'PostgreSQL') for (let i = 0; i < trace.length; i += 2) expect(trace[i + 1]).toBe(trace[i].replace('+', '-'));
      await expect(s.alertGroups.exclusive(async () => {
        throw new Error('boom');
      })).rejects.toThrow('boom');
      expect(await other.alertGroups.exclusive(async () => 'free again')).toBe('free again');
    });
  });
}
