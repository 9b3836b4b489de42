import { useTranslation } from 'react-i18next';
import { useJob, useMutationOp, useOp } from '../api/hooks';
import { ErrorBanner } from '../components/ErrorBanner';
import { JobProgressBar } from '../components/JobProgressBar';
import { Modal } from '../components/Modal';

/** First start with an empty workspace: offer the demo dataset. */
export function DemoOffer() {
  const { t } = useTranslation('common');
  const info = useOp('system.info', {});
  const dismiss = useMutationOp('system.dismissDemo');
  const demo = useJob('system.loadDemo');
  if (!info.data?.demoOffered || demo.result) return null;
  return (
    <Modal title={t('demo.title')} testId="demo-offer">
      <p>{t('demo.body')}</p>
      {demo.running && <JobProgressBar progress={demo.progress} onCancel={demo.cancel} label={t('demo.loading')} />}
      <ErrorBanner error={demo.error ?? dismiss.error} />
      <div className="actions">
        <button className="primary" data-testid="demo-load" disabled={demo.running} onClick={() => void demo.start({}).then(() => info.refetch())}>
          {t('demo.load')}
        </button>
        <button data-testid="demo-skip" disabled={demo.running} onClick={() => dismiss.mutate({})}>
          {t('demo.skip')}
        </button>
      </div>
    </Modal>
  );
}
