import type { statementsContract } from '../../contract/statements';
import { exportStatements } from '../../domain/statements/statementExport';
import type { HandlerMap } from './types';

export const statementHandlers: HandlerMap<keyof typeof statementsContract> = {
  'statements.export': (ctx, input) => exportStatements(ctx, input),
};
