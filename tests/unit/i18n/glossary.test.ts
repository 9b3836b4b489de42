import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CLI_TEXTS, type CliTextKey } from '../../../electron/cli/cliTexts';
import { MDF_ACTIVITY_WORDS } from '../../../shared/enums';
import { errorText, MESSAGE_REASONS, MESSAGE_WORD_TABLES } from '../../../shared/errorMessages';
import { IMPORT_FIELD_WORDS } from '../../../shared/importMessages';
import { OPERATION_WORDS } from '../../../shared/operationWords';

/**
 * The channel glossary (zh-CN / en, see README "Languages"): where an English text uses a glossary term, its Chinese
 * text uses the glossary's word for it. `alliance` is 联盟伙伴, never 合作伙伴 (the general word for any partner).
 */
const ROOT = join(import.meta.dirname, '..', '..', '..', 'renderer', 'src', 'i18n');
/**
 * Every term of the glossary (GLOSSARY.md, the team's list of channel managers' words) that the UI's English uses, with
 * the glossary's Chinese words: [English, as a pattern; the Chinese words any of which the Chinese text must use].
 * The channel types, tiers and statuses are checked word for word below. `glossary terms are used` fails when a term
 * here is used nowhere (then it is dead weight) — terms the UI does not use are listed in UNUSED_TERMS instead.
 */
const TERMS: Array<[RegExp, string[]]> = [
  [/\balliance/i, ['联盟伙伴', '联盟']],
  [/\bsales lines?\b/i, ['销售明细', '明细']],
  [/\battainment\b/i, ['达成率', '达成']],
  [/\bQoQ\b/, ['环比']],
  [/\bYoY\b/, ['同比']],
  [/\bgross margin\b/i, ['毛利率', '毛利']],
  [/\bscorecards?\b/i, ['评估卡']],
  [/\bhealth score\b/i, ['健康度']],
  [/\bgrades?\b/i, ['等级', '级']],
  [/\btargets?\b(?! bonus)/i, ['目标', '达成']], // a target bonus is 达成奖励
  [/\bcap(ped|s)?\b/i, ['封顶']],
  [/\bimpact\b/i, ['影响']],
  [/\ballocations?\b/i, ['分解', '分配']],
  [/\bchallenge\b/i, ['挑战']],
  [/\boffices?\b/i, ['办事处']],
  [/\bclaims?\b/i, ['核销']],
  [/\bexpir(y|ies)\b/i, ['有效期', '到期', '过期', '长期有效']],
  [/\bincentive programs?\b/i, ['激励政策', '政策']],
  [/\btiered rebate\b/i, ['阶梯返利']],
  [/\btarget bonus\b/i, ['达成奖励']],
  [/\baccelerator\b/i, ['加速系数']],
  [/\bSPIFFs?\b/, ['专项激励']],
  [/\branking award\b/i, ['排名奖']],
  [/\bpayout runs?\b/i, ['结算批次']],
  [/(?<!reconciliation )\bstatements?\b/i, ['结算单']],
  [/\bclawbacks?\b/i, ['追回']],
  [/\btraining records?\b/i, ['培训记录']],
  [/\bcertifications?\b/i, ['认证']],
  [/\brisk register\b/i, ['风险登记册', '风险登记']],
  [/\blikelihood\b/i, ['可能性']],
  [/(?<!tax )\btreatments?\b/i, ['应对措施', '应对']], // not a tax treatment (计税方式)
  [/\bchannel conflict\b/i, ['渠道冲突']],
  [/\bprice conflict\b/i, ['价格冲突']],
  [/\bdeal registrations?\b/i, ['商机报备', '报备']],
  [/\bunified social credit code\b/i, ['统一社会信用代码']],
  [/\breconciliation statements?\b/i, ['对账单']],
  [/\bpartner ledger\b/i, ['往来台账', '台账']],
  [/\baccru(al|als|ed)\b/i, ['计提', '预提']],
  [/\bpayables?\b/i, ['应付']],
  [/(?<!cross-)\bterritor(y|ies)\b/i, ['区域', '大区', '片区']],
  [/\bchannel managers?\b/i, ['渠道经理']],
  [/\bcoverage\b/i, ['覆盖']],
  [/\bsell-in\b/i, ['进货']],
  [/\bsell-through\b/i, ['动销', '出货']],
  [/\binventory reports?\b/i, ['库存上报']],
  [/\b(days of inventory|DOI)\b/, ['库存天数']],
  [/\b(inventory )?turnover\b/i, ['周转率', '周转']],
  [/\bchannel stuffing\b/i, ['压货']],
  [/\bcross-territory\b/i, ['窜货']],
  [/\bprice discipline\b/i, ['控价']],
  [/\bend customers?\b/i, ['终端客户']],
  [/\bRFM\b/, ['RFM']],
  [/\blapsed customers?\b/i, ['流失客户']],
  [/\bwin-back\b/i, ['挽回']],
  [/\btarget plans?\b/i, ['目标计划']],
  [/\bstretch\b/i, ['冲刺']],
  [/\bbusiness reviews?\b/i, ['业务回顾']],
  [/\baction items?\b/i, ['行动项']],
  [/\b(development funds?|MDF)\b/, ['市场费用', '市场发展基金', '基金']],
  [/\bHQ\b/, ['总部']],
  [/\bpublish(es|ed|ing)? to HQ\b/i, ['上报']],
];

