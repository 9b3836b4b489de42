import { describe, expect, it } from 'vitest';
import { contract, operationNames } from '../../../electron/contract';
import { inputJsonSchema, schemaLooseness } from '../../helpers/contractSchemas';

/**
 * Deliberate exceptions, each with its reason. Anything else loose in an input schema fails this test:
 * add .strict(), .max(), .min()/.max() or an enum.
 */
const ALLOWED: Record<string, string> = {
  'system.settings.set:value: free-form JSON value (z.json())': 'settings hold area-defined JSON documents; the HTTP body limit (10 MB) bounds them',
  // Program documents (README "Program files") are checked by the incentives domain's own program schema
  // (parseProgramFile), which answers with structured errors (the fuzz test covers these operations).
  'incentives.programs.save:definition: record with unbounded keys': 'program document, validated by the incentives domain',
  'incentives.programs.save:definition.*: free-form JSON value (z.json())': 'program document, validated by the incentives domain',
  'incentives.payouts.whatIf:variant: record with unbounded keys': 'program document, validated by the incentives domain',
  'incentives.payouts.whatIf:variant.*: free-form JSON value (z.json())': 'program document, validated by the incentives domain',
  // A grid export re-runs the page's list operation: its query is checked against that operation's own strict schema.
  'grids.export:query: record with unbounded keys': "the grid's list operation validates it",
  'grids.export:query.*: accepts anything': "the grid's list operation validates it",
};

describe('contract hardening: every input schema is strict and bounded', () => {
  it('every operation takes a strict object', () => {
    for (const op of operationNames) {
      const s = inputJsonSchema(op);
      expect(s.type, op).toBe('object');
      expect(s.additionalProperties, `${op} must reject unknown fields (.strict())`).toBe(false);
      expect(contract[op].input.safeParse({ __unknownField: 1 }).success, op).toBe(false);
    }
  });

  it('no object accepts unknown fields; strings, numbers and arrays have bounds', () => {
    const problems: string[] = [];
    for (const op of operationNames) {
      for (const p of schemaLooseness(inputJsonSchema(op))) {
        const key = `${op}:${p}`;
        if (!(key in ALLOWED)) problems.push(key);
      }
    }
    expect(problems, `loose input schemas:\n${problems.join('\n')}`).toEqual([]);
  });

  it('the walker itself catches loose schemas', async () => {
    const { z } = await import('zod');
    const loose = z.toJSONSchema(
      z.object({ a: z.string(), b: z.number(), c: z.array(z.string().max(3)), d: z.object({ e: z.string().max(2) }), f: z.record(z.string(), z.number().min(0).max(1)) }).strict(),
      { io: 'input' },
    );
    expect(schemaLooseness(loose as never).sort()).toEqual([
      'a: string without maxLength',
      'b: number without maximum',
      'b: number without minimum',
      'c: array without maxItems',
      'd: object accepts unknown fields (use .strict())',
      'f: record with unbounded keys',
    ]);
  });
});
