/**
 * Review packs: `npm run bench:reviews` — 300 review packs with charts from the demo workspace (scale 1, as of
 * 2026-11-29, generated once into .bench/), each partner with a recorded review of the quarter before so packs carry
 * action items. Prints total seconds (goal ≤ 60 s), KB per pack (goal ≤ 400 KB each), and the ratio against a bare
 * reference measured in the same run: the same number of one-page pdfkit documents with the embedded font and the
 * same amount of text, no data and no charts.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openWorkspace } from '../db/database';
import { createApi } from '../electron/api/api';
import { openPdf } from '../electron/domain/statements/pdfParts';

const PACKS = Number(process.env.PACKS ?? 300);
const PERIOD = process.env.PERIOD ?? '2026-Q3';
const LANG = (process.env.LANG_PACK ?? 'zh-CN') as 'zh-CN' | 'en';
const ROOT = join(import.meta.dirname, '..');
const db = join(ROOT, '.bench', 'reviews.sqlite');

if (!existsSync(db)) {
  mkdirSync(join(ROOT, '.bench'), { recursive: true });
  console.log('generating the demo workspace (scale 1) into .bench/reviews.sqlite …');
  const r = spawnSync(process.execPath, ['--import', 'tsx', join(ROOT, 'electron/cli/pwb.ts'), 'init', '--db', db, '--demo', '--as-of', '2026-11-29'], { stdio: 'inherit', env: { ...process.env, PWB_USER: 'bench' } });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

const ws = openWorkspace(db);
const api = createApi({ ws, user: 'bench' });
const partners = ws.sqlite.prepare('select id, code from partners where deleted_at is null order by code limit ?').all(PACKS) as Array<{ id: number; code: string }>;
const hasMeetings = (ws.sqlite.prepare('select count(*) as n from review_meetings').get() as { n: number }).n > 0;
if (!hasMeetings) {
  for (const p of partners) {
    await api.send('reviews.meetings.save', {
      partnerId: p.id,
      period: '2026-Q2',
      heldOn: '2026-07-15',
      attendees: ['渠道经理', '伙伴总经理'],
      minutes: '回顾二季度经营情况与三季度计划。',
      decisions: ['三季度主推网络设备', '补齐认证'],
      actions: [
        { description: '提交三季度促销计划', owner: '伙伴总经理', dueOn: '2026-07-31', status: 'done' },
        { description: '补齐两名工程师认证', owner: '渠道经理', dueOn: '2026-09-30' },
        { description: '清理逾期应收', owner: '伙伴财务', dueOn: '2026-12-31', status: 'in_progress' },
      ],
    });
  }
}

async function bare(n: number): Promise<number> {
  const t = performance.now();
  for (let i = 0; i < n; i++) {
    const { doc, done } = openPdf({ Title: `bare ${i}`, Author: 'bench', Subject: 'bare' });
    for (let k = 0; k < 60; k++) doc.fontSize(9).text(`第 ${k} 行 · 业务回顾 Business review ¥123,456.78 82.3% 渠道经理 ${i}`);
    doc.end();
    await done;
  }
  return (performance.now() - t) / 1000;
}

const out = mkdtempSync(join(tmpdir(), 'pwb-bench-reviews-'));
try {
  await bare(3); // warm the font and the JIT for both
  const bareS = await bare(partners.length);
  const t = performance.now();
  const r = await api.send('reviews.export', { period: PERIOD, out, language: LANG, partnerCodes: partners.map((p) => p.code) });
  const packsS = (performance.now() - t) / 1000;
  const kb = r.packs.map((p) => p.bytes / 1024);
  const pages = r.packs.map((p) => p.pages);
  const result = {
    bench: 'reviews',
    packs: r.packs.length,
    language: LANG,
    totalS: +packsS.toFixed(2),
    perPackMs: +((packsS * 1000) / r.packs.length).toFixed(1),
    kbAvg: +(kb.reduce((s, x) => s + x, 0) / kb.length).toFixed(1),
    kbMax: +Math.max(...kb).toFixed(1),
    pagesMax: Math.max(...pages),
    bareS: +bareS.toFixed(2),
    ratio: +(packsS / bareS).toFixed(2),
  };
  console.log(`${result.packs} review packs (${LANG}, ${PERIOD}) in ${result.totalS} s (goal ≤ 60 s), ${result.perPackMs} ms each`);
  console.log(`size: ${result.kbAvg} KB average, ${result.kbMax} KB largest (goal ≤ 400 KB each), up to ${result.pagesMax} pages`);
  console.log(`bare reference (one-page text PDFs, same count): ${result.bareS} s → ratio ${result.ratio}`);
  console.log(JSON.stringify(result));
} finally {
  rmSync(out, { recursive: true, force: true });
  ws.close();
}
