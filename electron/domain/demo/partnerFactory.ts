import { CHANNEL_TYPES, PARTNER_STATUSES, TIERS, type ChannelType, type PartnerStatus, type Tier } from '../../../shared/enums';
import { addDays, isoDate, relDay, type DemoCalendar } from './calendar';
import { makeCreditCode } from './creditCode';
import { DEMO_REGIONS, GEOGRAPHY, REGION_WEIGHTS, shortCityName, type City, type Region } from './geography';
import { BANKS, BRANCH_WORDS, BUILDINGS, CHANNEL_MANAGERS, COMPANY_FORMS, GIVEN_CHARS, INDUSTRIES, MOBILE_PREFIXES, ROADS, SURNAMES, TRADE_NAMES } from './names';
import type { Rng } from './prng';

/** The partner row as inserted. */
export interface DemoPartnerRow {
  code: string;
  name: string;
  nameEn: string;
  channelType: ChannelType;
  tier: Tier;
  region: Region;
  province: string;
  city: string;
  status: PartnerStatus;
  owner: string;
  contactName: string;
  phone: string;
  email: string;
  address: string;
  creditCode: string;
  bankName: string;
  bankAccount: string;
  joinedOn: string | null;
}

/** How the partner's business behaves over the demo years (never stored; drives sales, targets, feedback, training). */
export interface PartnerModel {
  /** Typical monthly revenue at the start of the demo, in fen. */
  baseMonthlyMinor: number;
  /** Yearly growth (−0.3 … +0.5). */
  annualGrowth: number;
  /** Typical sales lines per month. */
  linesPerMonth: number;
  initialCustomers: number;
  /** Monthly share of customers lost and gained. */
  churnRate: number;
  newCustomerRate: number;
  /** Where this partner's attainment tends to land (≈0.95 = just under target). */
  attainmentBias: number;
  /** Mean satisfaction score, 1–5. */
  satisfaction: number;
  /** First and last day with sales (inclusive); null = no sales at all (prospects). */
  salesFrom: string | null;
  salesTo: string | null;
  /** People at the partner who take training. */
  staff: string[];
}

export interface DemoPartner {
  row: DemoPartnerRow;
  model: PartnerModel;
  /** Set once inserted. */
  id: number;
}

const CHANNEL_WEIGHTS: Record<ChannelType, number> = { direct: 6, agent: 14, dealer: 24, distributor: 12, retail: 14, ecommerce: 11, alliance: 8, telesales: 9 };
const TIER_WEIGHTS: Record<Tier, number> = { strategic: 5, tier1: 20, tier2: 35, tier3: 40 };
const STATUS_WEIGHTS: Record<PartnerStatus, number> = { prospect: 3, onboarding: 4, active: 81, probation: 5, suspended: 3, terminated: 4 };

/** Typical monthly revenue by tier, in yuan, and channel-type multipliers. */
const TIER_MONTHLY_YUAN: Record<Tier, number> = { strategic: 2_600_000, tier1: 850_000, tier2: 300_000, tier3: 95_000 };
const CHANNEL_REVENUE: Record<ChannelType, number> = { direct: 1.2, agent: 0.8, dealer: 1, distributor: 1.35, retail: 0.75, ecommerce: 1.1, alliance: 0.9, telesales: 0.5 };
const TIER_LINES: Record<Tier, number> = { strategic: 66, tier1: 34, tier2: 19, tier3: 10.5 };
const CHANNEL_LINES: Record<ChannelType, number> = { direct: 0.8, agent: 0.9, dealer: 1, distributor: 1.1, retail: 1.3, ecommerce: 1.5, alliance: 0.6, telesales: 1.2 };
const TIER_CUSTOMERS: Record<Tier, number> = { strategic: 70, tier1: 36, tier2: 18, tier3: 9 };

