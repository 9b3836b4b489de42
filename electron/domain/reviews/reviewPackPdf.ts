import type SVGtoPDFModule from 'svg-to-pdfkit';
import { lazyModule } from '../lazyModule';
import { formatMoney } from '../../../shared/money';
import type { ReviewPackData } from '../../model/reviews';
import { channelText, periodText } from '../incentives/explanation';
import { drawPageFooters, openPdf } from '../statements/pdfParts';
import type * as ReviewCharts from './reviewCharts';

const svgToPdf = lazyModule<typeof SVGtoPDFModule>('svg-to-pdfkit');

type Pair = [string, string];
const TIER: Record<string, Pair> = { strategic: ['战略渠道', 'Strategic'], tier1: ['一级渠道', 'Tier 1'], tier2: ['二级渠道', 'Tier 2'], tier3: ['三级渠道', 'Tier 3'] };
const PARTNER_STATUS: Record<string, Pair> = {
  prospect: ['潜在', 'Prospect'],
  onboarding: ['入驻中', 'Onboarding'],
  active: ['合作中', 'Active'],
  probation: ['考察期', 'Probation'],
  suspended: ['暂停', 'Suspended'],
  terminated: ['终止', 'Terminated'],
};
const RUN_STATUS: Record<string, Pair> = { draft: ['草稿', 'Draft'], approved: ['已批准', 'Approved'], paid: ['已支付', 'Paid'], void: ['已作废', 'Void'] };
const RISK_LEVEL: Record<string, Pair> = { low: ['低', 'Low'], medium: ['中', 'Medium'], high: ['高', 'High'], critical: ['极高', 'Critical'] };
const RISK_STATUS: Record<string, Pair> = { open: ['未处理', 'Open'], mitigating: ['缓解中', 'Mitigating'], accepted: ['已接受', 'Accepted'], closed: ['已关闭', 'Closed'] };
const DEAL_STATUS: Record<string, Pair> = { pending: ['待审核', 'Pending'], conflict: ['冲突待裁定', 'Conflict'], approved: ['已批准', 'Approved'] };
const ACTION_STATUS: Record<string, Pair> = { open: ['未开始', 'Open'], in_progress: ['进行中', 'In progress'], done: ['已完成', 'Done'], cancelled: ['已取消', 'Cancelled'] };
const FORECAST_STATE: Record<string, Pair> = { complete: ['已结束', 'ended'], in_progress: ['进行中', 'under way'], not_started: ['未开始', 'not started'] };
const SOURCE: Record<string, Pair> = {
  meeting: ['会议议定', 'Agreed'],
  attainment: ['达成', 'Attainment'],
  grade: ['评级', 'Grade'],
  training: ['培训', 'Training'],
  certificates: ['证书', 'Certificates'],
  risk: ['风险', 'Risk'],
  deal: ['商机', 'Deal'],
  carried: ['遗留', 'Carried'],
  customers: ['终端客户', 'Customers'],
  target: ['目标', 'Target'],
};
const SEGMENT: Record<string, Pair> = {
  champions: ['核心客户', 'Champions'],
  loyal: ['忠诚客户', 'Loyal'],
  new: ['新客户', 'New'],
  atRisk: ['流失风险', 'At risk'],
  hibernating: ['沉睡客户', 'Hibernating'],
  lost: ['已流失', 'Lost'],
};

interface Column {
  title: string;
  width: number;
  align?: 'left' | 'right' | 'center';
}

/**
 * One partner's business review pack (业务回顾材料) as an A4 PDF in zh-CN or en: cover with the scorecard and the change
 * since the last review; revenue, attainment and category-mix charts drawn by echarts on the server as SVG and put into
 * the PDF as vector paths (svg-to-pdfkit); targets and forecast; incentives earned and paid; training and expiring
 * certificates; open risks and deals; last review's action items with their status; this period's proposed actions.
 * Text uses the embedded CJK font, subset per document, as statements do.
 */
export async function renderReviewPackPdf(d: ReviewPackData): Promise<Buffer> {
  // The charts module loads echarts (~0.4 s): only when a pack is drawn, not at every start of the app or of `pwb`.
  return drawReviewPack(d, await import('./reviewCharts'));
}

