import { RISK_CATEGORIES, RISK_STATUSES, RISK_TREATMENTS } from '../../../../shared/enums';
import type { RiskInput } from '../../../model/risks';
import { DomainError } from '../../../../shared/errors';
import { errorReason } from '../../../../shared/errorMessages';
import type { ImportMessageCode } from '../../../../shared/importMessages';
import { createRisk, updateRisk } from '../../risks/riskRegister';
import { changeContextAt } from '../../opContext';
import { riskImportStatements } from '../../risks/store';
import type { FieldSpec, KindContext, KindRun, RowValues } from './kind';
import { changeRecorder, partnerLookup, RowRejected, defineKind } from './kind';

const CATEGORY_WORDS = {
  channel_conflict: ['渠道冲突', '窜货', 'Channel conflict'],
  price_conflict: ['价格冲突', '乱价', 'Price conflict'],
  market: ['市场', '市场风险', 'Market'],
  credit: ['信用', '信用风险', '回款', 'Credit'],
  operational: ['运营', '运营风险', 'Operational'],
  compliance: ['合规', '合规风险', 'Compliance'],
  technical: ['技术', '技术风险', 'Technical'],
  supply: ['供应', '供应链', 'Supply'],
  inventory: ['库存', '库存风险', '压货', 'Inventory'],
} as const;
const TREATMENT_WORDS = { avoid: ['规避', 'Avoid'], reduce: ['降低', '减轻', 'Reduce', 'Mitigate'], transfer: ['转移', 'Transfer'], accept: ['接受', 'Accept'] } as const;
const STATUS_WORDS = { open: ['未处理', '打开', '开放', 'Open'], mitigating: ['处理中', '缓解中', 'Mitigating'], accepted: ['已接受', 'Accepted'], closed: ['已关闭', '关闭', 'Closed'] } as const;

const fields: FieldSpec[] = [
  { name: 'code', type: 'text', synonyms: ['风险编号', '风险编码', 'Risk Code', 'Risk ID', 'Code'] },
  { name: 'title', type: 'text', required: true, synonyms: ['风险', '风险名称', '标题', '风险描述简述', 'Title', 'Risk', 'Risk Title'] },
  { name: 'description', type: 'text', synonyms: ['描述', '风险描述', '说明', 'Description', 'Details'] },
  { name: 'category', type: 'enum', values: RISK_CATEGORIES, required: true, synonyms: ['类别', '风险类别', '风险类型', 'Category', 'Type'] },
  { name: 'partnerCode', type: 'text', synonyms: ['经销商编码', '经销商代码', '合作伙伴代码', '合作伙伴编码', '伙伴编码', '渠道编码', 'Partner Code', 'Partner', 'Partner ID'] },
  { name: 'likelihood', type: 'integer', required: true, synonyms: ['可能性', '发生可能性', 'Likelihood', 'Probability'] },
  { name: 'impact', type: 'integer', required: true, synonyms: ['影响', '影响程度', 'Impact', 'Severity'] },
  { name: 'residualLikelihood', type: 'integer', synonyms: ['剩余可能性', 'Residual Likelihood'] },
  { name: 'residualImpact', type: 'integer', synonyms: ['剩余影响', '剩余影响程度', 'Residual Impact'] },
  { name: 'owner', type: 'text', synonyms: ['负责人', '责任人', 'Owner'] },
  { name: 'treatment', type: 'enum', values: RISK_TREATMENTS, synonyms: ['应对措施', '应对策略', 'Treatment', 'Response'] },
  { name: 'status', type: 'enum', values: RISK_STATUSES, synonyms: ['状态', 'Status'] },
  { name: 'nextReviewOn', type: 'date', synonyms: ['下次复核日期', '复核日期', 'Next Review', 'Next Review On', 'Review Date'] },
];

type RiskValues = RiskInput & { code?: string };

