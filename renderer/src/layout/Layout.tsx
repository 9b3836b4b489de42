import { useTranslation } from 'react-i18next';
import { NavLink, Outlet } from 'react-router-dom';
import { LANGUAGES } from '../i18n';
import { useMutationOp, useOp } from '../api/hooks';
import { routes } from '../routes';
import { DamagedNotice } from './DamagedNotice';
import { DemoOffer } from './DemoOffer';
import { WriteWaitNotice } from './WriteWaitNotice';

export function Layout() {
  const { t, i18n } = useTranslation('common');
  const hq = useOp('hq.status', {});
  const shown = (when: 'hq' | undefined) => !when || Boolean(hq.data?.url);
  // The workspace remembers the language the user chose (setting ui.language), so what it writes for no one in
  // particular — a rejected-rows file whose caller named no language — is in the language its user reads. Saved on a
  // switch only: a start writes nothing (an untouched workspace stays without audit records and daily backups).
  const saveLanguage = useMutationOp('system.settings.set');
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
          <select
            data-testid="language-switch"
            value={i18n.language}
            onChange={(e) => {
              const lang = e.target.value as (typeof LANGUAGES)[number];
              void i18n.changeLanguage(lang);
              saveLanguage.mutate({ key: 'ui.language', value: lang });
            }}
          >
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