function drawReviewPack(d: ReviewPackData, { attainmentChartSvg, mixChartSvg, revenueChartSvg }: typeof ReviewCharts): Promise<Buffer> {
  const zh = d.language === 'zh-CN';
  const w = (z: string, e: string) => (zh ? z : e);
  const pair = (map: Record<string, Pair>, code: string) => (map[code] ? w(map[code][0], map[code][1]) : code);
  const money = (v: number | null) => (v == null ? '—' : formatMoney(v, d.partner.currency));
  const pct = (v: number | null) => (v == null ? '—' : `${(Math.round(v * 1000) / 10).toFixed(1)}%`);
  const signedPct = (v: number | null) => (v == null ? '—' : `${v >= 0 ? '+' : ''}${(Math.round(v * 1000) / 10).toFixed(1)}%`);
  const periodWords = periodText(d.period.label, d.language);
  const partnerName = zh ? d.partner.name : (d.partner.nameEn ?? d.partner.name);
  const { doc, done } = openPdf({
    Title: `${w('业务回顾', 'Business review')} ${d.partner.code} ${d.period.label}`,
    Author: (zh ? d.company.name : (d.company.nameEn ?? d.company.name)) ?? '',
    Subject: 'Business review pack 业务回顾材料',
  });
  const left = doc.page.margins.left;
  const width = doc.page.width - left - doc.page.margins.right;
  const bottom = () => doc.page.height - doc.page.margins.bottom - 10;
  const ensure = (h: number) => {
    if (doc.y + h > bottom()) doc.addPage();
  };
  const heading = (text: string) => {
    ensure(60);
    doc.moveDown(0.6);
    doc.fontSize(12).fillColor('#1d3557').text(text, left, doc.y, { width });
    const y = doc.y + 1;
    doc.moveTo(left, y).lineTo(left + width, y).lineWidth(0.5).strokeColor('#9fb3c8').stroke();
    doc.y = y + 5;
    doc.fillColor('#000');
  };
  const note = (text: string) => {
    doc.fontSize(9).fillColor('#666').text(text, left, doc.y, { width });
    doc.fillColor('#000');
  };
  const table = (cols: Column[], rows: string[][], emptyText: string) => {
    if (!rows.length) {
      note(emptyText);
      return;
    }
    const scale = width / cols.reduce((s, c) => s + c.width, 0);
    const widths = cols.map((c) => c.width * scale);
    const header = () => {
      ensure(34);
      const y = doc.y;
      doc.rect(left, y - 2, width, 15).fill('#eef2f7');
      doc.fillColor('#000').fontSize(8.5);
      let x = left;
      cols.forEach((c, i) => {
        doc.text(c.title, x + 3, y + 1, { width: widths[i] - 6, align: c.align ?? 'left', lineBreak: false, ellipsis: true });
        x += widths[i];
      });
      doc.y = y + 15;
    };
    header();
    doc.fontSize(8.5);
    for (const row of rows) {
      const h = Math.max(...row.map((cell, i) => doc.heightOfString(cell, { width: widths[i] - 6 }))) + 4;
      if (doc.y + h > bottom()) {
        doc.addPage();
        header();
        doc.fontSize(8.5);
      }
      const y = doc.y;
      let x = left;
      row.forEach((cell, i) => {
        doc.fillColor('#000').text(cell, x + 3, y + 2, { width: widths[i] - 6, align: cols[i].align ?? 'left' });
        x += widths[i];
      });
      doc.moveTo(left, y + h).lineTo(left + width, y + h).lineWidth(0.3).strokeColor('#d5dde6').stroke();
      doc.y = y + h;
    }
    doc.x = left;
  };
  const facts = (items: Pair[], columns = 2) => {
    const colW = width / columns;
    doc.fontSize(9);
    for (let i = 0; i < items.length; i += columns) {
      const y = doc.y;
      let maxY = y;
      for (let c = 0; c < columns && i + c < items.length; c++) {
        const [k, v] = items[i + c];
        const x = left + c * colW;
        doc.fillColor('#555').text(k, x, y, { width: 92 });
        maxY = Math.max(maxY, doc.y);
        doc.fillColor('#000').text(v, x + 95, y, { width: colW - 100 });
        maxY = Math.max(maxY, doc.y);
      }
      doc.y = maxY + 2;
    }
    doc.x = left;
  };
  const chart = (svg: string, x: number, y: number, cw: number, ch: number) => {
    svgToPdf()(doc as never, svg, x, y, { width: cw, height: ch, assumePt: true, fontCallback: () => 'cjk' });
  };

  // Cover: company, title, partner, period, facts.
  doc.fontSize(10).fillColor('#555').text((zh ? d.company.name : (d.company.nameEn ?? d.company.name)) ?? '', left, 48, { width });
  doc.moveDown(2.5);
  doc.fontSize(24).fillColor('#1d3557').text(w('业务回顾', 'Business review'), left, doc.y, { width });
  doc.fontSize(16).fillColor('#000').text(partnerName, { width });
  doc.fontSize(12).fillColor('#333').text(`${d.partner.code} · ${periodWords} (${d.period.start} – ${d.period.end})`, { width });
  doc.moveDown(1);
  facts([
    [w('渠道类型', 'Channel type'), channelText(d.partner.channelType, d.language)],
    [w('渠道级别', 'Tier'), pair(TIER, d.partner.tier)],
    [w('区域', 'Territory'), (zh ? d.partner.territory : (d.partner.territoryEn ?? d.partner.territory)) ?? '—'],
    [w('渠道经理', 'Channel manager'), d.partner.channelManager ?? '—'],
    [w('状态', 'Status'), pair(PARTNER_STATUS, d.partner.status)],
    [w('合作起始', 'Partner since'), d.partner.joinedOn ?? '—'],
    [w('上次回顾', 'Last review'), d.lastReview ? `${periodText(d.lastReview.period, d.language)} · ${d.lastReview.heldOn}` : w('（无）', '(none)')],
    [w('生成日期', 'Prepared on'), d.today],
  ]);

  // Scorecard and grade with the change since the last review.
  heading(w('评分卡与评级', 'Scorecard and grade'));
  if (d.score) {
    const s = d.score;
    const p = d.previousScore;
    const top = doc.y;
    doc.rect(left, top, 96, 70).lineWidth(0.8).strokeColor('#1d3557').stroke();
    doc.fontSize(9).fillColor('#555').text(w('评级', 'Grade'), left, top + 6, { width: 96, align: 'center' });
    doc.fontSize(30).fillColor('#1d3557').text(s.grade, left, top + 18, { width: 96, align: 'center' });
    doc.fontSize(8).fillColor('#333').text(p ? w(`上期 ${p.grade}`, `was ${p.grade}`) : w('上期无评分', 'no earlier grade'), left, top + 54, { width: 96, align: 'center' });
    doc.y = top;
    const delta = (a: number | null, b: number | null | undefined, f: (x: number) => string) => (a == null || b == null ? '' : ` (${a - b >= 0 ? '+' : ''}${f(a - b)})`);
    const rows: Pair[] = [
      [w('健康分', 'Health score'), `${s.healthScore.toFixed(1)}${delta(s.healthScore, p?.healthScore, (x) => x.toFixed(1))}`],
      [w('营收', 'Revenue'), money(s.revenueMinor)],
      [w('目标', 'Target'), money(s.targetMinor)],
      [w('达成率', 'Attainment'), `${pct(s.attainment)}${delta(s.attainment, p?.attainment, (x) => `${(x * 100).toFixed(1)} ${w('个百分点', 'pts')}`)}`],
      [w('同比增长', 'Growth YoY'), signedPct(s.growthYoY)],
      [w('毛利率', 'Gross margin'), pct(s.grossMargin)],
      [w('培训合规率', 'Training compliance'), pct(s.trainingCompliance)],
      [w('满意度', 'Satisfaction'), s.satisfaction == null ? '—' : s.satisfaction.toFixed(2)],
      [w('渠道内排名', 'Rank in channel'), s.rankInChannel == null ? '—' : `#${s.rankInChannel}`],
      [w('区域内排名', 'Rank in territory'), s.rankInRegion == null ? '—' : `#${s.rankInRegion}`],
    ];
    const saveLeft = left;
    doc.fontSize(9);
    const colX = [saveLeft + 110, saveLeft + 110 + (width - 110) / 2];
    for (let i = 0; i < rows.length; i += 2) {
      const y = doc.y;
      for (let c = 0; c < 2 && i + c < rows.length; c++) {
        doc.fillColor('#555').text(rows[i + c][0], colX[c], y, { width: 80 });
        doc.fillColor('#000').text(rows[i + c][1], colX[c] + 82, y, { width: (width - 110) / 2 - 86 });
      }
      doc.y = y + 13;
    }
    doc.y = Math.max(doc.y, top + 76);
    doc.x = left;
    // End customers, where the evaluation counted them.
    note(
      w(
        `终端客户：活跃 ${s.activeCustomers} 家，新增 ${s.newCustomers} 家，留存率 ${pct(s.retention)}`,
        `End customers: ${s.activeCustomers} active, ${s.newCustomers} new, retention ${pct(s.retention)}`,
      ),
    );
  } else {
    note(w(`${periodWords}尚未评估：运行评估后评分卡会出现在这里。`, `${periodWords} has not been evaluated yet: run the evaluation to see the scorecard here.`));
  }

  // Trend charts (vectors).
  heading(w('营收与达成趋势', 'Revenue and attainment trend'));
  ensure(190);
  const chartTop = doc.y;
  const half = (width - 12) / 2;
  chart(revenueChartSvg(d.trend, d.language, Math.round(half), 180), left, chartTop, half, 180);
  chart(attainmentChartSvg(d.trend, d.language, Math.round(half), 180), left + half + 12, chartTop, half, 180);
  doc.y = chartTop + 186;
  doc.x = left;
  table(
    [{ title: w('期间', 'Period'), width: 90 }, { title: w('营收', 'Revenue'), width: 110, align: 'right' }, { title: w('目标', 'Target'), width: 110, align: 'right' }, { title: w('达成率', 'Attainment'), width: 80, align: 'right' }],
    d.trend.map((t) => [periodText(t.label, d.language), money(t.revenueMinor), money(t.targetMinor), pct(t.attainment)]),
    '',
  );

  // Targets and forecast.
  heading(w('目标与预测', 'Targets and forecast'));
  const t = d.target;
  facts([
    [w('本期目标', 'Target'), money(t.targetMinor)],
    [w('实际营收', 'Actual'), money(t.actualMinor)],
    [w('达成率', 'Attainment'), pct(t.attainment)],
    [w('缺口', 'Gap to target'), money(t.gapMinor)],
    [w('期间进度', 'Period'), `${pair(FORECAST_STATE, t.state)} · ${t.daysElapsed}/${t.daysTotal} ${w('天', 'days')}`],
    [w('线性预测', 'Run-rate forecast'), money(t.forecastLinearMinor)],
    [w('按去年节奏预测', 'Last-year-shape forecast'), money(t.forecastSeasonalMinor)],
    [w('预测达成率', 'Forecast attainment'), pct(t.forecastAttainment)],
    [w('下期目标', 'Next target'), `${money(t.next.targetMinor)} (${periodText(t.next.label, d.language)})`],
  ]);

  // Product and category mix.
  heading(w('产品与品类结构', 'Product and category mix'));
  if (d.mix.totalMinor !== 0 && d.mix.categories.length) {
    ensure(150);
    const mixTop = doc.y;
    const mixH = Math.min(150, 30 + d.mix.categories.slice(0, 8).length * 18);
    chart(mixChartSvg(d.mix, d.language, Math.round(width), mixH), left, mixTop, width, mixH);
    doc.y = mixTop + mixH + 4;
  }
  table(
    [{ title: w('产品', 'Product'), width: 220 }, { title: w('数量', 'Quantity'), width: 70, align: 'right' }, { title: w('金额', 'Amount'), width: 110, align: 'right' }, { title: w('占比', 'Share'), width: 70, align: 'right' }],
    d.mix.products.map((p) => [p.name, String(Math.round(p.quantity * 100) / 100), money(p.amountMinor), pct(p.share)]),
    w('本期无销售。', 'No sales in this period.'),
  );

  // Incentives earned and paid.
  heading(w('激励：已得与已付', 'Incentives earned and paid'));
  facts([
    [w('本期应得', 'Earned in period'), money(d.incentives.earnedMinor)],
    [w('本期已付', 'Paid in period'), money(d.incentives.paidMinor)],
    [w('期末未付余额', 'Balance owed at end'), money(d.incentives.balanceMinor)],
    [w('计提（未批准）', 'Accrued (not approved)'), money(d.incentives.accruedMinor)],
  ]);
  table(
    [
      { title: w('激励政策', 'Program'), width: 180 },
      { title: w('期间', 'Period'), width: 70 },
      { title: w('状态', 'Status'), width: 60 },
      { title: w('金额', 'Amount'), width: 90, align: 'right' },
      { title: w('付款', 'Payment'), width: 110 },
    ],
    d.incentives.runs.map((r) => [`${r.programName} (${r.programCode})`, periodText(r.period, d.language), pair(RUN_STATUS, r.status), money(r.amountMinor), r.paidAt ? `${r.paidAt.slice(0, 10)} ${r.paymentRef ?? ''}` : '—']),
    w('近 12 个月没有结算。', 'No payout runs in the last twelve months.'),
  );

  // Training compliance and expiring certificates.
  heading(w('培训合规与到期证书', 'Training compliance and expiring certificates'));
  note(
    d.training.required
      ? w(`必修课程 ${d.training.required} 门，有效 ${d.training.valid} 门，合规率 ${pct(d.training.compliance)}（截至 ${d.today}）`, `${d.training.valid} of ${d.training.required} required courses valid, compliance ${pct(d.training.compliance)} (as of ${d.today})`)
      : w('没有必修课程。', 'No courses are required for this partner.'),
  );
  doc.moveDown(0.3);
  table(
    [{ title: w('课程', 'Course'), width: 180 }, { title: w('学员', 'Trainee'), width: 80 }, { title: w('证书编号', 'Certificate'), width: 110 }, { title: w('到期日', 'Expires'), width: 70 }, { title: w('剩余天数', 'Days left'), width: 50, align: 'right' }],
    d.training.expiring.map((c) => [`${c.courseTitle}${c.required ? w('（必修）', ' (required)') : ''}`, c.trainee, c.certificateNo ?? '—', c.expiresOn, String(c.daysLeft)]),
    w('90 天内没有到期的证书。', 'No certificates expire within 90 days.'),
  );

  // Open risks and deals.
  heading(w('未关闭的风险', 'Open risks'));
  table(
    [{ title: w('编号', 'Code'), width: 55 }, { title: w('风险', 'Risk'), width: 200 }, { title: w('等级', 'Level'), width: 55 }, { title: w('状态', 'Status'), width: 60 }, { title: w('负责人', 'Owner'), width: 70 }, { title: w('下次复核', 'Next review'), width: 70 }],
    d.risks.map((r) => [r.code, r.title, `${pair(RISK_LEVEL, r.level)} (${r.score})`, pair(RISK_STATUS, r.status), r.owner ?? '—', r.nextReviewOn ?? '—']),
    w('没有未关闭的风险。', 'No open risks.'),
  );
  heading(w('进行中的商机报备', 'Open deal registrations'));
  table(
    [{ title: w('客户', 'Customer'), width: 170 }, { title: w('产品线', 'Product line'), width: 90 }, { title: w('预计金额', 'Expected value'), width: 100, align: 'right' }, { title: w('状态', 'Status'), width: 70 }, { title: w('保护期至', 'Protected until'), width: 80 }],
    d.deals.map((x) => [x.customerName, x.productLine, money(x.expectedValueMinor), pair(DEAL_STATUS, x.status), x.protectedUntil ?? '—']),
    w('没有进行中的商机报备。', 'No open deal registrations.'),
  );

  // End customers: RFM segments, lapsed customers, new vs repeat buyers of the period.
  heading(w('终端客户', 'End customers'));
  const c = d.customers;
  if (c) {
    note(
      w(
        `截至 ${c.asOf}，近 ${c.windowMonths} 个月活跃客户 ${c.active} 家；流失 ${c.lapsed} 家（此前 12 个月采购 ${money(c.lapsedAmountMinor)}）。`,
        `As of ${c.asOf}: ${c.active} customers active in the last ${c.windowMonths} months; ${c.lapsed} lapsed (${money(c.lapsedAmountMinor)} bought in the 12 months before).`,
      ),
    );
    doc.moveDown(0.3);
    facts([
      ...(Object.keys(SEGMENT) as Array<keyof typeof c.segments>).map((k): Pair => [pair(SEGMENT, k), String(c.segments[k])]),
      [w('本期采购客户', 'Buyers this period'), String(c.buyers)],
      [w('新客户 / 老客户', 'New / repeat buyers'), `${c.newBuyers} / ${c.repeatBuyers}`],
      [w('新客户营收', 'Revenue from new'), money(c.newRevenueMinor)],
      [w('老客户营收', 'Revenue from repeat'), money(c.repeatRevenueMinor)],
    ]);
    if (c.topLapsed.length) {
      doc.moveDown(0.3);
      table(
        [{ title: w('流失客户', 'Lapsed customer'), width: 220 }, { title: w('最后采购', 'Last purchase'), width: 90 }, { title: w('此前 12 个月采购', 'Bought in the 12 months before'), width: 140, align: 'right' }],
        c.topLapsed.map((x) => [x.customer, x.lastPurchaseOn, money(x.previousAmountMinor)]),
        '',
      );
    }
  } else {
    note(w('没有终端客户数据（动销明细或带客户编号的销售明细）。', 'No end-customer data (sell-through lines or sales lines with a customer reference).'));
  }

  // Last review's action items and their status.
  heading(w('上次回顾的行动项', "Last review's action items"));
  if (d.lastReview) {
    note(
      w(
        `${periodText(d.lastReview.period, d.language)}回顾，${d.lastReview.heldOn}；参会：${d.lastReview.attendees.join('、') || '—'}`,
        `${periodText(d.lastReview.period, d.language)} review held ${d.lastReview.heldOn}; attendees: ${d.lastReview.attendees.join(', ') || '—'}`,
      ),
    );
    for (const dec of d.lastReview.decisions) note(`${w('决议', 'Decision')}: ${dec}`);
    doc.moveDown(0.3);
  }
  table(
    [{ title: w('行动项', 'Action'), width: 210 }, { title: w('负责人', 'Owner'), width: 70 }, { title: w('截止', 'Due'), width: 70 }, { title: w('状态', 'Status'), width: 90 }, { title: w('来自', 'From'), width: 60 }],
    d.carriedActions.map((a) => [
      a.description,
      a.owner ?? '—',
      a.dueOn ?? '—',
      `${pair(ACTION_STATUS, a.status)}${a.overdue ? w(`（逾期 ${a.daysOverdue} 天）`, ` (${a.daysOverdue} days overdue)`) : ''}`,
      a.period,
    ]),
    w('没有上次回顾的行动项。', 'No action items from an earlier review.'),
  );

  // What the previous period's pack proposed, and what became of it.
  if (d.previousProposals.length) {
    heading(w('上期建议行动的落实', "Last period's proposed actions and what became of them"));
    table(
      [{ title: w('建议', 'Proposed'), width: 260 }, { title: w('负责人', 'Owner'), width: 70 }, { title: w('建议截止', 'Due'), width: 70 }, { title: w('落实情况', 'Outcome'), width: 90 }],
      d.previousProposals.map((p) => [p.text, p.owner ?? '—', p.dueOn ?? '—', p.actionStatus ? `${w('已议定', 'Agreed')} · ${pair(ACTION_STATUS, p.actionStatus)}` : w('未采纳', 'Not taken up')]),
      '',
    );
  }

  // This period's proposed actions.
  heading(w('本期建议行动', "This period's proposed actions"));
  table(
    [{ title: '#', width: 20, align: 'right' }, { title: w('行动', 'Action'), width: 260 }, { title: w('负责人', 'Owner'), width: 70 }, { title: w('建议截止', 'Due'), width: 70 }, { title: w('依据', 'Why'), width: 60 }],
    d.proposals.map((p, i) => [String(i + 1), p.text, p.owner ?? '—', p.dueOn ?? '—', pair(SOURCE, p.source)]),
    w('没有建议的行动。', 'No actions proposed.'),
  );

  drawPageFooters(doc, (z, e) => w(z, e), `${w('业务回顾', 'Business review')} · ${d.partner.code} · ${d.period.label} · ${w('生成于', 'generated')} ${d.generatedAt.slice(0, 16).replace('T', ' ')} UTC`);
  doc.end();
  return done;
}
