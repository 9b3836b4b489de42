import { Cron } from 'croner';
import type { Api } from '../api/api';

/**
 * Returns lapsed MDF approvals to their funds without anyone asking: at start-up and then every hour (the claim
 * deadline is a local day; the hour catches a laptop that wakes up past midnight). It writes — and audits — only when
 * something is due ('mdf.expiry.due' first), so an idle workspace gets no hourly audit records. Shared by the Electron
 * main process and the browser-mode server; stop it with `.stop()` before closing the workspace.
 */
export function startMdfExpiryTimer(api: Api, log: (msg: string) => void = (m) => console.log(m)): Cron {
  const job = new Cron('7 * * * *', { name: 'mdf.expire', protect: true, catch: (e) => log(`MDF expiry failed: ${String(e)}`) }, async () => {
    await expireLapsedMdf(api, log);
  });
  void job.trigger();
  return job;
}

/** One tick: expire what is due, if anything. Returns how many approvals lapsed. */
export async function expireLapsedMdf(api: Api, log: (msg: string) => void): Promise<number> {
  if (!(await api.send('mdf.expiry.due', {})).due.length) return 0;
  const r = await api.send('mdf.expire', {});
  for (const e of r.expired) log(`MDF request ${e.requestId} (${e.fundCode}, ${e.partnerCode}) lapsed unclaimed: ${e.returnedMinor} returned to the fund`);
  return r.expired.length;
}