/** n values covering every option once (when n allows), the rest drawn by weight, then shuffled. */
function spread<T extends string>(rng: Rng, options: readonly T[], weights: Record<T, number>, n: number): T[] {
  const out: T[] = options.slice(0, Math.min(n, options.length));
  const w = options.map((o) => weights[o]);
  while (out.length < n) out.push(rng.weighted(options, w));
  return rng.shuffle(out);
}

export function personName(rng: Rng): { zh: string; pinyin: string } {
  const [sz, sp] = rng.weighted(
    SURNAMES.map((s) => [s[0], s[1]] as const),
    SURNAMES.map((s) => s[2]),
  );
  const first = rng.pick(GIVEN_CHARS);
  if (rng.chance(0.35)) return { zh: sz + first[0], pinyin: `${first[1]}.${sp}` };
  const second = rng.pick(GIVEN_CHARS);
  return { zh: sz + first[0] + second[0], pinyin: `${first[1]}${second[1]}.${sp}` };
}

const mobile = (rng: Rng) => rng.pick(MOBILE_PREFIXES) + rng.digits(8);
const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

function pickCity(rng: Rng, region: Region): { province: string; city: City } {
  const provinces = GEOGRAPHY[region];
  const cities = provinces.flatMap((p) => p.cities.map((c) => ({ province: p.name, city: c })));
  return rng.weighted(cities, cities.map((c) => c.city.weight));
}

function joinDate(rng: Rng, tier: Tier, status: PartnerStatus, cal: DemoCalendar): string | null {
  if (status === 'prospect') return null;
  // Onboarding partners joined in the last half year (at least a month ago).
  if (status === 'onboarding') return relDay(cal, -198 + rng.int(0, 165));
  // About one partner in eight joined during the demo years: its sales start there.
  if (tier !== 'strategic' && rng.chance(0.13)) return addDays(cal.firstSale, 31 + rng.int(0, 850));
  const y0 = Number(cal.firstSale.slice(0, 4));
  const year = tier === 'strategic' ? rng.int(y0 - 13, y0 - 5) : rng.weighted([-11, -9, -7, -5, -3, -2, -1].map((d) => y0 + d), [1, 2, 3, 4, 4, 3, 3]) + rng.int(0, 1);
  return isoDate(year, rng.int(1, 12), rng.int(1, 28));
}

const clamp = (v: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, v));

