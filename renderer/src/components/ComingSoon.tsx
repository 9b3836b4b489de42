import { useTranslation } from 'react-i18next';

/** An empty page that says what will come. */
export function ComingSoon({ what }: { what: string }) {
  const { t } = useTranslation('common');
  return (
    <div className="page">
      <h1>{t(`nav.${what}`)}</h1>
      <p className="muted">{t('comingSoon', { what: t(`comingSoonWhat.${what}`) })}</p>
    </div>
  );
}
