import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { CHANNEL_TYPES, COURSE_CATEGORIES, TIERS } from '../../../../shared/enums';
import { courseInput, type Course } from '../../../../electron/contract/training';
import { useMutationOp } from '../../api/hooks';
import { ErrorBanner } from '../../components/ErrorBanner';
import { Modal } from '../../components/Modal';
import { useHqReadOnlyReason } from '../../components/HqBadge';
import { useFieldErrorText } from '../../validation';

interface Values {
  code: string;
  titleZh: string;
  titleEn: string;
  category: string;
  validityMonths: string;
  passingScore: string;
  requiredTiers: string[];
  requiredChannelTypes: string[];
  active: boolean;
}

const toValues = (c: Course | null): Values => ({
  code: c?.code ?? '',
  titleZh: c?.titleZh ?? '',
  titleEn: c?.titleEn ?? '',
  category: c?.category ?? 'product',
  validityMonths: c?.validityMonths == null ? '' : String(c.validityMonths),
  passingScore: c?.passingScore == null ? '' : String(c.passingScore),
  requiredTiers: c?.requiredTiers ?? [],
  requiredChannelTypes: c?.requiredChannelTypes ?? [],
  active: c?.active ?? true,
});

const num = (s: string) => (s.trim() === '' ? null : Number(s));
const toggle = (list: string[], v: string) => (list.includes(v) ? list.filter((x) => x !== v) : [...list, v]);

/** Course catalogue editor: titles in both languages, category, validity, who must take it, pass mark. */
export function CourseForm({ course, onClose }: { course: Course | null; onClose: () => void }) {
  const { t } = useTranslation(['training', 'common']);
  const fieldErrorText = useFieldErrorText();
  const [v, setV] = useState<Values>(() => toValues(course));
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const [notice, setNotice] = useState<string | null>(null);
  const save = useMutationOp('training.courses.save');
  const remove = useMutationOp('training.courses.delete');
  const busy = save.isPending || remove.isPending;
  // A course pulled from HQ is shown, not edited: the domain refuses any change, so the form offers none.
  const hqReason = useHqReadOnlyReason();
  const readOnly = course?.hqVersion != null ? hqReason('course', course.code, course.hqVersion) : null;

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (readOnly) return;
    const raw = {
      ...(course ? { id: course.id } : {}),
      code: v.code.trim(),
      titleZh: v.titleZh.trim(),
      titleEn: v.titleEn.trim(),
      category: v.category,
      validityMonths: num(v.validityMonths),
      passingScore: num(v.passingScore),
      requiredTiers: v.requiredTiers,
      requiredChannelTypes: v.requiredChannelTypes,
      active: v.active,
    };
    const parsed = courseInput.safeParse(raw);
    if (!parsed.success) {
      setFieldErrors(fieldErrorText(parsed.error, (f) => t(`training:course.${f}`)));
      return;
    }
    setFieldErrors({});
    try {
      const r = await save.mutateAsync(parsed.data);
      if (r.recomputed > 0) setNotice(t('training:course.recomputed', { count: r.recomputed }));
      else onClose();
    } catch {
      /* shown by ErrorBanner */
    }
  };

  const text = (k: 'code' | 'titleZh' | 'titleEn' | 'validityMonths' | 'passingScore', type = 'text', extra: Record<string, unknown> = {}) => (
    <label>
      <span>{t(`training:course.${k}`)}</span>
      <input name={k} type={type} value={v[k]} onChange={(e) => {
        setV({ ...v, [k]: e.target.value });
        if (fieldErrors[k]) setFieldErrors(({ [k]: _, ...rest }) => rest);
      }} aria-invalid={fieldErrors[k] ? true : undefined} {...extra} />
      {fieldErrors[k] && <small className="field-error">{fieldErrors[k]}</small>}
    </label>
  );

  return (
    <Modal title={course ? `${t('common:actions.edit')} · ${course.code}` : t('training:course.new')} onClose={onClose} testId="course-form" wide>
      <form noValidate onSubmit={(e) => void submit(e)} className="form-grid">
        {readOnly && (
          <p className="hq-note span2" data-testid="course-hq-note">
            {readOnly}
          </p>
        )}
        <fieldset disabled={readOnly !== null} style={{ display: 'contents' }}>
        {text('code')}
        <label>
          <span>{t('training:course.category')}</span>
          <select name="category" value={v.category} onChange={(e) => setV({ ...v, category: e.target.value })}>
            {COURSE_CATEGORIES.map((c) => (
              <option key={c} value={c}>
                {t(`training:category.${c}`)}
              </option>
            ))}
          </select>
        </label>
        {text('titleZh')}
        {text('titleEn')}
        {text('validityMonths', 'number', { min: 1, max: 240, placeholder: t('training:course.noExpiry') })}
        {text('passingScore', 'number', { min: 0, max: 100, step: 'any' })}
        <fieldset className="span2">
          <legend>{t('training:course.requiredTiers')}</legend>
          <div className="tc-checks">
            {TIERS.map((x) => (
              <label key={x} className="inline">
                <input type="checkbox" name={`tier-${x}`} checked={v.requiredTiers.includes(x)} onChange={() => setV({ ...v, requiredTiers: toggle(v.requiredTiers, x) })} />
                {t(`common:tier.${x}`)}
              </label>
            ))}
          </div>
        </fieldset>
        <fieldset className="span2">
          <legend>{t('training:course.requiredChannelTypes')}</legend>
          <div className="tc-checks">
            {CHANNEL_TYPES.map((x) => (
              <label key={x} className="inline">
                <input type="checkbox" name={`channel-${x}`} checked={v.requiredChannelTypes.includes(x)} onChange={() => setV({ ...v, requiredChannelTypes: toggle(v.requiredChannelTypes, x) })} />
                {t(`common:channelType.${x}`)}
              </label>
            ))}
          </div>
        </fieldset>
        <p className="muted span2">{t('training:course.requirementRule')}</p>
        <label className="inline span2">
          <input type="checkbox" name="active" checked={v.active} onChange={(e) => setV({ ...v, active: e.target.checked })} /> {t('training:course.active')}
        </label>
        </fieldset>
        <div className="span2">
          {notice && <div className="ok" data-testid="course-notice">{notice}</div>}
          <ErrorBanner error={save.error ?? remove.error} />
        </div>
        <div className="actions span2">
          {course && (
            <button
              type="button"
              className="danger"
              disabled={busy || readOnly !== null}
              title={readOnly ?? undefined}
              data-testid="course-delete"
              onClick={() => window.confirm(t('training:course.confirmDelete', { code: course.code })) && remove.mutate({ id: course.id }, { onSuccess: onClose })}
            >
              {t('common:actions.delete')}
            </button>
          )}
          <div className="spacer" />
          <button type="button" onClick={onClose}>
            {notice ? t('common:actions.close') : t('common:actions.cancel')}
          </button>
          {!notice && (
            <button type="submit" className="primary" disabled={busy || readOnly !== null} title={readOnly ?? undefined} data-testid="course-save">
              {busy ? t('common:state.saving') : t('common:actions.save')}
            </button>
          )}
        </div>
      </form>
    </Modal>
  );
}
