import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ReviewActionStatus, ReviewMeeting } from '../../../../electron/contract/reviews';
import { REVIEW_ACTION_STATUSES } from '../../../../shared/enums';
import { useMutationOp, useOp } from '../../api/hooks';
import { ErrorBanner } from '../../components/ErrorBanner';
import { Modal } from '../../components/Modal';
import { useToday } from '../../today';

interface ActionRow {
  id?: number;
  description: string;
  owner: string;
  dueOn: string;
  status: ReviewActionStatus;
}

/** Record or edit a review meeting: period, day, attendees, minutes, decisions (one a line) and action items. */
export function MeetingForm({ partnerId, meeting, defaultPeriod, onClose }: { partnerId: number; meeting: ReviewMeeting | null; defaultPeriod: string; onClose: () => void }) {
  const { t, i18n } = useTranslation(['reviews', 'common']);
  const save = useMutationOp('reviews.meetings.save');
  const remove = useMutationOp('reviews.meetings.delete');
  const [period, setPeriod] = useState(meeting?.period ?? defaultPeriod);
  const today = useToday();
  const [heldOn, setHeldOn] = useState(meeting?.heldOn ?? today);
  const [attendees, setAttendees] = useState((meeting?.attendees ?? []).join('\n'));
  const [minutes, setMinutes] = useState(meeting?.minutes ?? '');
  const [decisions, setDecisions] = useState((meeting?.decisions ?? []).join('\n'));
  const [actions, setActions] = useState<ActionRow[]>(
    meeting?.actions.map((a) => ({ id: a.id, description: a.description, owner: a.owner ?? '', dueOn: a.dueOn ?? '', status: a.status })) ?? [{ description: '', owner: '', dueOn: '', status: 'open' }],
  );
  // The proposals the last pack for this period stored and no meeting agreed yet: one click turns them into action rows.
  const stored = useOp('reviews.proposals.list', { partnerId, period, language: i18n.language.startsWith('zh') ? 'zh-CN' : 'en' });
  const pending = (stored.data ?? []).filter((p) => p.actionStatus === null && !actions.some((a) => a.description === p.text));
  const lines = (s: string) => s.split(/\r?\n/).map((x) => x.trim()).filter(Boolean);
  const update = (i: number, patch: Partial<ActionRow>) => setActions((rows) => rows.map((r, k) => (k === i ? { ...r, ...patch } : r)));

  const submit = async () => {
    try {
      await save.mutateAsync({
        ...(meeting ? { id: meeting.id } : {}),
        partnerId,
        period,
        heldOn,
        attendees: lines(attendees),
        minutes: minutes.trim() ? minutes : null,
        decisions: lines(decisions),
        actions: actions
          .filter((a) => a.description.trim())
          .map((a) => ({ ...(a.id ? { id: a.id } : {}), description: a.description.trim(), owner: a.owner.trim() || null, dueOn: a.dueOn || null, status: a.status })),
      });
      onClose();
    } catch {
      /* shown by the banner */
    }
  };
  const doDelete = async () => {
    if (!meeting || !window.confirm(t('reviews:meeting.confirmDelete'))) return;
    try {
      await remove.mutateAsync({ id: meeting.id });
      onClose();
    } catch {
      /* shown by the banner */
    }
  };

  return (
    <Modal title={meeting ? t('reviews:meeting.editTitle') : t('reviews:meeting.new')} onClose={onClose} testId="review-meeting-form" wide>
      <form
        noValidate
        className="review-form"
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <ErrorBanner error={save.error ?? remove.error} />
        <label>
          {t('reviews:meeting.period')}
          <input value={period} onChange={(e) => setPeriod(e.target.value.trim())} placeholder="2026-Q3" data-testid="review-meeting-period" />
        </label>
        <label>
          {t('reviews:meeting.heldOn')}
          <input type="date" value={heldOn} onChange={(e) => setHeldOn(e.target.value)} data-testid="review-meeting-date" />
        </label>
        <label>
          {t('reviews:meeting.attendeesHint')}
          <textarea value={attendees} onChange={(e) => setAttendees(e.target.value)} rows={3} data-testid="review-meeting-attendees" />
        </label>
        <label>
          {t('reviews:meeting.minutes')}
          <textarea value={minutes} onChange={(e) => setMinutes(e.target.value)} rows={4} data-testid="review-meeting-minutes" />
        </label>
        <label>
          {t('reviews:meeting.decisionsHint')}
          <textarea value={decisions} onChange={(e) => setDecisions(e.target.value)} rows={3} data-testid="review-meeting-decisions" />
        </label>
        <strong>{t('reviews:meeting.actions')}</strong>
        {actions.map((a, i) => (
          <div className="action-row" key={i} data-testid="review-action-row">
            <input value={a.description} onChange={(e) => update(i, { description: e.target.value })} placeholder={t('reviews:action.description')} aria-label={t('reviews:action.description')} />
            <input value={a.owner} onChange={(e) => update(i, { owner: e.target.value })} placeholder={t('reviews:action.owner')} aria-label={t('reviews:action.owner')} />
            <input type="date" value={a.dueOn} onChange={(e) => update(i, { dueOn: e.target.value })} aria-label={t('reviews:action.dueOn')} />
            <select value={a.status} onChange={(e) => update(i, { status: e.target.value as ReviewActionStatus })} aria-label={t('reviews:action.status')}>
              {REVIEW_ACTION_STATUSES.map((s) => (
                <option key={s} value={s}>
                  {t(`reviews:status.${s}`)}
                </option>
              ))}
            </select>
            <button type="button" onClick={() => setActions((rows) => rows.filter((_, k) => k !== i))} aria-label={t('reviews:action.remove')}>
              ×
            </button>
          </div>
        ))}
        {pending.length > 0 && (
          <button
            type="button"
            onClick={() => setActions((rows) => [...rows.filter((r) => r.id != null || r.description.trim()), ...pending.map((p) => ({ description: p.text, owner: p.owner ?? '', dueOn: p.dueOn ?? '', status: 'open' as const }))])}
            data-testid="review-action-proposals"
          >
            {t('reviews:action.addProposals', { count: pending.length })}
          </button>
        )}
        <button type="button" onClick={() => setActions((rows) => [...rows, { description: '', owner: '', dueOn: '', status: 'open' }])} data-testid="review-action-add">
          {t('reviews:action.add')}
        </button>
        <div className="form-actions">
          <button type="submit" className="primary" disabled={save.isPending} data-testid="review-meeting-save">
            {t('common:actions.save')}
          </button>
          <button type="button" onClick={onClose}>
            {t('common:actions.cancel')}
          </button>
          {meeting && (
            <button type="button" className="danger" onClick={() => void doDelete()} data-testid="review-meeting-delete">
              {t('common:actions.delete')}
            </button>
          )}
        </div>
      </form>
    </Modal>
  );
}
