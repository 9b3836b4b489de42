import { computeExpiry } from '../../../model/trainingExpiry';
import type { FieldSpec, KindContext, KindRun, RowValues } from './kind';
import { changeRecorder, partnerLookup, resolvePartner, defineKind } from './kind';
import { trainingImportStatements } from '../../training/store';
import type { trainingRecords } from '../../../../db/schema';

const fields: FieldSpec[] = [
  { name: 'partnerCode', type: 'text', required: true, synonyms: ['经销商编码', '经销商代码', '合作伙伴代码', '合作伙伴编码', '伙伴编码', '渠道编码', 'Partner Code', 'Partner', 'Partner ID', 'Dealer Code'] },
  { name: 'trainee', type: 'text', required: true, synonyms: ['学员', '学员姓名', '姓名', '参训人', '参训人员', 'Trainee', 'Name', 'Participant', 'Attendee'] },
  { name: 'courseCode', type: 'text', required: true, synonyms: ['课程编码', '课程代码', '课程编号', 'Course Code', 'Course ID', 'Course'] },
  { name: 'completedOn', type: 'date', required: true, synonyms: ['完成日期', '培训日期', '结业日期', '考试日期', 'Completed On', 'Completion Date', 'Date'] },
  { name: 'score', type: 'number', synonyms: ['成绩', '分数', '得分', '考试成绩', 'Score', 'Result'] },
  { name: 'passed', type: 'boolean', synonyms: ['是否通过', '通过', '考核结果', 'Passed', 'Pass'] },
  { name: 'certificateNo', type: 'text', synonyms: ['证书编号', '证书号', 'Certificate No', 'Certificate Number', 'Certificate'] },
];

/** A training record as the file gives it: the columns it fills (the drizzle schema's). */
type TrainingRow = Pick<typeof trainingRecords.$inferSelect, 'partnerId' | 'courseId' | 'trainee' | 'completedOn' | 'score' | 'passed' | 'certificateNo' | 'expiresOn'>;

type Course = { id: number; validity_months: number | null; passing_score: number | null };

function open(ctx: KindContext): KindRun<TrainingRow> {
  const partners = partnerLookup(ctx.ws);
  const { courses: courseRows, find, byId, insert, update } = trainingImportStatements(ctx.ws);
  const courses = new Map<string, Course>();
  for (const c of courseRows()) courses.set(c.code, c);
  const record = changeRecorder(ctx, 'training_record');
  return {
    parse(row: RowValues) {
      const partnerId = resolvePartner(row, partners);
      const trainee = row.text('trainee', true, 100);
      const code = row.text('courseCode', true, 64);
      const course = code === null ? undefined : courses.get(code);
      if (code !== null && !course) row.fail('courseCode', 'unknownCourse', { code });
      const completedOn = row.date('completedOn', true);
      const score = row.number('score');
      if (score !== null && (score < 0 || score > 100)) row.fail('score', 'scoreZeroToHundred');
      let passed = row.boolean('passed');
      // Without a pass/fail column: the course's passing score decides, else completing the course is a pass.
      if (passed === null) passed = course?.passing_score != null && score !== null ? score >= course.passing_score : true;
      const certificateNo = row.text('certificateNo', false, 100);
      if (row.errors.length || partnerId === null || !course || trainee === null || completedOn === null) return null;
      const expiresOn = passed ? computeExpiry(completedOn, course.validity_months) : null;
      return { partnerId, courseId: course.id, trainee, completedOn, score, passed, certificateNo, expiresOn };
    },
    write(t) {
      const before = find.get(t.partnerId, t.courseId, t.trainee, t.completedOn);
      if (!before) {
        const info = insert.run(t.partnerId, t.courseId, t.trainee, t.completedOn, t.score, t.passed ? 1 : 0, t.certificateNo, t.expiresOn, ctx.importId, ctx.now, ctx.now);
        record(Number(info.lastInsertRowid), 'insert', { before: null, after: byId.get(info.lastInsertRowid)! });
        return 'inserted';
      }
      if (before.score === t.score && before.passed === (t.passed ? 1 : 0) && before.certificate_no === t.certificateNo && before.expires_on === t.expiresOn) {
        return 'duplicate';
      }
      update.run(t.score, t.passed ? 1 : 0, t.certificateNo, t.expiresOn, ctx.importId, ctx.now, before.id);
      record(before.id, 'update', { before, after: byId.get(before.id)! });
      return 'updated';
    },
    display: (t) => ({ ...t }),
  };
}

export const trainingKind = defineKind({ kind: 'training', fields, open });
