import { describe, expect, it } from 'vitest';
import { chineseCapitals } from '../../../electron/domain/statements/chineseCapitals';

describe('人民币大写 (PBoC writing rules)', () => {
  it.each([
    [100000, '壹仟元整'],
    [100520, '壹仟零伍元贰角'],
    [5, '伍分'],
    [50, '伍角'],
    [0, '零元整'],
    [1000, '壹拾元整'],
    [1500, '壹拾伍元整'],
    [140902, '壹仟肆佰零玖元零贰分'],
    [32504, '叁佰贰拾伍元零肆分'],
    [1837020, '壹万捌仟叁佰柒拾元贰角'],
    [10000000, '壹拾万元整'],
    [100500000, '壹佰万伍仟元整'], // 万位 0, 千位 not: 零 may be left out (PBoC)
    [10700053, '壹拾万柒仟元伍角叁分'], // the PBoC example ¥107,000.53
    [105000000, '壹佰零伍万元整'],
    [1000001000, '壹仟万零壹拾元整'],
    [10000000000, '壹亿元整'],
    [10001000000, '壹亿零壹万元整'],
    [10010000000, '壹亿零壹拾万元整'],
    [10000000100, '壹亿零壹元整'],
    [123456789, '壹佰贰拾叁万肆仟伍佰陆拾柒元捌角玖分'],
    [100000000000000, '壹万亿元整'],
    [-100000, '负壹仟元整'],
    [-5, '负伍分'],
  ])('%i fen → %s', (minor, text) => {
    expect(chineseCapitals(minor)).toBe(text);
  });
  it('refuses non-integer fen', () => {
    expect(() => chineseCapitals(1.5)).toThrow();
  });
});
