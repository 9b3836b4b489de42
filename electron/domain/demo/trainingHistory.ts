import type { ChannelType, Tier } from '../../../shared/enums';
import { addDays, addMonths, relDay, type DemoCalendar } from './calendar';
import type { DemoPartner } from './partnerFactory';
import type { Rng } from './prng';
import { isRequiredFor } from '../training/compliance';
import type { trainingCourses, trainingRecords } from '../../../db/schema';

/** A demo course: the columns it is saved with (the drizzle schema's); required tiers and channel types: see isRequiredFor in training/compliance.ts. */
export type DemoCourse = Pick<typeof trainingCourses.$inferSelect, 'code' | 'titleZh' | 'titleEn' | 'category' | 'validityMonths'> & {
  requiredTiers: Tier[];
  requiredChannelTypes: ChannelType[];
  passingScore: number;
};

const ALL_TIERS: Tier[] = ['strategic', 'tier1', 'tier2', 'tier3'];

export const COURSES: DemoCourse[] = [
  { code: 'ONB-101', titleZh: '渠道伙伴入驻培训', titleEn: 'Partner onboarding essentials', category: 'onboarding', validityMonths: null, requiredTiers: ALL_TIERS, requiredChannelTypes: [], passingScore: 60 },
  { code: 'CMP-201', titleZh: '反商业贿赂与合规经营', titleEn: 'Anti-bribery and compliant business conduct', category: 'compliance', validityMonths: 12, requiredTiers: ALL_TIERS, requiredChannelTypes: [], passingScore: 80 },
  { code: 'CMP-202', titleZh: '价格政策与窜货管理', titleEn: 'Pricing policy and cross-territory selling', category: 'compliance', validityMonths: 24, requiredTiers: [], requiredChannelTypes: ['dealer', 'distributor', 'ecommerce'], passingScore: 80 },
  { code: 'PRD-301', titleZh: '智能安防产品认证', titleEn: 'Smart security product certification', category: 'product', validityMonths: 24, requiredTiers: ['strategic', 'tier1'], requiredChannelTypes: [], passingScore: 75 },
  { code: 'PRD-302', titleZh: '商用网络产品认证', titleEn: 'Business networking product certification', category: 'product', validityMonths: 24, requiredTiers: [], requiredChannelTypes: ['distributor', 'alliance', 'direct'], passingScore: 75 },
  { code: 'SAL-401', titleZh: '顾问式销售技巧', titleEn: 'Consultative selling', category: 'sales', validityMonths: 36, requiredTiers: ['strategic', 'tier1'], requiredChannelTypes: [], passingScore: 70 },
  { code: 'SAL-402', titleZh: '电商运营与大促备战', titleEn: 'E-commerce operations and campaign readiness', category: 'sales', validityMonths: 12, requiredTiers: [], requiredChannelTypes: ['ecommerce'], passingScore: 70 },
  { code: 'SAL-403', titleZh: '电话销售话术与合规', titleEn: 'Telesales scripts and compliance', category: 'sales', validityMonths: 12, requiredTiers: [], requiredChannelTypes: ['telesales'], passingScore: 75 },
  { code: 'SVC-501', titleZh: '售后服务标准', titleEn: 'After-sales service standards', category: 'service', validityMonths: 24, requiredTiers: [], requiredChannelTypes: ['dealer', 'retail', 'agent'], passingScore: 70 },
  { code: 'TEC-601', titleZh: '安装调试技术认证', titleEn: 'Installation and commissioning certification', category: 'technical', validityMonths: 24, requiredTiers: ['strategic'], requiredChannelTypes: ['alliance'], passingScore: 80 },
];

/** A demo training record: the columns it is saved with (the drizzle schema's), its course by code. */
export type DemoTrainingRecord = Pick<typeof trainingRecords.$inferSelect, 'partnerId' | 'trainee' | 'completedOn' | 'passed' | 'certificateNo' | 'expiresOn'> & {
  courseCode: string;
  score: number;
};

/** The catalogue's own requirement rule, so the demo trains people for what compliance will ask of them. */
export const isRequired = (c: DemoCourse, p: DemoPartner) => isRequiredFor({ id: 0, requiredTiers: c.requiredTiers, requiredChannelTypes: c.requiredChannelTypes }, p.row);


function dateBetween(rng: Rng, from: string, to: string): string {
  const span = Math.max(0, Math.round((Date.parse(to) - Date.parse(from)) / 86_400_000));
  return addDays(from, rng.int(0, span));
}

/**
 * Training history: each partner's people take the courses required for them (and the odd optional one).
 * Certificates are renewed most of the time but not always, so some have lapsed and some lapse in the coming months.
 */
export function buildTrainingRecords(rng: Rng, partners: DemoPartner[], cal: DemoCalendar, certificateCounter: { next: number }): DemoTrainingRecord[] {
  const out: DemoTrainingRecord[] = [];
  // Last day a course can have been completed (shortly before the as-of day); training starts a year before the sales.
  const LAST_COMPLETION = relDay(cal, -10);
  const trainingFrom = addDays(cal.firstSale, -365);
  const recentJoin = relDay(cal, -564);
  for (const p of partners) {
    if (!p.row.joinedOn || p.model.staff.length === 0) continue;
    const start = p.row.joinedOn > trainingFrom ? p.row.joinedOn : trainingFrom;
    // Partners in trouble are less diligent.
    const diligence = p.row.status === 'active' || p.row.status === 'onboarding' ? 0.85 : 0.6;
    for (const course of COURSES) {
      const required = isRequired(course, p);
      if (!required && !rng.chance(0.12)) continue;
      for (const [i, trainee] of p.model.staff.entries()) {
        if (i > 0 && !rng.chance(required ? 0.6 : 0.3)) continue;
        if (!rng.chance(diligence)) continue;
        let on = dateBetween(rng, start, start > recentJoin ? LAST_COMPLETION : addDays(start, 540));
        // Take it, retake it after a failure, renew it before or after it lapses — until the as-of date.
        for (let attempt = 0; attempt < 6 && on <= LAST_COMPLETION; attempt++) {
          const score = Math.round(Math.min(100, Math.max(35, rng.normal(87, 7))));
          const passed = score >= course.passingScore;
          const expiresOn = passed && course.validityMonths !== null ? addMonths(on, course.validityMonths) : null;
          out.push({
            partnerId: p.id,
            courseCode: course.code,
            trainee,
            completedOn: on,
            score,
            passed,
            certificateNo: passed ? `CERT-${on.slice(0, 4)}-${String(certificateCounter.next++).padStart(6, '0')}` : null,
            expiresOn,
          });
          if (!passed) on = addDays(on, rng.int(14, 60));
          else if (expiresOn && rng.chance(diligence * 0.8)) on = addDays(expiresOn, rng.int(-45, 30));
          else break;
        }
      }
    }
  }
  return out;
}