/** Glossary terms the UI's English does not use (yet): listed so that a new text using one is checked once it is added to TERMS. */
const UNUSED_TERMS: Array<[RegExp, string[]]> = [
  [/\bamount in words\b/i, ['大写金额']], // the statement PDF prints 大写金额 in its bilingual layout
  [/\breimburse(d|s|ment)?\b/i, ['报销', '抵扣返利']],
];

/** The glossary's channel types, tiers and statuses (zh-CN, en) as the catalogue must word them. */
const CODED: Record<'channelType' | 'tier' | 'status', Record<string, [string, string | null]>> = {
  channelType: {
    direct: ['直销', 'Direct sales'],
    agent: ['代理商', 'Agent'],
    dealer: ['经销商', 'Dealer'],
    distributor: ['分销商', 'Distributor'],
    retail: ['零售商', 'Retailer'],
    ecommerce: ['电商', 'E-commerce'],
    alliance: ['联盟伙伴', 'Alliance partner'],
    telesales: ['电话营销', 'Telesales'],
  },
  tier: { strategic: ['战略渠道', 'Strategic'], tier1: ['一级渠道', 'Tier 1'], tier2: ['二级渠道', 'Tier 2'], tier3: ['三级渠道', 'Tier 3'] },
  // The glossary gives the statuses in Chinese only.
  status: { prospect: ['潜在', null], onboarding: ['入驻中', null], active: ['合作中', null], probation: ['考察期', null], suspended: ['暂停', null], terminated: ['终止', null] },
};

function flatten(obj: unknown, prefix = ''): Record<string, string> {
  const out: Record<string, string> = {};
  if (obj && typeof obj === 'object' && !Array.isArray(obj)) for (const [k, v] of Object.entries(obj)) Object.assign(out, flatten(v, prefix ? `${prefix}.${k}` : k));
  else out[prefix] = String(obj);
  return out;
}
const load = (lang: string, file: string) => flatten(JSON.parse(readFileSync(join(ROOT, lang, file), 'utf8')));

/**
 * The refusals' texts in both languages: each reason rendered with probe parameters — every parameter a value that
 * reads as text, number and list, then each value a template compares a parameter with (p.record === 'payoutRun',
 * p.cause === 'noPassword' …) — and every [zh-CN, en] word table they are built from.
 */
function refusalTexts(): { pairs: Array<[where: string, en: string, zh: string, probed?: string[]]>; rendered: string[] } {
  const pairs: Array<[string, string, string, string[]?]> = [];
  const source = readFileSync(join(import.meta.dirname, '..', '..', '..', 'shared', 'errorMessages.ts'), 'utf8');
  const compared = [...source.matchAll(/p\.(\w+) === '([^']+)'/g)].map((m) => ({ [m[1]!]: m[2]! }));
  const anyValue = () => Object.assign(['7'], { toString: () => '7' });
  const probe = (fixed: Record<string, unknown>) => new Proxy(fixed, { get: (t, k) => (typeof k === 'string' && k in t ? t[k] : typeof k === 'string' ? anyValue() : undefined) });
  const rendered: string[] = [];
  for (const reason of MESSAGE_REASONS) {
    let any = false;
    for (const fixed of [{}, ...compared]) {
      try {
        const body = { message: '(not worded)', data: { reason, params: probe(fixed) } };
        const en = errorText(body, 'en');
        const zh = errorText(body, 'zh-CN');
        any = true;
        if (en || zh) pairs.push([`${reason} ${JSON.stringify(fixed)}`, en, zh, Object.values(fixed)]); // empty: a probe the template renders as nothing
      } catch {
        // a probe this template cannot take (the parameter must be a list of records): another probe covers it
      }
    }
    if (any) rendered.push(reason);
  }
  const tables = { ...MESSAGE_WORD_TABLES, IMPORT_FIELD_WORDS, MDF_ACTIVITY_WORDS, OPERATION_WORDS };
  for (const [table, words] of Object.entries(tables)) for (const [key, [zh, en]] of Object.entries(words)) pairs.push([`${table}.${key}`, en, zh]);
  return { pairs, rendered };
}

