import i18next from 'i18next';
import { describe, expect, it } from 'vitest';
import { cliErrorText } from '../../../electron/cli/runtime';
import { contract } from '../../../electron/contract';
import { errorText } from '../../../shared/errorMessages';
import { FORMER_OPERATION_NAMES } from '../../../shared/operationNames';
import { OPERATION_WORDS, operationCatalogue, operationWord } from '../../../shared/operationWords';

/**
 * Every operation in the user's words (shared/operationWords.ts): the audit trail, the write-wait notice and the
 * refusals that name the operation they stopped read one table, and no operation of the contract lacks words.
 */
const CJK = /[\u3400-\u9fff]/;
const names = Object.keys(contract);

describe('operation words', () => {
  it('every operation of the contract has zh-CN and en words, and every word names an operation', () => {
    expect(names.length).toBeGreaterThan(150);
    const missing = names.filter((n) => !OPERATION_WORDS[n]);
    expect(missing).toEqual([]);
    expect(Object.keys(OPERATION_WORDS).filter((n) => !names.includes(n))).toEqual([]);
    for (const [name, [zh, en]] of Object.entries(OPERATION_WORDS)) {
      expect(zh, name).toMatch(CJK);
      expect(en, name).not.toMatch(CJK);
      expect(en.trim(), name).not.toBe('');
    }
    expect(OPERATION_WORDS['incentives.payouts.approve']).toEqual(['审批结算批次', 'Approve a payout run']);
  });

  it('a former name reads in its current operation’s words; an unknown name stays as it is', () => {
    for (const [former, current] of Object.entries(FORMER_OPERATION_NAMES)) expect(operationWord(former, 'zh-CN'), former).toBe(OPERATION_WORDS[current]![0]);
    expect(operationWord('payouts.approve', 'en')).toBe('Approve a payout run');
    expect(operationWord('no.such.operation', 'zh-CN')).toBe('no.such.operation');
  });

  it('the renderer’s operations namespace is the same table (operations:incentives.payouts.approve)', async () => {
    const i = i18next.createInstance();
    await i.init({ lng: 'zh-CN', resources: { 'zh-CN': { operations: operationCatalogue('zh-CN') }, en: { operations: operationCatalogue('en') } }, ns: ['operations'] });
    for (const name of names) {
      expect(i.t(`operations:${name}`, { lng: 'zh-CN' }), name).toBe(OPERATION_WORDS[name]![0]);
      expect(i.t(`operations:${name}`, { lng: 'en' }), name).toBe(OPERATION_WORDS[name]![1]);
    }
  });

  it('refusals that name an operation name it in the reader’s language, never as its code', () => {
    const reasons: Array<[string, Record<string, unknown>]> = [
      ['dataConflict', { columns: ['partners.code'] }],
      ['jobWorkerExited', { exitCode: 1 }],
      ['jobOutOfMemory', {}],
      ['fileProblem', { fsCode: 'ENOENT', path: '/tmp/x.csv' }],
      ['storage.diskFull', { path: 'w.sqlite' }],
      ['storage.readOnly', { path: 'w.sqlite' }],
      ['storage.ioError', { path: 'w.sqlite' }],
      ['storage.cannotOpen', { path: 'w.sqlite' }],
      ['storage.corrupt', { path: 'w.sqlite' }],
    ];
    for (const name of names)
      for (const [reason, params] of reasons)
        for (const [lang, at] of [['zh-CN', 0], ['en', 1]] as const) {
          const text = errorText({ message: 'x', data: { reason, params: { ...params, operation: name } } }, lang);
          expect(text, `${reason} ${name} ${lang}`).toContain(OPERATION_WORDS[name]![at]);
          expect(text, `${reason} ${name} ${lang}`).not.toContain(name);
        }
  });

  it('the command line names the operation of refused input in words too', () => {
    const body = { code: 'INVALID_INPUT', operation: 'partners.create', message: 'x', issues: [{ path: 'name', message: 'x', code: 'too_small', params: { minimum: 1, origin: 'string' } }] };
    expect(cliErrorText(body, 'zh-CN').split('\n')[0]).toBe('输入无效（新建合作伙伴）：');
    expect(cliErrorText(body, 'en').split('\n')[0]).toBe('Invalid input (Create a partner):');
  });
});
