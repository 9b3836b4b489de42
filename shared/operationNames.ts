/**
 * Operations renamed so that each operation's area prefix is its folder (issue 10): former name → current name.
 * Audit rows written before the rename keep the name they were recorded under; the audit trail shows them in the
 * current operation's words and finds them under its name and area.
 */
export const FORMER_OPERATION_NAMES: Readonly<Record<string, string>> = {
  'system.restore': 'backups.restore',
  'system.backup': 'backups.copyTo',
  // A part of an area is its name's second segment: <area>.<part>.<verb>.
  'customers.rfm': 'inventory.customers.rfm',
  'customers.lapsed': 'inventory.customers.lapsed',
  'customers.cohorts': 'inventory.customers.cohorts',
  'settings.get': 'system.settings.get',
  'settings.list': 'system.settings.list',
  'settings.set': 'system.settings.set',
  'jobs.cancel': 'system.jobs.cancel',
  'scorecards.list': 'evaluations.scorecards.list',
  'scorecards.compare': 'evaluations.scorecards.compare',
  'scorecards.partnerTrend': 'evaluations.scorecards.partnerTrend',
  'schedules.list': 'evaluations.schedules.list',
  'schedules.save': 'evaluations.schedules.save',
  'schedules.delete': 'evaluations.schedules.delete',
  'schedules.runDue': 'evaluations.schedules.runDue',
  'tier.decide': 'evaluations.tier.decide',
  'dashboard.summary': 'evaluations.dashboard.summary',
  'programs.list': 'incentives.programs.list',
  'programs.get': 'incentives.programs.get',
  'programs.save': 'incentives.programs.save',
  'programs.templates': 'incentives.programs.templates',
  'programs.fromTemplate': 'incentives.programs.fromTemplate',
  'programs.delete': 'incentives.programs.delete',
  'programs.import': 'incentives.programs.import',
  'programs.export': 'incentives.programs.export',
  'payouts.calculate': 'incentives.payouts.calculate',
  'payouts.runs': 'incentives.payouts.runs',
  'payouts.get': 'incentives.payouts.get',
  'payouts.approve': 'incentives.payouts.approve',
  'payouts.pay': 'incentives.payouts.pay',
  'payouts.void': 'incentives.payouts.void',
  'payouts.adjust': 'incentives.payouts.adjust',
  'payouts.whatIf': 'incentives.payouts.whatIf',
  'payouts.inquiries.list': 'incentives.payouts.inquiries.list',
  'payouts.inquiries.create': 'incentives.payouts.inquiries.create',
  'payouts.inquiries.update': 'incentives.payouts.inquiries.update',
  'coverage.report': 'territories.coverage.report',
  'coverage.kpi': 'territories.coverage.kpi',
  'coverage.provinces': 'territories.coverage.provinces',
  'coverage.cities': 'territories.coverage.cities',
  'coverage.targets.list': 'territories.coverage.targets.list',
  'coverage.targets.add': 'territories.coverage.targets.add',
  'coverage.targets.update': 'territories.coverage.targets.update',
  'coverage.targets.remove': 'territories.coverage.targets.remove',
};

/** The name an operation has today (a stored former name → its current name). */
export function currentOperationName(op: string): string {
  return FORMER_OPERATION_NAMES[op] ?? op;
}

/** Every name `op` was recorded under: itself and its former names. */
export function recordedNamesOf(op: string): string[] {
  return [op, ...Object.keys(FORMER_OPERATION_NAMES).filter((former) => FORMER_OPERATION_NAMES[former] === op)];
}
