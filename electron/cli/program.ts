import { Command } from 'commander';
import { register as registerBackups } from './commands/backups';
import { register as registerCustomers } from './commands/customers';
import { register as registerPartners } from './commands/partners';
import { register as registerImports } from './commands/imports';
import { register as registerEvaluations } from './commands/evaluations';
import { register as registerRisks } from './commands/risks';
import { register as registerDeals } from './commands/deals';
import { register as registerTraining } from './commands/training';
import { register as registerWorkspace } from './commands/workspace';
import { register as registerPayouts } from './commands/payouts';
import { register as registerLedger } from './commands/ledger';
import { register as registerHq } from './commands/hq';
import { register as registerCompany } from './commands/company';
import { register as registerReviews } from './commands/reviews';
import { register as registerMdf } from './commands/mdf';
import { register as registerTerritories, registerCoverage } from './commands/territories';
import { register as registerPlans } from './commands/plans';
import { register as registerSettings } from './commands/settings';

/** `pwb`: the headless CLI. Every command drives the same contract as the app. */
export function buildProgram(version: string): Command {
  const program = new Command('pwb')
    .version(version)
    .description('Partner Workbench command line: workspaces, imports, evaluations, payouts, statements')
    .showHelpAfterError()
    .configureOutput({ writeErr: (s) => process.stderr.write(s) })
    .exitOverride((err) => {
      // commander's own usage errors: non-zero exit with its message already on stderr
      if (err.exitCode !== 0) process.exit(err.exitCode || 2);
      process.exit(0);
    });
  registerWorkspace(program);
  registerPartners(program);
  registerCustomers(program);
  registerPayouts(program);
  registerLedger(program);
  registerCompany(program);
  registerImports(program);
  registerEvaluations(program);
  registerRisks(program);
  registerDeals(program);
  registerBackups(program);
  registerTraining(program);
  registerHq(program);
  registerReviews(program);
  registerMdf(program);
  registerTerritories(program);
  registerCoverage(program);
  registerPlans(program);
  registerSettings(program);
  return program;
}
