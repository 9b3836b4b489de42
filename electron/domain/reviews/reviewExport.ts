import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { OpContext } from '../opContext';
import { DomainError } from '../../../shared/errors';
import { isPeriodLabel } from '../../../shared/period';
import type { PackProposal, ReviewExportInput, ReviewExportResult, ReviewPackFile } from '../../model/reviews';
import { outputPath } from '../exports/outputPath';
import { territoryFilterIds } from '../territories/territories';
import { packContext, reviewPackData } from './reviewPackData';
import { renderReviewPackPdf } from './reviewPackPdf';
import { storeProposals } from './reviewProposals';
import { reviewStore, type ExportTarget } from './store';
import type { PartnerStatus } from '../../../shared/enums';
import { notFound } from '../../../shared/errorMessages';

/** Partners a bulk export covers: those a channel manager still reviews (not prospects, not terminated, not deleted). */
const REVIEWED_STATUSES: PartnerStatus[] = ['active', 'onboarding', 'probation', 'suspended'];

const safeName = (s: string) => s.replace(/[^A-Za-z0-9_.-]+/g, '_');
export const packFileName = (code: string, period: string, lang: string) => safeName(`QBR_${code}_${period}_${lang}.pdf`);

type Target = ExportTarget;

/** The partners of an export: the given codes (every one must exist), or every reviewed partner of the tiers and territory. */
export function exportTargets(ctx: Pick<OpContext, 'ws'>, input: Pick<ReviewExportInput, 'partnerCodes' | 'tiers' | 'territory'>): Target[] {
  const { ws } = ctx;
  if (input.partnerCodes?.length) {
    const rows = reviewStore.livePartnersByCodes(ws, input.partnerCodes);
    const missing = input.partnerCodes.filter((c) => !rows.some((r) => r.code === c));
    if (missing.length) throw new DomainError(`No partner ${missing.join(', ')}`, 'NOT_FOUND', { ...notFound('partner', missing), missing });
    return rows;
  }
  const territoryIds = input.territory ? territoryFilterIds(ws, [input.territory]) : null;
  const rows = reviewStore.livePartnersIn(ws, { statuses: REVIEWED_STATUSES, tiers: input.tiers, territoryIds });
  if (!rows.length) {
    const what = [input.tiers?.length ? `tier ${input.tiers.join(', ')}` : null, input.territory ? `territory ${input.territory}` : null].filter(Boolean).join(' in ');
    throw new DomainError(`No partner to review${what ? ` of ${what}` : ''} (only active, onboarding, probation and suspended partners get packs)`, 'NOT_FOUND', {
      reason: 'reviewNoPartners',
      params: { tiers: input.tiers ?? [], territory: input.territory ?? null },
    });
  }
  return rows;
}

/**
 * Writes one review pack PDF per partner into `out` (`QBR_<code>_<period>_<lang>.pdf`), with progress per pack. An
 * existing pack is refused before anything is written (`onExists` refuse, the default), replaced, or kept beside as
 * `name (2).pdf`. Packs are written as `.partial` files and renamed only when all are done, so a cancelled or failed
 * export leaves nothing behind and replaces nothing.
 */
export async function exportReviewPacks(ctx: OpContext, input: ReviewExportInput): Promise<ReviewExportResult> {
  const { ws } = ctx;
  if (!isPeriodLabel(input.period)) throw new DomainError(`Not a period: ${input.period}`, 'DOMAIN', { reason: 'notAPeriod', params: { period: input.period } });
  const language = input.language ?? 'zh-CN';
  const targets = exportTargets(ctx, input);
  const files = targets.map((t) => outputPath(join(input.out, packFileName(t.code, input.period, language)), input.onExists ?? 'refuse'));
  const shared = packContext(ws, ctx.clock);
  mkdirSync(input.out, { recursive: true });
  const packs: ReviewPackFile[] = [];
  const proposals: Array<{ shown: PackProposal[]; other: PackProposal[] }> = [];
  ctx.progress('packs', 0, targets.length);
  try {
    for (const [i, t] of targets.entries()) {
      ctx.throwIfCancelled();
      const data = reviewPackData(shared, t.id, input.period, language);
      const pdf = await renderReviewPackPdf(data);
      proposals.push({ shown: data.proposals, other: data.proposalsOther ?? data.proposals });
      writeFileSync(`${files[i]}.partial`, pdf);
      packs.push({ partnerCode: t.code, partnerName: t.name, file: files[i], bytes: pdf.length, pages: pageCount(pdf) });
      ctx.progress('packs', i + 1, targets.length);
    }
    ctx.throwIfCancelled();
  } catch (e) {
    for (const p of packs) rmSync(`${p.file}.partial`, { force: true });
    throw e;
  }
  for (const p of packs) renameSync(`${p.file}.partial`, p.file);
  // This period's proposals are kept for the next period's pack (and for the meeting that agrees them), in one write.
  ws.sqlite
    .transaction(() => {
      for (const [i, t] of targets.entries()) {
        const zh = language === 'zh-CN' ? proposals[i].shown : proposals[i].other;
        const en = language === 'zh-CN' ? proposals[i].other : proposals[i].shown;
        storeProposals(ws, t.id, input.period, zh, en);
      }
      ctx.audit({
        entity: 'review_pack',
        entityId: null,
        after: { period: input.period, language, out: input.out, packs: packs.length, partners: packs.slice(0, 50).map((p) => p.partnerCode) },
      });
    })
    .immediate();
  return { period: input.period, language, dir: input.out, files: packs.map((p) => p.file), packs };
}

/** Pages of a pdfkit document: its page tree's /Count (uncompressed in the trailer objects pdfkit writes). */
function pageCount(pdf: Buffer): number {
  const m = /\/Type \/Pages\s*\/Count (\d+)/.exec(pdf.toString('latin1'));
  return m ? Number(m[1]) : 0;
}
