import { describe, expect, it } from 'vitest';
import { customerKey, normaliseCreditCode } from '../../../electron/domain/deals/customerKey';

describe('customerKey', () => {
  it('folds full-width characters, case and spaces', () => {
    const k = customerKey('ABC 科技有限公司');
    expect(customerKey('ＡＢＣ科技有限公司')).toBe(k);
    expect(customerKey('abc　科技 有限公司')).toBe(k);
    expect(customerKey(' A B C科技有限公司 ')).toBe(k);
  });

  it('unifies company forms', () => {
    const k = customerKey('上海华信有限公司');
    for (const n of ['上海华信有限责任公司', '上海华信股份有限公司', '上海华信（集团）有限公司', '上海华信(集团)有限责任公司', '上海华信集团', '上海华信公司', '上海 华信']) {
      expect(customerKey(n), n).toBe(k);
    }
    expect(k).toBe('上海华信');
  });

  it('removes punctuation and English company forms as whole words only', () => {
    expect(customerKey('Acme Co., Ltd.')).toBe(customerKey('ACME LIMITED'));
    expect(customerKey('Acme Co., Ltd.')).toBe('acme');
    expect(customerKey('Costco Inc.')).toBe('costco');
    expect(customerKey('华信·科技-有限公司')).toBe('华信科技');
  });

  it('keeps names that differ in substance apart', () => {
    expect(customerKey('上海华信有限公司')).not.toBe(customerKey('北京华信有限公司'));
    expect(customerKey('西门子（中国）有限公司')).not.toBe(customerKey('西门子有限公司'));
    expect(customerKey('华信科技北京分公司')).not.toBe(customerKey('华信科技有限公司'));
  });

  it('never returns an empty key for a name that is only a company form', () => {
    expect(customerKey('有限公司')).not.toBe('');
    expect(customerKey('（集团）')).not.toBe('');
  });

  it('normalises credit codes', () => {
    expect(normaliseCreditCode(' ９１３１００００ma1fl1234x ')).toBe('91310000MA1FL1234X');
    expect(normaliseCreditCode('')).toBeNull();
  });
});
