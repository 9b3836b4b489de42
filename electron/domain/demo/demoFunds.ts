import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MDF_ACTIVITY_TYPES } from '../../../shared/enums';
import { periodContaining } from '../../../shared/period';
import { fiscalStartMonth } from '../incentives/calculate';
import { allocate } from '../mdf/allocations';
import { decideClaim, payClaim, submitClaim } from '../mdf/claims';
import { addFund } from '../mdf/funds';
import { approveRequest, createRequest, rejectRequest } from '../mdf/requests';
import type { OpContext } from '../opContext';
import { addDays, type DemoCalendar } from './calendar';
import type { Rng } from './prng';

export interface DemoFunds {
  funds: number;
  requests: number;
  claims: number;
}

/** The fund per partner in the quarter (fen): ¥5,000, of which 80 % is spread by last quarter's revenue. */
const BUDGET_PER_PARTNER_MINOR = 500_000;
const ALLOCATED_SHARE = 0.8;

/**
 * What happens to each of the largest allocations' requests, in order: paid, claim approved, claim awaiting review,
 * approved and not yet claimed, rejected, awaiting a decision — every state a channel manager meets on the MDF page.
 */
const STORY = ['paid', 'paid', 'claimApproved', 'claimed', 'claimed', 'approved', 'approved', 'rejected', 'pending', 'pending'] as const;

/**
 * Market development funds as a business would have them on the as-of day: this quarter's co-marketing fund, 80 % of it
 * spread over the partners by last quarter's revenue, and the largest partners' activity requests in every state (see
 * STORY), claims with a proof file. Business dates come from `ctx`'s clock (the demo pins it to the as-of day).
 */
export function insertFunds(ctx: OpContext, rng: Rng, cal: DemoCalendar, partnerCount: number): DemoFunds {
  const quarter = periodContaining(cal.asOf, 'quarter', fiscalStartMonth(ctx.ws));
  const code = `MDF-${quarter.label.replace('-', '')}`;
  const fund = addFund(ctx, {
    code,
    name: `${quarter.label} 市场推广基金（联合营销）`,
    period: quarter.label,
    budgetMinor: partnerCount * BUDGET_PER_PARTNER_MINOR,
    currency: 'CNY',
    claimDeadline: addDays(quarter.end, 45),
  });
  const allocations = allocate(ctx, { fundId: fund.id, method: 'pro_rata', amountMinor: Math.round(fund.budgetMinor * ALLOCATED_SHARE) });
  // Allocations of at least ¥1,000, so a request in whole hundreds of yuan fits (a tiny demo may have none).
  const largest = allocations
    .filter((a) => a.amountMinor >= 100_000)
    .sort((a, b) => b.amountMinor - a.amountMinor || a.partnerCode.localeCompare(b.partnerCode))
    .slice(0, STORY.length);

  const proofFolder = mkdtempSync(join(tmpdir(), 'pwb-demo-proofs-'));
  let requests = 0;
  let claims = 0;
  try {
    for (const [i, a] of largest.entries()) {
      const story = STORY[i];
      // Activities that have already happened, within the quarter, where a claim follows.
      const lastDay = story === 'pending' || story === 'approved' ? quarter.end : cal.asOf;
      const startsOn = maxDay(quarter.start, addDays(lastDay, -20 - rng.int(0, 15)));
      const endsOn = minDay(addDays(startsOn, rng.int(1, 5)), lastDay < quarter.end ? lastDay : quarter.end);
      const amountMinor = roundHundredYuan(a.amountMinor * (0.5 + rng.next() * 0.4));
      const share = i % 3 === 2 ? 0.5 : 1;
      const request = createRequest(ctx, {
        fundCode: code,
        partnerCode: a.partnerCode,
        activityType: MDF_ACTIVITY_TYPES[i % (MDF_ACTIVITY_TYPES.length - 1)],
        startsOn,
        endsOn,
        amountMinor,
        share,
        expectedLeads: 20 + rng.int(0, 80),
        expectedRevenueMinor: amountMinor * (4 + rng.int(0, 6)),
      });
      requests++;
      if (story === 'pending') continue;
      if (story === 'rejected') {
        rejectRequest(ctx, { requestId: request.id, reason: '活动方案未附预算明细，且与本季度推广主题不符，请补充后重新申请' });
        continue;
      }
      const approved = approveRequest(ctx, { requestId: request.id });
      if (story === 'approved') continue;
      const claimMinor = Math.min(approved.committedMinor ?? 0, roundHundredYuan((approved.committedMinor ?? 0) * (0.85 + rng.next() * 0.15)));
      const proof = join(proofFolder, `invoice-${request.id}.pdf`);
      writeFileSync(proof, demoInvoicePdf(`INV-${code}-${String(request.id).padStart(4, '0')}`, a.partnerCode, `CNY ${(claimMinor / 100).toFixed(2)}`, `${startsOn} - ${endsOn}`));
      const claim = submitClaim(ctx, {
        requestId: request.id,
        amountMinor: claimMinor,
        actualLeads: 10 + rng.int(0, 90),
        actualRevenueMinor: claimMinor * (2 + rng.int(0, 8)),
        proofs: [{ path: proof, name: `发票-${a.partnerCode}.pdf` }],
      });
      claims++;
      if (story === 'claimed') continue;
      decideClaim(ctx, { claimId: claim.id, decision: 'approve' });
      if (story === 'paid') payClaim(ctx, { claimId: claim.id, paymentRef: `MDF-PAY-${claim.id}` });
    }
  } finally {
    rmSync(proofFolder, { recursive: true, force: true });
  }
  return { funds: 1, requests, claims };
}

const maxDay = (a: string, b: string) => (a > b ? a : b);
const minDay = (a: string, b: string) => (a < b ? a : b);
/** Amounts people ask for: whole hundreds of yuan (10,000 fen), at least one hundred. */
const roundHundredYuan = (minor: number) => Math.max(10_000, Math.floor(minor / 10_000) * 10_000);

/**
 * A one-page invoice stand-in, written byte by byte so the same demo gives the same file (a PDF library stamps the time
 * it ran). ASCII only: the standard Helvetica font needs no embedded font.
 */
export function demoInvoicePdf(number: string, partnerCode: string, amount: string, activity: string): Buffer {
  const text = [`DEMO INVOICE ${number}`, `Partner ${partnerCode}`, `Activity ${activity}`, `Amount ${amount}`].map((line, i) => `BT /F1 14 Tf 72 ${760 - i * 24} Td (${line.replace(/[()\\]/g, '')}) Tj ET`).join('\n');
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>',
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
    `<< /Length ${Buffer.byteLength(text, 'latin1')} >>\nstream\n${text}\nendstream`,
  ];
  let pdf = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(Buffer.byteLength(pdf, 'latin1'));
    pdf += `${i + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = Buffer.byteLength(pdf, 'latin1');
  pdf += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  pdf += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(pdf, 'latin1');
}
