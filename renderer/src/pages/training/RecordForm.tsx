import { useMemo, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { computeExpiry, recordInput, type TrainingRecord } from '../../../../electron/contract/training';
import { useMutationOp, useOp } from '../../api/hooks';
import { ErrorBanner } from '../../components/ErrorBanner';
import { Modal } from '../../components/Modal';
import { useFieldErrorText } from '../../validation';
import { useToday } from '../../today';

type PassedChoice = 'auto' | 'yes' | 'no';

/** Add / edit a training record. The expiry shown is a preview; the main process computes the stored one from the course. */
export function RecordForm({ record, onClose }: { record: TrainingRecord | null; onClose: () => void }) {
  const { t, i18n } = useTranslation(['training', 'common']);
  const fieldErrorText = useFieldErrorText();
  const partners = useOp('partners.list', {});
  const courses = useOp('training.courses.list', { includeInactive: false });
  const [partnerCode, setPartnerCode] = useState(record?.partnerCode ?? '');
  const [courseId, setCourseId] = useState<string>(record ? String(record.courseId) : '');
  const [trainee, setTrainee] = useState(record?.trainee ?? '');
  const today = useToday();
  const [completedOn, setCompletedOn] = useState(record?.completedOn ?? today);
  const [score, setScore] = useState(record?.score == null ? '' : String(record.score));
  const [passed, setPassed] = useState<PassedChoice>(record ? (record.passed ? 'yes' : 'no') : 'auto');
  const [certificateNo, setCertificateNo] = useState(record?.certificateNo ?? '');
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const save = useMutationOp('training.records.save');
  const remove = useMutationOp('training.records.delete');
  const busy = save.isPending || remove.isPending;
  const zh = i18n.language === 'zh-CN';

  const partner = useMemo(() => partners.data?.rows.find((p) => p.code === partnerCode.trim()), [partners.data, partnerCode]);
  const course = courses.data?.find((c) => String(c.id) === courseId);
  const previewPassed = passed === 'auto' ? (score === '' || course?.passingScore == null ? null : Number(score) >= course.passingScore) : passed === 'yes';
  let preview = '';
  try {
    preview = course && previewPassed && /^\d{4}-\d{2}-\d{2}$/.test(completedOn) ? (computeExpiry(completedOn, course.validityMonths) ?? t('training:course.noExpiry')) : '';
  } catch {
    preview = '';
  }

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const raw = {
      ...(record ? { id: record.id } : {}),
      partnerId: partner?.id ?? 0,
      courseId: Number(courseId) || 0,
      trainee,
      completedOn,
      score: score.trim() === '' ? null : Number(score),
      ...(passed === 'auto' ? {} : { passed: passed === 'yes' }),
      certificateNo: certificateNo.trim() || null,
    };
    const parsed = recordInput.safeParse(raw);
    const errors: Record<string, string> = parsed.success
      ? {}
      : fieldErrorText(parsed.error, (f) => t(`training:record.${f === 'partnerId' ? 'partner' : f === 'courseId' ? 'course' : f}`));
    if (!partner) errors.partnerId = t('training:record.unknownPartner');
    if (!course && !record) errors.courseId = t('training:record.chooseCourse');
    if (!parsed.success || Object.keys(errors).length) {
      setFieldErrors(errors);
      return;
    }
    setFieldErrors({});
    try {
      await save.mutateAsync(parsed.data);
      onClose();
    } catch {
      /* shown by ErrorBanner */
    }
  };

  const err = (k: string) => fieldErrors[k] && <small className="field-error">{fieldErrors[k]}</small>;

  return (
    <Modal title={record ? `${t('common:actions.edit')} · ${record.partnerCode} · ${record.courseCode}` : t('training:record.new')} onClose={onClose} testId="record-form" wide>
      <form noValidate onSubmit={(e) => void submit(e)} className="form-grid">
        <label>
          <span>{t('training:record.partner')}</span>
          <input name="partner" list="training-partners" value={partnerCode} onChange={(e) => setPartnerCode(e.target.value)} aria-invalid={fieldErrors.partnerId ? true : undefined} />
          <datalist id="training-partners">
            {partners.data?.rows.map((p) => (
              <option key={p.id} value={p.code}>
                {p.name}
              </option>
            ))}
          </datalist>
          {partner ? <small className="muted">{partner.name}</small> : err('partnerId')}
        </label>
        <label>
          <span>{t('training:record.course')}</span>
          <select name="course" value={courseId} onChange={(e) => setCourseId(e.target.value)} aria-invalid={fieldErrors.courseId ? true : undefined}>
            <option value="">—</option>
            {courses.data?.map((c) => (
              <option key={c.id} value={c.id}>
                {c.code} · {zh ? c.titleZh : c.titleEn}
              </option>
            ))}
          </select>
          {err('courseId')}
        </label>
        <label>
          <span>{t('training:record.trainee')}</span>
          <input name="trainee" value={trainee} onChange={(e) => setTrainee(e.target.value)} aria-invalid={fieldErrors.trainee ? true : undefined} />
          {err('trainee')}
        </label>
        <label>
          <span>{t('training:record.completedOn')}</span>
          <input name="completedOn" type="date" value={completedOn} onChange={(e) => setCompletedOn(e.target.value)} />
          {err('completedOn')}
        </label>
        <label>
          <span>{t('training:record.score')}</span>
          <input name="score" type="number" min={0} max={100} step="any" value={score} onChange={(e) => setScore(e.target.value)} />
          {course?.passingScore != null && <small className="muted">{t('training:record.passMark', { score: course.passingScore })}</small>}
          {err('score')}
        </label>
        <label>
          <span>{t('training:record.passed')}</span>
          <select name="passed" value={passed} onChange={(e) => setPassed(e.target.value as PassedChoice)}>
            <option value="auto">{t('training:record.passedAuto')}</option>
            <option value="yes">{t('common:actions.yes')}</option>
            <option value="no">{t('common:actions.no')}</option>
          </select>
        </label>
        <label>
          <span>{t('training:record.certificateNo')}</span>
          <input name="certificateNo" value={certificateNo} onChange={(e) => setCertificateNo(e.target.value)} />
          {err('certificateNo')}
        </label>
        <label>
          <span>{t('training:record.expiresOn')}</span>
          <input value={preview} readOnly disabled data-testid="record-expiry-preview" />
          <small className="muted">{t('training:record.expiryComputed')}</small>
        </label>
        <div className="span2">
          <ErrorBanner error={save.error ?? remove.error} />
        </div>
        <div className="actions span2">
          {record && (
            <button type="button" className="danger" disabled={busy} onClick={() => window.confirm(t('training:record.confirmDelete')) && remove.mutate({ id: record.id }, { onSuccess: onClose })}>
              {t('common:actions.delete')}
            </button>
          )}
          <div className="spacer" />
          <button type="button" onClick={onClose}>
            {t('common:actions.cancel')}
          </button>
          <button type="submit" className="primary" disabled={busy} data-testid="record-save">
            {busy ? t('common:state.saving') : t('common:actions.save')}
          </button>
        </div>
      </form>
    </Modal>
  );
}