describe('glossary', () => {
  it('every Chinese text uses the glossary word of each term its English text uses', () => {
    const wrong: string[] = [];
    let checked = 0;
    for (const file of readdirSync(join(ROOT, 'en')).filter((f) => f.endsWith('.json'))) {
      const en = load('en', file);
      const zh = load('zh-CN', file);
      for (const [key, raw] of Object.entries(en)) {
        const text = raw.replace(/\{\{[^}]*\}\}/g, '');
        for (const [term, words] of TERMS) {
          if (!term.test(text)) continue;
          checked++;
          if (!words.some((w) => zh[key]?.includes(w))) wrong.push(`${file} ${key}: "${text}" → "${zh[key]}" (expected ${words.join(' / ')})`);
        }
        if (/\balliance/i.test(text) && zh[key]?.includes('合作伙伴')) wrong.push(`${file} ${key}: alliance as 合作伙伴 ("${zh[key]}")`);
      }
    }
    expect(checked).toBeGreaterThan(30);
    expect(wrong).toEqual([]);
  });

  it('the command line (electron/cli/cliTexts.ts) uses the same glossary words, and has every text in both languages', () => {
    const wrong: string[] = [];
    for (const [key, raw] of Object.entries(CLI_TEXTS.en)) {
      // An English singular (`key_one`) is checked against the key's one Chinese text.
      const zh = CLI_TEXTS['zh-CN'][key.replace(/_one$/, '') as CliTextKey];
      expect(zh, key).toMatch(/[\u4e00-\u9fff]/);
      const text = raw.replace(/\{\{[^}]*\}\}/g, '');
      for (const [term, words] of TERMS) if (term.test(text) && !words.some((w) => zh.includes(w))) wrong.push(`${key}: "${text}" → "${zh}" (expected ${words.join(' / ')})`);
    }
    expect(Object.keys(CLI_TEXTS['zh-CN']).sort()).toEqual(Object.keys(CLI_TEXTS.en).filter((k) => !k.endsWith('_one')).sort());
    expect(wrong).toEqual([]);
  });

  it('the refusals (shared/errorMessages.ts) and the shared word tables use the same glossary words', () => {
    const wrong: string[] = [];
    let checked = 0;
    const check = (where: string, en: string, zh: string, probed: string[] = []) => {
      // Words of its own (not only the probe's values) are worded in Chinese too.
      if (/[A-Za-z]{3,}/.test(probed.reduce((t, v) => t.replaceAll(v, ''), en))) expect(zh, `${where} (zh-CN)`).toMatch(/[\u4e00-\u9fff]/);
      for (const [term, words] of TERMS)
        if (term.test(en)) {
          checked++;
          if (!words.some((w) => zh.includes(w))) wrong.push(`${where}: "${en}" → "${zh}" (expected ${words.join(' / ')})`);
        }
      if (/\balliance/i.test(en) && zh.includes('合作伙伴')) wrong.push(`${where}: alliance as 合作伙伴 ("${zh}")`);
    };
    const { pairs, rendered } = refusalTexts();
    expect(pairs.length).toBeGreaterThan(500);
    for (const [where, en, zh, probed] of pairs) check(where, en, zh, probed);
    expect(MESSAGE_REASONS.filter((r) => !rendered.includes(r))).toEqual([]);
    expect(rendered.length).toBeGreaterThan(150);
    expect(checked).toBeGreaterThan(100);
    expect([...new Set(wrong)]).toEqual([]);
  });

  it('the channel types, tiers and statuses read as the glossary words', () => {
    const zh = load('zh-CN', 'common.json');
    const en = load('en', 'common.json');
    for (const [group, codes] of Object.entries(CODED)) {
      for (const [code, [zhWord, enWord]] of Object.entries(codes)) {
        expect(zh[`${group}.${code}`], `${group}.${code}`).toBe(zhWord);
        if (enWord !== null) expect(en[`${group}.${code}`], `${group}.${code}`).toBe(enWord);
      }
    }
  });

  it('every glossary term listed is used by an English text (window, command line or refusals), and none listed unused is', () => {
    const texts: string[] = [];
    for (const file of readdirSync(join(ROOT, 'en')).filter((f) => f.endsWith('.json'))) texts.push(...Object.values(load('en', file)));
    texts.push(...Object.values(CLI_TEXTS.en), ...refusalTexts().pairs.map(([, en]) => en));
    const plain = texts.map((t) => t.replace(/\{\{[^}]*\}\}/g, ''));
    expect(TERMS.filter(([term]) => !plain.some((t) => term.test(t))).map(([term]) => String(term))).toEqual([]);
    expect(UNUSED_TERMS.filter(([term]) => plain.some((t) => term.test(t))).map(([term]) => String(term))).toEqual([]);
  });

  it('the channel type alliance reads 联盟伙伴', () => {
    expect(load('zh-CN', 'common.json')['channelType.alliance']).toBe('联盟伙伴');
    expect(load('en', 'common.json')['channelType.alliance']).toBe('Alliance partner');
  });
});
