import { describe, expect, it } from 'vitest';
import { EVERY_QUERY, contract, type OperationName } from '../../../electron/contract';

/** What a mutation's `invalidates` entry reaches: an area, an operation or an operation prefix, or every query. */
function reaches(target: string, names: OperationName[]): OperationName[] {
  const queries = names.filter((n) => contract[n].kind === 'query');
  if (target === EVERY_QUERY) return queries;
  if (!target.includes('.')) return queries.filter((n) => n.split('.')[0] === target);
  return queries.filter((n) => n === target || n.startsWith(`${target}.`));
}

describe('query invalidation', () => {
  const names = Object.keys(contract) as OperationName[];

  it('every invalidates entry reaches at least one query (a renamed area or a typo would leave pages stale)', () => {
    const dead = names.flatMap((n) => contract[n].invalidates.filter((t) => reaches(t, names).length === 0).map((t) => `${n} → '${t}'`));
    expect(dead).toEqual([]);
  });

  it('"everything" is said with EVERY_QUERY, never an empty prefix', () => {
    const empty = names.filter((n) => contract[n].invalidates.includes(''));
    expect(empty).toEqual([]);
    expect(reaches(EVERY_QUERY, names).length).toBe(names.filter((n) => contract[n].kind === 'query').length);
  });
});
