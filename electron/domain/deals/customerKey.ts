/**
 * Customer names as channel teams type them differ in width (ＡＢＣ／ABC, （）/()), case, spaces, punctuation and the
 * company form (有限公司 / 有限责任公司 / 股份有限公司 / (集团) / Co., Ltd.). The key removes all of that, so that
 * "上海 华信（集团）有限责任公司" and "上海华信有限公司" are the same customer for the conflict check.
 */

/** Company-form endings, longest first (compared after width/case folding and punctuation removal). */
const CJK_FORMS = [
  '集团股份有限公司',
  '集团有限责任公司',
  '股份有限责任公司',
  '集团有限公司',
  '有限责任公司',
  '责任有限公司',
  '股份有限公司',
  '控股有限公司',
  '有限公司',
  '股份公司',
  '集团公司',
  '控股集团',
  '总公司',
  '集团',
  '公司',
];

/** English company forms, removed only as whole trailing words. */
const LATIN_FORM = /(?:[\s,.&]+(?:co|company|ltd|limited|inc|incorporated|corp|corporation|llc|plc|gmbh|group|holdings?))+[\s.,]*$/;

/** Punctuation, symbols and every kind of space (after NFKC, so full-width forms are already ASCII). */
const NOISE = /[\s\p{P}\p{S}]/gu;

export function customerKey(name: string): string {
  let s = name.normalize('NFKC').toLowerCase().trim();
  // (集团), (控股) etc. inside brackets are company forms too; any other bracketed text (a city, 中国) is kept.
  s = s.replace(/[([]\s*(集团|控股|股份)\s*[)\]]/g, '$1');
  for (let prev = ''; prev !== s; ) {
    prev = s;
    s = s.replace(LATIN_FORM, '');
  }
  const bare = s.replace(NOISE, '');
  let key = bare;
  for (let prev = ''; prev !== key; ) {
    prev = key;
    for (const form of CJK_FORMS) {
      if (key.endsWith(form) && key.length > form.length) {
        key = key.slice(0, -form.length);
        break;
      }
    }
  }
  return key || bare;
}

/** 统一社会信用代码, normalised: width, case, spaces and dashes removed; null when empty. */
export function normaliseCreditCode(code: string | null | undefined): string | null {
  if (!code) return null;
  const c = code.normalize('NFKC').toUpperCase().replace(/[\s-]/g, '');
  return c || null;
}
