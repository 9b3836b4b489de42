import type { salesContract } from '../../contract/sales';
import { listSales } from '../../domain/sales/store';
import type { HandlerMap } from './types';

export const salesHandlers: HandlerMap<keyof typeof salesContract> = {
  'sales.list': ({ ws }, input) => listSales(ws.sqlite, input),
};
