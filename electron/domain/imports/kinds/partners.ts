import { stampContext } from '../../opContext';
import { CHANNEL_TYPES, PARTNER_STATUSES, TIERS } from '../../../../shared/enums';
import { importMessage } from '../../../../shared/importMessages';
import { workspaceClock } from '../../system/workspaceClock';
import { addTerritory, territoryMatcher } from '../../territories/territories';
import { channelManagerMatcher, createChannelManager } from '../../channelManagers/channelManagers';
import { partnerFields } from '../../../model/partners';
import type { FieldSpec, KindContext, KindRun, RowValues } from './kind';
import { changeRecorder, defineKind } from './kind';
import { partnerImportStatements, type PartnerImage, type PartnerImportColumn, type PartnerImportValue } from '../../partners/store';

export const CHANNEL_WORDS = {
  direct: ['直销', 'Direct sales', 'Direct'],
  agent: ['代理商', '代理', 'Agent'],
  dealer: ['经销商', '经销', 'Dealer', 'Reseller'],
  distributor: ['分销商', '分销', 'Distributor'],
  retail: ['零售商', '零售', 'Retailer', 'Retail'],
  ecommerce: ['电商', '电子商务', 'E-commerce', 'Ecommerce', 'Online'],
  alliance: ['联盟伙伴', '合作伙伴渠道', '合作伙伴', '联盟', 'Alliance partner', 'Alliance'],
  telesales: ['电话营销', '电销', 'Telesales'],
} as const;
export const TIER_WORDS = {
  strategic: ['战略渠道', '战略', 'Strategic'],
  tier1: ['一级渠道', '一级', 'Tier 1', 'T1', '1'],
  tier2: ['二级渠道', '二级', 'Tier 2', 'T2', '2'],
  tier3: ['三级渠道', '三级', 'Tier 3', 'T3', '3'],
} as const;
export const STATUS_WORDS = {
  prospect: ['潜在', 'Prospect'],
  onboarding: ['入驻中', 'Onboarding'],
  active: ['合作中', '正常', '活跃', 'Active'],
  probation: ['考察期', 'Probation'],
  suspended: ['暂停', 'Suspended'],
  terminated: ['终止', '已终止', 'Terminated'],
} as const;
const fields: FieldSpec[] = [
  { name: 'code', type: 'text', required: true, synonyms: ['经销商编码', '经销商代码', '合作伙伴代码', '合作伙伴编码', '伙伴编码', '渠道编码', '编码', '代码', 'Partner Code', 'partner_code', 'Code', 'Partner ID', 'Dealer Code', '客户编码', '客户代码', '客户编号', 'Customer Code', 'Customer No'] },
  { name: 'name', type: 'text', synonyms: ['经销商名称', '合作伙伴名称', '伙伴名称', '渠道名称', '公司名称', '名称', 'Partner Name', 'Name', 'Company', 'Company Name', '客户名称', '购货单位', 'Customer Name'] },
  { name: 'nameEn', type: 'text', synonyms: ['英文名称', 'English Name', 'Name (EN)'] },
  { name: 'channelType', type: 'enum', values: CHANNEL_TYPES, synonyms: ['渠道类型', '伙伴类型', '类型', 'Channel Type', 'Channel', 'Type', 'Segment'] },
  { name: 'tier', type: 'enum', values: TIERS, synonyms: ['渠道级别', '级别', '等级', 'Tier', 'Level'] },
  { name: 'region', type: 'text', synonyms: ['大区', '区域', '销售区域', '销售大区', '片区', 'Region', 'Area', 'Territory', 'Sales Territory'] },
  { name: 'province', type: 'text', synonyms: ['省份', '省', 'Province', 'State'] },
  { name: 'city', type: 'text', synonyms: ['城市', '市', 'City'] },
  { name: 'status', type: 'enum', values: PARTNER_STATUSES, synonyms: ['状态', '合作状态', 'Status'] },
  { name: 'owner', type: 'text', synonyms: ['负责人', '渠道经理', '客户经理', 'Owner', 'Channel Manager', 'Account Manager'] },
  { name: 'contactName', type: 'text', synonyms: ['联系人', 'Contact', 'Contact Name'] },
  { name: 'phone', type: 'text', synonyms: ['电话', '联系电话', '手机', 'Phone', 'Telephone', 'Mobile'] },
  { name: 'email', type: 'text', synonyms: ['邮箱', '电子邮箱', 'Email', 'E-mail'] },
  { name: 'address', type: 'text', synonyms: ['地址', 'Address'] },
  { name: 'creditCode', type: 'text', synonyms: ['统一社会信用代码', '信用代码', 'Credit Code', 'USCC'] },
  { name: 'bankName', type: 'text', synonyms: ['开户行', '开户银行', '开户行名称', 'Bank', 'Bank Name'] },
  { name: 'bankAccount', type: 'text', synonyms: ['银行账号', '银行账户', '开户账号', 'Bank Account', 'Account Number', 'Account No'] },
  { name: 'joinedOn', type: 'date', synonyms: ['加入日期', '签约日期', '合作日期', '入驻日期', 'Joined On', 'Join Date', 'Since', 'Start Date'] },
  { name: 'currency', type: 'text', synonyms: ['币种', '货币', '结算币种', '结算货币', 'Currency', 'Settlement Currency'] },
  { name: 'notes', type: 'text', synonyms: ['备注', 'Notes', 'Remarks', 'Comment'] },
];

