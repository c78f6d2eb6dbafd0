import type { RestartableJob } from '../cluster/exclusive-job';
import type { BroadcastService } from './broadcast-service';

/**
 * Broadcast sending as a job for the 'broadcasts' cluster lease: the holder sends, and every `sweepMs` looks
 * for deliveries posted on other instances (their kicks are ignored there) or left by a dead holder. Each
 * delivery is still claimed row by row, so a holder that lost its lease mid-run sends nothing twice.
 */
export function broadcastJob(service: BroadcastService, sweepMs = 3000): RestartableJob {
  let timer: NodeJS.Timeout | null = null;
  return {
    start() {
      service.resume();
      service.kick();
      timer = setInterval(() => {
        service.broadcasts.countPending().then((n) => n > 0 && service.kick(), () => undefined);
      }, sweepMs);
      timer.unref();
    },
    async stop() {
      if (timer) clearInterval(timer);
      timer = null;
      await service.stop();
    },
  };
}
