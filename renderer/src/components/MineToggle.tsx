import { useTranslation } from 'react-i18next';
import type { useMine } from '../mine';

/** The "我的 / Mine" checkbox of a grid's toolbar, with the reason when Mine is on and the user is no channel manager. */
export function MineToggle({ mine, testId }: { mine: ReturnType<typeof useMine>; testId: string }) {
  const { t } = useTranslation('partners');
  return (
    <>
      <label className="inline">
        <input type="checkbox" checked={mine.mine} onChange={(e) => mine.setMine(e.target.checked)} data-testid={testId} /> {t('partners:mine')}
      </label>
      {mine.nobody && <small className="muted" data-testid={`${testId}-nobody`}>{t('partners:mineNobody')}</small>}
    </>
  );
}