/** Builds `n` partners: attributes spread so that every channel type, tier and region occurs. */
export function buildPartners(rng: Rng, n: number, cal: DemoCalendar): DemoPartner[] {
  const channels = spread(rng, CHANNEL_TYPES, CHANNEL_WEIGHTS, n);
  const tiers = spread(rng, TIERS, TIER_WEIGHTS, n);
  const regions = spread(rng, DEMO_REGIONS, REGION_WEIGHTS, n);
  const statuses = spread(rng, PARTNER_STATUSES, STATUS_WEIGHTS, n);
  const usedNames = new Set<string>();
  const out: DemoPartner[] = [];

  for (let i = 0; i < n; i++) {
    const channelType = channels[i];
    const tier = tiers[i];
    const region = regions[i];
    // Strategic partners are established and in good standing.
    const status: PartnerStatus = tier === 'strategic' ? 'active' : statuses[i];
    const { province, city } = pickCity(rng, region);
    const owners = CHANNEL_MANAGERS.filter(([, rs]) => rs.includes(region)).map(([name]) => name);

    let name = '';
    let nameEn = '';
    let trade: readonly [string, string] = TRADE_NAMES[0];
    for (let attempt = 0; attempt < 50; attempt++) {
      trade = rng.pick(TRADE_NAMES);
      const [industryZh, industryEn] = rng.pick(INDUSTRIES[channelType]);
      const form = tier === 'strategic' && rng.chance(0.45) ? COMPANY_FORMS[2] : rng.weighted(COMPANY_FORMS, [80, 18, 2]);
      name = `${shortCityName(city.name)}${trade[0]}${industryZh}${form[0]}`;
      nameEn = `${city.pinyin} ${trade[1]} ${industryEn} ${form[1]}`;
      if (!usedNames.has(name)) break;
      name = '';
    }
    if (!name) {
      // Pools exhausted for this city: the Chinese way out is a second 字号 character.
      name = `${shortCityName(city.name)}${trade[0]}${i}号商贸有限公司`;
      nameEn = `${city.pinyin} ${trade[1]} No.${i} Trading Co., Ltd.`;
    }
    usedNames.add(name);

    const contact = personName(rng);
    const domain = `${trade[1]}${city.pinyin.replace(/[^A-Za-z]/g, '')}.com.cn`.toLowerCase();
    const [bank, accountLength, accountPrefix] = rng.pick(BANKS);
    const joinedOn = joinDate(rng, tier, status, cal);
    const division = city.division4 + String(rng.int(2, 12)).padStart(2, '0');
    const provincePrefix = province === city.name ? '' : province;

    const row: DemoPartnerRow = {
      code: `P${String(i + 1).padStart(4, '0')}`,
      name,
      nameEn,
      channelType,
      tier,
      region,
      province,
      city: city.name,
      status,
      owner: rng.pick(owners),
      contactName: contact.zh,
      phone: mobile(rng),
      email: `${contact.pinyin}@${domain}`,
      address: `${provincePrefix}${city.name}${rng.pick(ROADS)}${rng.int(1, 888)}号${capitalise(rng.pick(BUILDINGS))}${rng.int(1, 28)}层`,
      creditCode: makeCreditCode(rng, division),
      bankName: `${bank}${shortCityName(city.name)}${rng.pick(BRANCH_WORDS)}`,
      bankAccount: accountPrefix + rng.digits(accountLength - accountPrefix.length),
      joinedOn,
    };

    let salesTo: string | null = cal.lastSale;
    if (status === 'terminated') salesTo = addDays(cal.firstSale, 425 + rng.int(0, 600));
    if (status === 'suspended') salesTo = relDay(cal, -228 + rng.int(0, 150));
    let salesFrom = joinedOn === null ? null : joinedOn < cal.firstSale ? cal.firstSale : joinedOn;
    if (salesFrom && salesFrom > cal.lastSale) salesFrom = null;
    if (salesFrom && salesTo && salesFrom > salesTo) salesFrom = salesTo;

    const growthMean = status === 'probation' ? -0.18 : status === 'terminated' || status === 'suspended' ? -0.12 : tier === 'strategic' ? 0.12 : 0.08;
    const consumer = channelType === 'retail' || channelType === 'ecommerce' || channelType === 'telesales';
    const model: PartnerModel = {
      baseMonthlyMinor: Math.round(TIER_MONTHLY_YUAN[tier] * CHANNEL_REVENUE[channelType] * rng.lognormal(0.35) * 100),
      annualGrowth: clamp(rng.normal(growthMean, tier === 'strategic' ? 0.08 : 0.14), -0.35, 0.5),
      linesPerMonth: TIER_LINES[tier] * CHANNEL_LINES[channelType] * rng.lognormal(0.2),
      initialCustomers: Math.max(3, Math.round(TIER_CUSTOMERS[tier] * (consumer ? 3 : 1) * rng.lognormal(0.25))),
      churnRate: consumer ? rng.range(0.03, 0.06) : rng.range(0.008, 0.03),
      newCustomerRate: 0,
      attainmentBias: clamp(rng.normal(0.95, 0.11), 0.68, 1.22),
      satisfaction: clamp(rng.normal(status === 'probation' || status === 'suspended' ? 3.1 : 3.9, 0.45), 2.2, 4.8),
      salesFrom,
      salesTo,
      staff: [...new Set([contact.zh, ...Array.from({ length: rng.int(1, tier === 'strategic' ? 4 : 2) }, () => personName(rng).zh)])],
    };
    // Customer base grows with the partner: new customers replace churn plus growth.
    model.newCustomerRate = Math.max(0.002, model.churnRate + model.annualGrowth / 12);
    if (status === 'prospect') model.staff = [];
    out.push({ row, model, id: 0 });
  }
  return out;
}
