import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useMutationOp, useOp } from '../../api/hooks';
import { ErrorBanner } from '../../components/ErrorBanner';

/** A partner's questions on one statement line: open → answered → resolved. */
export function Inquiries({ lineId }: { lineId: number }) {
  const { t } = useTranslation('payouts');
  const list = useOp('incentives.payouts.inquiries.list', { lineId });
  const create = useMutationOp('incentives.payouts.inquiries.create');
  const update = useMutationOp('incentives.payouts.inquiries.update');
  const [question, setQuestion] = useState('');
  const [answers, setAnswers] = useState<Record<number, string>>({});
  return (
    <section data-testid="inquiries">
      <h3>{t('inquiries')}</h3>
      {list.data?.length === 0 && <p className="muted">{t('noInquiries')}</p>}
      {list.data?.map((q) => (
        <div key={q.id} className="inquiry">
          <p>
            <span className={`badge inquiry-${q.status}`}>{t(`inquiryStatus.${q.status}`)}</span> {q.question}
          </p>
          {q.answer && <p className="muted">↳ {q.answer}</p>}
          {q.status !== 'resolved' && (
            <div className="actions">
              <input value={answers[q.id] ?? ''} placeholder={t('answer')} onChange={(e) => setAnswers({ ...answers, [q.id]: e.target.value })} />
              <button disabled={!answers[q.id]?.trim()} onClick={() => update.mutate({ id: q.id, answer: answers[q.id] })}>{t('reply')}</button>
              <button onClick={() => update.mutate({ id: q.id, status: 'resolved' })}>{t('resolve')}</button>
            </div>
          )}
        </div>
      ))}
      <textarea rows={2} style={{ width: '100%' }} value={question} placeholder={t('question')} onChange={(e) => setQuestion(e.target.value)} data-testid="inquiry-question" />
      <button disabled={!question.trim()} onClick={() => create.mutate({ lineId, question }, { onSuccess: () => setQuestion('') })} data-testid="inquiry-create">
        {t('ask')}
      </button>
      <ErrorBanner error={create.error ?? update.error} />
    </section>
  );
}
