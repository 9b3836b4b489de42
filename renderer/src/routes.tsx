import { lazy, Suspense, type ReactNode } from 'react';

const PartnersPage = lazy(() => import('./pages/partners/PartnersPage'));
const ScorecardsPage = lazy(() => import('./pages/scorecards/ScorecardsPage'));
const PartnerScorecardPage = lazy(() => import('./pages/scorecards/PartnerScorecardPage'));
const ImportsPage = lazy(() => import('./pages/imports/ImportsPage'));
const SalesPage = lazy(() => import('./pages/sales/SalesPage'));
const SettingsPage = lazy(() => import('./pages/settings/SettingsPage'));
const AuditPage = lazy(() => import('./pages/audit/AuditPage'));
const IncentivesPage = lazy(() => import('./pages/incentives/IncentivesPage'));
const PayoutsPage = lazy(() => import('./pages/payouts/PayoutsPage'));
const TrainingPage = lazy(() => import('./pages/training/TrainingPage'));
const DashboardPage = lazy(() => import('./pages/dashboard/DashboardPage'));
const RisksPage = lazy(() => import('./pages/risks/RisksPage'));
const DealsPage = lazy(() => import('./pages/deals/DealsPage'));
const MdfPage = lazy(() => import('./pages/mdf/MdfPage'));
const PlansPage = lazy(() => import('./pages/plans/PlansPage'));
const TerritoriesPage = lazy(() => import('./pages/territories/TerritoriesPage'));
const InventoryPage = lazy(() => import('./pages/inventory/InventoryPage'));
const HqPage = lazy(() => import('./pages/hq/HqPage'));

export interface AppRoute {
  /** Path under '#/' ('' for the start page). */
  path: string;
  /** i18n key of the navigation label (common:nav.*); routes without one are reachable but not in the menu. */
  nav?: string;
  /** Shown in the navigation only then: 'hq' once an HQ connection is configured. */
  navWhen?: 'hq';
  element: ReactNode;
}

const page = (node: ReactNode) => <Suspense fallback={null}>{node}</Suspense>;

/** Every page of the app. */
export const routes: AppRoute[] = [
  { path: '', nav: 'dashboard', element: page(<DashboardPage />) },
  { path: 'partners', nav: 'partners', element: page(<PartnersPage />) },
  { path: 'partners/:id', element: page(<PartnerScorecardPage />) },
  { path: 'territories', nav: 'territories', element: page(<TerritoriesPage />) },
  { path: 'sales', nav: 'sales', element: page(<SalesPage />) },
  { path: 'inventory', nav: 'inventory', element: page(<InventoryPage />) },
  { path: 'scorecards', nav: 'scorecards', element: page(<ScorecardsPage />) },
  { path: 'plans', nav: 'plans', element: page(<PlansPage />) },
  { path: 'training', nav: 'training', element: page(<TrainingPage />) },
  { path: 'incentives', nav: 'incentives', element: page(<IncentivesPage />) },
  { path: 'payouts', nav: 'payouts', element: page(<PayoutsPage />) },
  { path: 'risks', nav: 'risks', element: page(<RisksPage />) },
  { path: 'deals', nav: 'deals', element: page(<DealsPage />) },
  { path: 'mdf', nav: 'mdf', element: page(<MdfPage />) },
  { path: 'imports', nav: 'imports', element: page(<ImportsPage />) },
  { path: 'hq', nav: 'hq', navWhen: 'hq', element: page(<HqPage />) },
  { path: 'audit', nav: 'audit', element: page(<AuditPage />) },
  { path: 'settings', nav: 'settings', element: page(<SettingsPage />) },
];
