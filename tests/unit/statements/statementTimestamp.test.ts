import { describe, expect, it } from 'vitest';
import { localTimestamp } from '../../../electron/domain/statements/statementPdf';

describe('statement timestamps', () => {
  it('prints the generated time in the local zone with its offset', () => {
    const text = localTimestamp('2026-11-22T13:32:11.000Z');
    expect(text).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2} UTC[+-]\d{2}:\d{2}$/);
    const [, date, time, sign, hh, mm] = /^(\S+) (\S+) UTC([+-])(\d{2}):(\d{2})$/.exec(text)!;
    const back = Date.parse(`${date}T${time}${sign}${hh}:${mm}`);
    expect(back).toBe(Date.parse('2026-11-22T13:32:11.000Z'));
  });
});
