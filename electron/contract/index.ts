import type { InputOf, Operation, ResultOf } from './operation';
import { auditContract } from './audit';
import { backupsContract } from './backups';
import { partnersContract } from './partners';
import { evaluationsContract } from './evaluations';
import { salesContract } from './sales';
import { risksContract } from './risks';
import { dealsContract } from './deals';
import { systemContract } from './system';
import { incentivesContract } from './incentives';
import { statementsContract } from './statements';
import { importsContract } from './imports';
import { trainingContract } from './training';
import { ledgerContract } from './ledger';
import { companyContract } from './company';
import { hqContract } from './hq';
import { territoriesContract } from './territories';
import { channelManagersContract } from './channelManagers';
import { gridsContract } from './grids';
import { reviewsContract } from './reviews';
import { mdfContract } from './mdf';
import { plansContract } from './plans';
import { inventoryContract } from './inventory';
import { productsContract } from './products';

/**
 * The one door into the domain. Each area adds its operations here; the IPC preload allowlist,
 * the HTTP bridge, the in-process client and the renderer's typed client are all derived from it.
 */
export const contract = {
  ...systemContract,
  ...hqContract,
  ...partnersContract,
  ...incentivesContract,
  ...statementsContract,
  ...importsContract,
  ...evaluationsContract,
  ...salesContract,
  ...auditContract,
  ...backupsContract,
  ...risksContract,
  ...dealsContract,
  ...trainingContract,
  ...ledgerContract,
  ...companyContract,
  ...territoriesContract,
  ...channelManagersContract,
  ...gridsContract,
  ...reviewsContract,
  ...mdfContract,
  ...plansContract,
  ...inventoryContract,
  ...productsContract,
} satisfies Record<string, Operation>;

export type Contract = typeof contract;
export type OperationName = keyof Contract & string;
export type Input<K extends OperationName> = InputOf<Contract[K]>;
export type Result<K extends OperationName> = ResultOf<Contract[K]>;
export type JobName = { [K in OperationName]: Contract[K]['kind'] extends 'job' ? K : never }[OperationName];

export const operationNames = Object.keys(contract) as OperationName[];
export function isOperationName(name: unknown): name is OperationName {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(contract, name);
}

export * from './operation';
