import type { Workspace } from '../../../db/database';
import { demoStore } from './store';

/** The demo's issuing company: a fictional profile with a credit code with a valid check character, so demo statements can be issued. */
export const DEMO_COMPANY_PROFILE: Record<string, string | number> = {
  'company.name': '华信科技（上海）有限公司',
  'company.nameEn': 'Huaxin Technology (Shanghai) Co., Ltd.',
  'company.creditCode': '91310115MA1H7B2X36',
  'company.address': '上海市浦东新区张江高科技园区碧波路 690 号',
  'company.bankName': '招商银行上海张江支行',
  'company.bankAccount': '121909876510801',
  'statement.taxTreatment': 'inclusive',
  'statement.taxRate': 0.06,
  'statement.invoiceRequirement': '付款前请开具税率 6% 的增值税专用发票，抬头为华信科技（上海）有限公司。',
};

export function writeDemoCompanyProfile(ws: Workspace, at: Date): void {
  demoStore.addMissingSettings(ws, DEMO_COMPANY_PROFILE, at.toISOString());
}
