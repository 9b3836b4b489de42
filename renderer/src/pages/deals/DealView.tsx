import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CustomerConflict, DealRow } from '../../../../electron/contract/deals';
import { formatMoney } from '../../../../shared/money';
import { useMutationOp, useOp } from '../../api/hooks';
import { ErrorBanner } from '../../components/ErrorBanner';
import { formatDateTime } from '../../format';
import { Modal } from '../../components/Modal';

function DealCard({ d, here, match }: { d: DealRow; here?: boolean; match?: CustomerConflict }) {
  const { t } = useTranslation('deals');
  return (
    <div className={here ? 'deal-card this' : 'deal-card'} data-testid={here ? 'deal-this' : `deal-conflicting-${d.id}`}>
      <h3>
        {here ? t('conflict.thisOne') : t('conflict.existing')} · #{d.id} <span className={`deal-status ${d.status}`}>{t(`status.${d.status}`)}</span>
      </h3>
      {match && (
        <div className="match">
          {t('conflict.customer')}: {match.matchedBy.map((m) => t(m === 'name' ? 'conflict.byName' : 'conflict.byCreditCode')).join(', ')}
        </div>
      )}
      <dl>
        <dt>{t('field.partner')}</dt>
        <dd>{d.partnerCode ? `${d.partnerCode} ${d.partnerName ?? ''}` : t('direct')}</dd>
        <dt>{t('field.customerName')}</dt>
        <dd>{d.customerName}</dd>
        <dt>{t('field.customerCreditCode')}</dt>
        <dd>{d.customerCreditCode ?? '—'}</dd>
        <dt>{t('field.productLine')}</dt>
        <dd>{d.productLine}</dd>
        <dt>{t('field.expectedValue')}</dt>
        <dd>{formatMoney(d.expectedValueMinor)}</dd>
        <dt>{t('field.quotedPrice')}</dt>
        <dd>{d.quotedPriceMinor == null ? '—' : formatMoney(d.quotedPriceMinor)}</dd>
        <dt>{t('field.registeredAt')}</dt>
        <dd>{formatDateTime(d.registeredAt)}</dd>
        <dt>{t('field.protectedUntil')}</dt>
        <dd>{d.protectedUntil ?? '—'}</dd>
        {d.decidedBy && (
          <>
            <dt>{t('field.decidedBy')}</dt>
            <dd>{d.decidedBy === 'auto' ? t('deals:decidedAuto') : d.decidedBy}{d.decisionNote ? ` · ${d.decisionNote}` : ''}</dd>
          </>
        )}
      </dl>
    </div>
  );
}

/** A registration side by side with the registrations it conflicts with, and the manager's decision. */
export function DealView({ id, onClose }: { id: number; onClose: () => void }) {
  const { t } = useTranslation(['deals', 'common']);
  const q = useOp('deals.get', { id });
  const decide = useMutationOp('deals.decide');
  const [note, setNote] = useState('');
  const d = q.data?.deal;
  const matches = new Map((d?.conflicts ?? []).filter((c): c is CustomerConflict => c.kind === 'customer').map((c) => [c.registrationId, c]));
  const act = (decision: 'approve' | 'reject' | 'won' | 'lost') => decide.mutate({ id, decision, note: note.trim() || undefined }, { onSuccess: onClose });
  const canDecide = d && (d.status === 'conflict' || d.status === 'pending');
  const canClose = d && (d.status === 'approved' || d.status === 'expired');

  return (
    <Modal title={d?.status === 'conflict' ? t('deals:conflict.title', { id }) : t('deals:detail', { id })} onClose={onClose} testId="deal-view" wide>
      <ErrorBanner error={q.error ?? decide.error} />
      {d && q.data && (
        <>
          {q.data.priceConflict && (
            <div className="price-conflict" data-testid="deal-price-conflict">
              {t('deals:conflict.price', { quoted: formatMoney(q.data.priceConflict.quotedPriceMinor), floor: formatMoney(q.data.priceConflict.floorMinor), line: q.data.priceConflict.productLine })}
            </div>
          )}
          <div className="side-by-side">
            <DealCard d={d} here />
            {q.data.conflicting.map((c) => (
              <DealCard key={c.id} d={c} match={matches.get(c.id)} />
            ))}
          </div>
          {d.conflicts.length === 0 && <p className="muted">{t('deals:conflict.none')}</p>}
          {d.riskCode && <p data-testid="deal-risk">{t('deals:conflict.risk', { code: d.riskCode })}</p>}
          {(canDecide || canClose) && (
            <>
              <h2>{t('deals:conflict.decide')}</h2>
              <label className="inline">
                {t('deals:conflict.note')} <input value={note} onChange={(e) => setNote(e.target.value)} size={50} data-testid="deal-note" />
              </label>
            </>
          )}
        </>
      )}
      <div className="actions">
        {canDecide && (
          <>
            <button type="button" className="danger" disabled={decide.isPending} onClick={() => act('reject')} data-testid="deal-reject">{t('deals:conflict.reject')}</button>
            <button type="button" className="primary" disabled={decide.isPending} onClick={() => act('approve')} data-testid="deal-approve">{t('deals:conflict.approve')}</button>
          </>
        )}
        {canClose && (
          <>
            <button type="button" disabled={decide.isPending} onClick={() => act('lost')}>{t('deals:conflict.lost')}</button>
            <button type="button" className="primary" disabled={decide.isPending} onClick={() => act('won')}>{t('deals:conflict.won')}</button>
          </>
        )}
        <div className="spacer" />
        <button type="button" onClick={onClose}>{t('common:actions.close')}</button>
      </div>
    </Modal>
  );
}