type PartnerValues = Record<string, unknown> & { code: string };

const COLUMN: Record<string, PartnerImportColumn> = {
  code: 'code', name: 'name', nameEn: 'name_en', channelType: 'channel_type', tier: 'tier', territoryId: 'territory_id', province: 'province',
  city: 'city', status: 'status', channelManagerId: 'channel_manager_id', contactName: 'contact_name', phone: 'phone', email: 'email', address: 'address',
  creditCode: 'credit_code', bankName: 'bank_name', bankAccount: 'bank_account', joinedOn: 'joined_on', currency: 'currency', notes: 'notes',
};

/** Insert or update by partner code; an update only changes the mapped columns that have a value in the row. */
function open(ctx: KindContext): KindRun<PartnerValues> {
  const statements = partnerImportStatements(ctx.ws);
  const { byId, managerHistory: history } = statements;
  const existing = new Map<string, PartnerImage>();
  for (const r of statements.all()) existing.set(r.code, r);
  const record = changeRecorder(ctx, 'partner');
  const patchSchema = partnerFields.partial();
  const territory = territoryMatcher(ctx.ws);
  const manager = channelManagerMatcher(ctx.ws);
  // Created on first use when the user chose to create what the file names (a value → the new id).
  const newTerritories = new Map<string, number>();
  const newManagers = new Map<string, number>();
  // The import's day on the workspace clock (ctx.now is a UTC instant: its first ten characters are the UTC day).
  const importDay = workspaceClock(ctx.ws).today(new Date(ctx.now));
  /** A territory or channel manager named in the file: mapped through the mapping's `values`, matched exactly, never guessed. */
  const reference = (row: RowValues, field: 'region' | 'owner'): { id: number } | { create: string } | null => {
    const raw = row.text(field, false, 200);
    if (raw === null) return null;
    const value = ctx.values[field]?.[raw] ?? raw;
    const what = field === 'region' ? 'territory' : 'channelManager';
    const m = field === 'region' ? territory(value) : manager(value);
    if (m === 'ambiguous') return row.fail(field, field === 'region' ? 'ambiguousTerritory' : 'ambiguousChannelManager', { value });
    if (m) return { id: m.id };
    if (field === 'region' ? ctx.create?.territories : ctx.create?.channelManagers) return { create: value };
    const code = field === 'region' ? 'unknownTerritory' : 'unknownChannelManager';
    row.errors.push({ field, message: importMessage(code, { value }), code, params: { value }, unknown: { what, value } });
    return null;
  };
  return {
    parse(row: RowValues) {
      const v: Record<string, unknown> = {};
      row.applyDefaults = false;
      const code = row.text('code', true, 64);
      // Defaults (status active unless the file or mapping says otherwise) fill new partners only: an update never
      // changes a field the file leaves empty.
      row.applyDefaults = code !== null && !existing.has(code);
      const refs: Record<string, { id: number } | { create: string }> = {};
      for (const f of fields) {
        if (f.name === 'code' || !row.has(f.name)) continue;
        if (f.name === 'region' || f.name === 'owner') {
          const r = reference(row, f.name);
          if (r) refs[f.name === 'region' ? 'territoryId' : 'channelManagerId'] = r;
          continue;
        }
        let val: unknown;
        if (f.name === 'channelType') val = row.enumOf('channelType', CHANNEL_TYPES, CHANNEL_WORDS, 'channel type');
        else if (f.name === 'tier') val = row.enumOf('tier', TIERS, TIER_WORDS, 'tier');
        else if (f.name === 'status') val = row.enumOf('status', PARTNER_STATUSES, STATUS_WORDS, 'partner status');
        else if (f.name === 'joinedOn') val = row.date('joinedOn');
        else if (f.name === 'currency') val = row.currency('currency');
        else if (f.name === 'phone') {
          const p = row.text('phone', false, 40);
          val = p === null ? null : p.replace(/[\u00a0\s]+/g, ' ');
        } else val = row.text(f.name, false, f.name === 'notes' ? 4000 : f.name === 'address' ? 300 : 200);
        if (val !== null && val !== undefined) v[f.name] = val;
      }
      if (code === null) return null;
      const before = existing.get(code);
      if (!before) {
        if (v.name === undefined) row.fail(row.has('name') ? 'name' : null, 'newPartnerNeedsName', { code });
        if (v.channelType === undefined) row.fail(row.has('channelType') ? 'channelType' : null, 'newPartnerNeedsChannelType', { code });
      } else if (before.deleted_at) {
        row.fail('code', 'partnerDeleted', { code });
      }
      const checked = patchSchema.safeParse({ code, ...v });
      if (!checked.success) for (const i of checked.error.issues) row.fail(String(i.path[0] ?? 'code'), 'schema', i.message);
      if (row.errors.length) return null;
      return { ...(checked.data as Record<string, unknown>), ...refs, code };
    },
    write(v0) {
      const v = resolveRefs(v0);
      const before = existing.get(v.code);
      if (!before) {
        const keys = Object.keys(v);
        const info = statements.insert(keys.map((k) => COLUMN[k]), keys.map((k) => v[k] as PartnerImportValue), ctx.now);
        const after = byId.get(info.lastInsertRowid)!;
        existing.set(v.code, after);
        record(after.id, 'insert', { before: null, after });
        if (after.channel_manager_id != null) history.run(after.id, null, after.channel_manager_id, importDay, ctx.user);
        return 'inserted';
      }
      const changed = Object.keys(v).filter((k) => k !== 'code' && before[COLUMN[k]] !== v[k]);
      if (changed.length === 0) return 'duplicate';
      statements.update(before.id, changed.map((k) => COLUMN[k]), changed.map((k) => v[k] as PartnerImportValue), ctx.now);
      const after = byId.get(before.id)!;
      existing.set(v.code, after);
      record(before.id, 'update', { before, after });
      if (changed.includes('channelManagerId')) history.run(before.id, before.channel_manager_id ?? null, after.channel_manager_id ?? null, importDay, ctx.user);
      return 'updated';
    },
    display: (v) => v,
    created: () => ({ territories: [...newTerritories.keys()], channelManagers: [...newManagers.keys()] }),
  };

  /** Turns the references into ids, creating the territories / channel managers the user chose to create (once each). */
  function resolveRefs(v: PartnerValues): PartnerValues {
    const out: PartnerValues = { ...v };
    for (const k of ['territoryId', 'channelManagerId'] as const) {
      const r = v[k] as { id: number } | { create: string } | undefined;
      if (!r) continue;
      if ('id' in r) out[k] = r.id;
      else if (k === 'territoryId') {
        let id = newTerritories.get(r.create);
        if (id === undefined) newTerritories.set(r.create, (id = addTerritory(stampContext(ctx.ws, ctx.now), { nameZh: r.create, nameEn: /^[\x20-\x7e]+$/.test(r.create) ? r.create : null }).id));
        out[k] = id;
      } else {
        let id = newManagers.get(r.create);
        if (id === undefined) newManagers.set(r.create, (id = createChannelManager(stampContext(ctx.ws, ctx.now), r.create.includes('@') ? { name: r.create.split('@')[0], email: r.create } : { name: r.create }).id));
        out[k] = id;
      }
    }
    return out;
  }
}

export const partnersKind = defineKind({ kind: 'partners', fields, defaults: { status: 'active' }, open });
