import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { localDate } from '../../../shared/clock';
import { setup } from '../incentives/fixture';

export const TODAY = localDate(new Date());
export const YEAR = Number(TODAY.slice(0, 4));
/** A claim deadline safely after today. */
export const LATER = `${YEAR + 1}-06-30`;

/** A workspace with partners P1, P2 (dealers, tier2, territory HD) and P3 (distributor), and fund F (¥1,000.00 this year). */
export async function mdfSetup(budgetMinor = 100_000) {
  const s = await setup([['P1'], ['P2'], ['P3', { channelType: 'distributor' }]]);
  await s.api.send('mdf.funds.add', { code: 'F', name: '华东展会基金', period: String(YEAR), budgetMinor, claimDeadline: LATER });
  const request = (partnerCode: string, amountMinor: number, share = 1, activityType: 'exhibition' | 'promotion' = 'exhibition') =>
    s.api.send('mdf.requests.add', { fundCode: 'F', partnerCode, activityType, startsOn: `${YEAR}-03-01`, endsOn: `${YEAR}-03-03`, amountMinor, share });
  const balance = () => s.api.send('mdf.balance', { fundCode: 'F' });
  return { ...s, request, balance };
}

/** Proof files: a small PDF, a PNG, an executable renamed to .pdf. */
export function proofFiles(dir: string) {
  const pdf = Buffer.concat([Buffer.from('%PDF-1.4\n% 发票 invoice\n'), randomBytes(2048), Buffer.from('\n%%EOF\n')]);
  const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), randomBytes(4096)]);
  const exe = Buffer.concat([Buffer.from('MZ'), randomBytes(1024)]);
  const paths = { pdf: join(dir, '发票.pdf'), png: join(dir, 'booth.png'), exe: join(dir, 'invoice.pdf') };
  writeFileSync(paths.pdf, pdf);
  writeFileSync(paths.png, png);
  writeFileSync(paths.exe, exe);
  return { paths, bytes: { pdf, png, exe } };
}