/** Risks go through the register (createRisk / updateRisk) so each change has its history entry; matched by code, else by title and partner. */
function open(ctx: KindContext): KindRun<RiskValues> {
  const { ws } = ctx;
  const partners = partnerLookup(ws);
  const record = changeRecorder(ctx, 'risk');
  const { idByCode, idByTitle, image } = riskImportStatements(ws);
  // Every row is stamped with the import's instant.
  const change = changeContextAt(ctx.ws, ctx.user, new Date(ctx.now));
  const raw = (id: number) => image.get(id)!;
  const scale = (row: RowValues, f: string, required: boolean) => {
    const v = row.integer(f, required);
    if (v !== null && (v < 1 || v > 5)) return row.fail(f, 'wholeOneToFive');
    return v;
  };
  return {
    parse(row: RowValues) {
      const v: Record<string, unknown> = {};
      const code = row.text('code', false, 32);
      if (code !== null) v.code = code;
      v.title = row.text('title', true, 200);
      const description = row.text('description', false, 4000);
      if (description !== null) v.description = description;
      v.category = row.enumOf('category', RISK_CATEGORIES, CATEGORY_WORDS, 'risk category', true);
      const pc = row.text('partnerCode', false, 64);
      if (pc !== null) {
        const p = partners.get(pc);
        if (!p) row.fail('partnerCode', 'unknownPartner', { code: pc });
        else v.partnerId = p.id;
      }
      v.likelihood = scale(row, 'likelihood', true);
      v.impact = scale(row, 'impact', true);
      for (const f of ['residualLikelihood', 'residualImpact']) {
        const x = scale(row, f, false);
        if (x !== null) v[f] = x;
      }
      const owner = row.text('owner', false, 100);
      if (owner !== null) v.owner = owner;
      const treatment = row.enumOf('treatment', RISK_TREATMENTS, TREATMENT_WORDS, 'treatment');
      if (treatment !== null) v.treatment = treatment;
      const status = row.enumOf('status', RISK_STATUSES, STATUS_WORDS, 'risk status');
      if (status !== null) v.status = status;
      const next = row.date('nextReviewOn');
      if (next !== null) v.nextReviewOn = next;
      if (row.errors.length) return null;
      return v as RiskValues;
    },
    write(v) {
      const hitId = v.code ? idByCode.get(v.code) : idByTitle.get(v.title, v.partnerId ?? null);
      try {
        if (hitId === undefined) {
          const after = createRisk(change, v);
          record(after.id, 'insert', { before: null, after: raw(after.id) });
          return 'inserted';
        }
        const before = raw(hitId);
        const { before: b, after: a } = updateRisk(change, hitId, v);
        if (a === b) return 'duplicate';
        record(hitId, 'update', { before, after: raw(hitId) });
        return 'updated';
      } catch (e) {
        // The register's own checks (residual above inherent, …) reject the row, not the import.
        if (e instanceof DomainError) throw registerRefusal(e);
        throw e;
      }
    },
    display: (v) => v as Record<string, unknown>,
  };
}

export const risksKind = defineKind({ kind: 'risks', fields, rowSavepoint: true, open });

/** The register's refusals (shared/errorMessages reasons) as the import's row error codes, worded in the reader's language. */
const REGISTER_REFUSALS: Record<string, { code: ImportMessageCode; field: string | null }> = {
  riskResidualPair: { code: 'residualPair', field: null },
  riskResidualAboveInherent: { code: 'residualAboveInherent', field: 'residualLikelihood' },
  riskCodeTaken: { code: 'riskCodeTaken', field: 'code' },
};

function registerRefusal(e: DomainError): RowRejected {
  const r = errorReason(e.data);
  const known = r ? REGISTER_REFUSALS[r.reason] : undefined;
  if (known) return new RowRejected(known.code, r!.params, known.field ?? (typeof r!.params.missing === 'string' ? r!.params.missing : null));
  // A check of the register's schema the row passed here (the kind checks the same fields): its own words.
  return new RowRejected('registerRefused', { detail: e.message });
}
