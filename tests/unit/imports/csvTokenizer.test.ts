import { parse } from 'csv-parse/sync';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CsvSyntaxError, CsvTokenizer } from '../../../electron/domain/imports/csvTokenizer';

/**
 * The import's tokenizer reads every file as csv-parse (the parser it replaced, kept as the oracle here) read it with
 * the importer's options, and refuses the same malformed ones with the same code, row and field — whatever the chunk
 * boundaries of the stream.
 */
type Outcome = { records: string[][] } | { error: string; records: number; index: number | null };

function oracle(text: string, delimiter: string): Outcome {
  try {
    return { records: parse(text, { delimiter, bom: true, relax_column_count: true, max_record_size: 1_000_000, skip_empty_lines: false }) as string[][] };
  } catch (e) {
    const err = e as { code: string; records: number; index?: number };
    const code = err.code === 'INVALID_OPENING_QUOTE' ? 'CSV_INVALID_OPENING_QUOTE' : err.code;
    return { error: code, records: err.records, index: typeof err.index === 'number' ? err.index : null };
  }
}

function tokenize(text: string, delimiter: string, cuts: number[]): Outcome {
  const t = new CsvTokenizer(delimiter, 1_000_000);
  const records: string[][] = [];
  try {
    let from = 0;
    for (const c of [...new Set(cuts.map((x) => Math.min(x, text.length)))].sort((a, b) => a - b)) {
      records.push(...t.push(text.slice(from, c), false));
      from = c;
    }
    records.push(...t.push(text.slice(from), false));
    records.push(...t.push('', true));
    return { records };
  } catch (e) {
    if (!(e instanceof CsvSyntaxError)) throw e;
    return { error: e.code, records: e.records, index: e.index };
  }
}

describe('imports: the CSV tokenizer reads what csv-parse read', () => {
  const piece = fc.constantFrom('a', 'P001', '中文', ' ', '"', '""', ',', ';', '\t', '|', '\n', '\r\n', '\r', '"x,y"', '"a""b"', '"line\nbreak"', '1,234.50', '\uFEFF', '');
  const text = fc.array(fc.oneof(piece, fc.string({ maxLength: 6 })), { maxLength: 40 }).map((p) => p.join(''));
  const delimiter = fc.constantFrom(',', ';', '\t', '|');

  it('random text, random chunk boundaries: same records or the same refusal', () => {
    fc.assert(
      fc.property(text, delimiter, fc.array(fc.nat({ max: 120 }), { maxLength: 5 }), (t, d, cuts) => {
        expect(tokenize(t, d, cuts)).toEqual(oracle(t, d));
      }),
      { numRuns: 20_000 },
    );
  });

  it('well-formed files of many rows, cut anywhere', () => {
    const cell = fc.oneof(fc.constantFrom('', 'x', '"q ""quoted"" , text"', '"multi\r\nline"', '¥1,234.50', '中文名称'), fc.stringMatching(/^[A-Za-z0-9 .-]{0,8}$/));
    fc.assert(
      fc.property(fc.array(fc.array(cell, { minLength: 1, maxLength: 6 }), { minLength: 1, maxLength: 30 }), fc.constantFrom('\n', '\r\n'), fc.array(fc.nat({ max: 600 }), { maxLength: 8 }), (rows, eol, cuts) => {
        const t = rows.map((r) => r.join(',')).join(eol) + eol;
        expect(tokenize(t, ',', cuts)).toEqual(oracle(t, ','));
      }),
      { numRuns: 3_000 },
    );
  });

  it('named cases: an unclosed quote, a stray quote after a closing one, a quote inside a field', () => {
    expect(tokenize('a,b\r\n1,"open\r\n2,x\r\n', ',', [])).toEqual({ error: 'CSV_QUOTE_NOT_CLOSED', records: 1, index: 1 });
    expect(tokenize('a,b\n1,"x"y\n', ',', [7])).toEqual({ error: 'CSV_INVALID_CLOSING_QUOTE', records: 1, index: 1 });
    expect(tokenize('a,b\n1,x"y\n', ',', [])).toEqual({ error: 'CSV_INVALID_OPENING_QUOTE', records: 1, index: 1 });
    expect(tokenize('a,b\n"1""2",\n', ',', [5, 6])).toEqual({ records: [['a', 'b'], ['1"2', '']] });
  });

  it('a record longer than the limit is refused, also when it spans chunks', () => {
    const t = new CsvTokenizer(',', 100);
    expect(t.push('a,b\n', false)).toEqual([['a', 'b']]);
    expect(() => {
      t.push('x,"', false);
      for (let i = 0; i < 10; i++) t.push('y'.repeat(30), false);
    }).toThrow(expect.objectContaining({ code: 'CSV_MAX_RECORD_SIZE', records: 1 }));
  });
});
