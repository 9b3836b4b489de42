/**
 * A period as people type it, to its label: '2025-Q4', '2025q4', '2025 Q4', '2025年第4季度', '2025年4季度', '2025年第四季度',
 * '2025-H1', '2025年上半年', '2025年3月', '2025/3', '2025-3', '2025年', full-width digits and letters. Text that is no
 * period comes back trimmed and otherwise unchanged, so the schema still refuses it with its own words.
 */
const CN_DIGIT: Record<string, string> = { 一: '1', 二: '2', 三: '3', 四: '4', 五: '5', 六: '6', 七: '7', 八: '8', 九: '9', 十: '10', 十一: '11', 十二: '12' };

export function periodFromText(text: string): string {
  const s = text.normalize('NFKC').trim().replace(/\s+/g, ' ');
  const cn = (d: string) => CN_DIGIT[d] ?? d;
  let m = /^(?:FY)?(\d{4}) ?(?:[-/_.]|年)? ?(?:第 ?)?(?:Q ?([1-4])|([1-4一二三四]) ?季度?)$/i.exec(s);
  if (m) return `${m[1]}-Q${m[2] ?? cn(m[3]!)}`;
  m = /^(?:FY)?(\d{4}) ?(?:[-/_.]|年)? ?(?:H ?([12])|([上下])半年)$/i.exec(s);
  if (m) return `${m[1]}-H${m[2] ?? (m[3] === '上' ? '1' : '2')}`;
  m = /^(\d{4}) ?(?:[-/.]|年) ?(\d{1,2}|十[一二]?|[一二三四五六七八九]) ?月?$/.exec(s);
  if (m) {
    const month = Number(cn(m[2]!));
    if (month >= 1 && month <= 12) return `${m[1]}-${String(month).padStart(2, '0')}`;
  }
  m = /^(?:FY ?)?(\d{4}) ?(?:年|年度)?$/i.exec(s);
  if (m) return m[1]!;
  return s;
}
