import { useTranslation } from 'react-i18next';
import { NavLink, Outlet } from 'react-router-dom';
import { LANGUAGES } from '../i18n';
import { useOp } from '../api/hooks';
import { routes } from '../routes';
import { DamagedNotice } from './DamagedNotice';
import { DemoOffer } from './DemoOffer';
import { WriteWaitNotice } from './WriteWaitNotice';

export function Layout() {
  const { t, i18n } = useTranslation('common');
  const hq = useOp('hq.status', {});
  const shown = (when: 'hq' | undefined) => !when || Boolean(hq.data?.url);
  return (
    <div className="shell">
      <aside className="sidebar">
        <div className="brand">{t('app.name')}</div>
        <nav>
          {routes
            .filter((r) => r.nav && shown(r.navWhen))
            .map((r) => (
              <NavLink key={r.path} to={`/${r.path}`} end={r.path === ''} className={({ isActive }) => (isActive ? 'active' : undefined)} data-testid={`nav-${r.nav}`}>
                {t(`nav.${r.nav}`)}
              </NavLink>
            ))}
        </nav>
        <label className="lang">
          {t('app.language')}
          <select data-testid="language-switch" value={i18n.language} onChange={(e) => void i18n.changeLanguage(e.target.value)}>
            {LANGUAGES.map((l) => (
              <option key={l} value={l}>
                {l === 'zh-CN' ? '简体中文' : 'English'}
              </option>
            ))}
          </select>
        </label>
      </aside>
      <main className="content">
        <DamagedNotice />
        <WriteWaitNotice />
        <Outlet />
      </main>
      <DemoOffer />
    </div>
  );
}
