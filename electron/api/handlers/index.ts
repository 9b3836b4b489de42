import { auditHandlers } from './audit';
import { backupHandlers } from './backups';
import { partnerHandlers } from './partners';
import { evaluationHandlers } from './evaluations';
import { salesHandlers } from './sales';
import { riskHandlers } from './risks';
import { dealHandlers } from './deals';
import { systemHandlers } from './system';
import { incentiveHandlers } from './incentives';
import { statementHandlers } from './statements';
import { importHandlers } from './imports';
import { trainingHandlers } from './training';
import { ledgerHandlers } from './ledger';
import { companyHandlers } from './company';
import { hqHandlers } from './hq';
import { territoryHandlers } from './territories';
import { channelManagerHandlers } from './channelManagers';
import { reviewHandlers } from './reviews';
import { mdfHandlers } from './mdf';
import { gridHandlers } from './grids';
import { planHandlers } from './plans';
import { inventoryHandlers } from './inventory';
import { productHandlers } from './products';
import type { Handlers } from './types';

/** The one handler map: every operation of the contract, by name. Areas add their map here. */
export const handlers: Handlers = {
  ...systemHandlers,
  ...partnerHandlers,
  ...incentiveHandlers,
  ...statementHandlers,
  ...importHandlers,
  ...evaluationHandlers,
  ...salesHandlers,
  ...auditHandlers,
  ...backupHandlers,
  ...riskHandlers,
  ...dealHandlers,
  ...trainingHandlers,
  ...ledgerHandlers,
  ...companyHandlers,
  ...hqHandlers,
  ...territoryHandlers,
  ...channelManagerHandlers,
  ...reviewHandlers,
  ...mdfHandlers,
  ...gridHandlers,
  ...planHandlers,
  ...inventoryHandlers,
  ...productHandlers,
};
