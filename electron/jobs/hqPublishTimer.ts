import { Cron } from 'croner';
import type { Api } from '../api/api';

/**
 * Publishing to HQ on the app's schedule (Electron main and browser-mode server): every 15 minutes, when an HQ
 * connection is configured and changes are waiting, run the 'hq.publish' job. An unreachable HQ only records the
 * error (Settings → HQ shows it); the changes stay in the change log and the next tick tries again.
 */
export function startHqPublishTimer(api: Api, log: (msg: string) => void = (m) => console.log(m)): Cron {
  return new Cron('*/15 * * * *', { name: 'hq.publish', protect: true, catch: (e) => log(`scheduled HQ publish failed: ${String((e as Error).message ?? e)}`) }, async () => {
    const s = await api.send('hq.status', {});
    if (!s.url || !s.officeName || s.pending === 0) return;
    const r = await api.send('hq.publish', {});
    log(`published ${r.changes} change(s) to HQ as ${r.office}`);
  });
}
