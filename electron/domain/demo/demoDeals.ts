import type { Workspace } from '../../../db/database';
import { registerDeal } from '../deals/dealRegistration';
import { changeContextAt } from '../opContext';
import { getSetting, setSetting } from '../system/settingsStore';
import { relDay, type DemoCalendar } from './calendar';
import { CATEGORIES } from './catalogue';
import { makeCreditCode } from './creditCode';
import type { DemoPartner } from './partnerFactory';
import type { Rng } from './prng';

/** End customers the partners chase (fictional), with the administrative division of their credit code. */
const CUSTOMERS: Array<[name: string, division: string]> = [
  ['杭州滨江智慧园区管理有限公司', '330108'],
  ['苏州工业园区星河物业服务有限公司', '320571'],
  ['成都天府云数据科技有限公司', '510116'],
  ['武汉光谷未来教育集团有限公司', '420111'],
  ['深圳前海鹏程供应链有限公司', '440305'],
  ['青岛海湾国际酒店管理有限公司', '370202'],
  ['西安曲江文旅发展有限公司', '610113'],
  ['长沙湘江新区建设投资有限公司', '430104'],
  ['郑州中原数字港运营有限公司', '410105'],
  ['沈阳浑南智造产业园有限公司', '210112'],
];

/** Registrations take these channels: the ones that sell projects. */
const DEAL_CHANNELS = new Set(['agent', 'dealer', 'distributor', 'alliance']);

/**
 * A dozen deal registrations (商机报备) from the weeks before the as-of date, through the deal-registration rules:
 * most are approved and protected; one partner registers a customer another already holds (the name written with
 * a full-width space and 有限责任公司), and one quote is under the product line's floor — both wait for the manager.
 */
export function insertDeals(ws: Workspace, rng: Rng, partners: DemoPartner[], cal: DemoCalendar, user: string, now: Date): number {
  const candidates = partners.filter((p) => p.row.status === 'active' && DEAL_CHANNELS.has(p.row.channelType));
  if (candidates.length < 2) return 0;
  if (Object.keys(getSetting<Record<string, number>>(ws.db, 'deals.priceFloors', {})).length === 0) {
    // Floors per product line, in fen (unit prices below these need the manager's approval).
    setSetting(ws.db, 'deals.priceFloors', { 智能安防: 150_000, 网络设备: 80_000, 软件与服务: 200_000 }, now);
  }
  const customers = CUSTOMERS.map(([name, division]) => ({ name, creditCode: makeCreditCode(rng, division) }));
  const holders: DemoPartner[] = [];
  let n = 0;
  const register = (partner: DemoPartner | null, customer: { name: string; creditCode: string | null }, daysBefore: number, productLine: string, quotedPriceMinor: number | null) => {
    registerDeal(
      // each registration as made on its own day, by the demo's user
      changeContextAt(ws, user, new Date(`${relDay(cal, -daysBefore)}T02:00:00Z`)),
      {
        partnerId: partner?.id ?? null,
        customerName: customer.name,
        customerCreditCode: customer.creditCode,
        productLine,
        expectedValueMinor: rng.int(20, 300) * 1_000_000,
        quotedPriceMinor,
        expectedCloseOn: relDay(cal, rng.int(20, 120)),
      },
    );
    n++;
  };

  customers.forEach((c, i) => {
    const partner = rng.pick(candidates);
    holders.push(partner);
    const line = rng.pick(CATEGORIES);
    register(partner, c, 70 - i * 6, line, rng.int(30, 60) * 10_000);
  });
  // The direct team registers a key account of its own.
  register(null, { name: '华润智慧城市科技（深圳）有限公司', creditCode: null }, 12, '软件与服务', 350_000);
  // Another partner claims customer 2 under a differently written name: a channel conflict.
  const rival = candidates.find((p) => p !== holders[1]) ?? candidates[0];
  register(rival, { name: '苏州工业园区　星河物业服务有限责任公司', creditCode: null }, 5, '智能安防', 180_000);
  // A quote under the floor for network equipment: a price conflict.
  register(rng.pick(candidates), { name: '宁波东方港城网络科技有限公司', creditCode: null }, 3, '网络设备', 60_000);
  return n;
}
