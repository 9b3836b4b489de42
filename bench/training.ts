/** Training compliance / matrix timings on a synthetic 10k-partner workspace: `npx tsx bench/training.ts`. */
import { openMemoryWorkspace } from '../db/database';
import { CHANNEL_TYPES, TIERS } from '../shared/enums';
import { trainingCompliance } from '../electron/domain/training/compliance';
import { complianceMatrix } from '../electron/domain/training/complianceMatrix';
import { expiringCertificates } from '../electron/domain/training/expiringCertificates';
import { computeExpiry } from '../electron/model/trainingExpiry';
import { addDays } from '../shared/period';

const PARTNERS = Number(process.env.PARTNERS ?? 10_000);
const ws = openMemoryWorkspace();
const s = ws.sqlite;
let seed = 42;
const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
s.transaction(() => {
  const c = s.prepare('insert into training_courses (code, title_zh, title_en, category, validity_months, required_tiers, required_channel_types) values (?, ?, ?, ?, ?, ?, ?)');
  for (let i = 0; i < 12; i++) {
    const tiers = TIERS.filter(() => rnd() < 0.5);
    const types = i % 3 === 0 ? CHANNEL_TYPES.filter(() => rnd() < 0.4) : [];
    c.run(`C${i}`, `课程${i}`, `Course ${i}`, 'product', i % 4 === 0 ? null : 12 * (1 + (i % 3)), JSON.stringify(tiers), JSON.stringify(types));
  }
  const p = s.prepare("insert into partners (code, name, channel_type, tier, status) values (?, ?, ?, ?, 'active')");
  const r = s.prepare('insert into training_records (partner_id, course_id, trainee, completed_on, passed, expires_on) values (?, ?, ?, ?, ?, ?)');
  for (let i = 0; i < PARTNERS; i++) {
    const id = Number(p.run(`P${i}`, `伙伴${i}`, CHANNEL_TYPES[i % CHANNEL_TYPES.length], TIERS[i % TIERS.length]).lastInsertRowid);
    for (let k = 0; k < 8; k++) {
      const course = 1 + Math.floor(rnd() * 12);
      const on = addDays('2022-01-01', Math.floor(rnd() * 1400));
      const passed = rnd() < 0.85;
      r.run(id, course, `T${k}`, on, passed ? 1 : 0, passed ? computeExpiry(on, 12 * (1 + ((course - 1) % 3))) : null);
    }
  }
})();
function time(label: string, fn: () => unknown) {
  fn();
  const t = performance.now();
  const n = 5;
  for (let i = 0; i < n; i++) fn();
  console.log(`${label}: ${((performance.now() - t) / n).toFixed(1)} ms`);
}
console.log(`${PARTNERS} partners, ${PARTNERS * 8} records`);
time('trainingCompliance (all)', () => trainingCompliance(ws, '2025-06-30'));
time('trainingCompliance (100 ids)', () => trainingCompliance(ws, '2025-06-30', Array.from({ length: 100 }, (_, i) => i + 1)));
time('complianceMatrix (all)', () => complianceMatrix(ws, { asOf: '2025-06-30' }));
time('expiringCertificates 90d', () => expiringCertificates(ws, '2025-06-30', 90));
