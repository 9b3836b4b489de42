import type { Contract, OperationName, ParsedInputOf, Result } from '../../contract';
import type { ApiContext, OpContext } from '../context';

export type HandlerOf<K extends OperationName> = Contract[K]['kind'] extends 'job'
  ? (ctx: OpContext, input: ParsedInputOf<Contract[K]>) => Promise<Result<K>> | Result<K>
  : Contract[K]['kind'] extends 'mutation'
    ? (ctx: ApiContext, input: ParsedInputOf<Contract[K]>) => Result<K>
    : (ctx: ApiContext, input: ParsedInputOf<Contract[K]>) => Result<K> | Promise<Result<K>>;

/** A part of the handler map: one area's operations. */
export type HandlerMap<Names extends OperationName> = { [K in Names]: HandlerOf<K> };
export type Handlers = HandlerMap<OperationName>;
