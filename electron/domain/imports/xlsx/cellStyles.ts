import { attr, parseXmlStream } from './xmlStream';
import type { ZipArchive } from './zipArchive';

// Built-in number formats that show a date or time (ECMA-376 §18.8.30, plus the CJK ones Excel and WPS use in zh/ja/ko).
const BUILTIN_DATE_FORMATS = new Set([14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 45, 46, 47, 50, 51, 52, 53, 54, 55, 56, 57, 58, 71, 72, 73, 74, 75, 76, 77, 78, 79, 80, 81]);

/** A custom format code shows a date when, outside quoted text, escapes and [colour]/[$-locale] tags, it has d, m, y, h or s. */
export function isDateFormatCode(code: string): boolean {
  const section = code.split(';')[0];
  const bare = section
    .replace(/"[^"]*"/g, '')
    .replace(/\\./g, '')
    .replace(/[_*]./g, '')
    .replace(/\[(?:h+|m+|s+)\]/gi, 'h')
    .replace(/\[[^\]]*\]/g, '');
  if (/^general$/i.test(bare.trim())) return false;
  return /[dmyhs年月日]/i.test(bare.replace(/E[+-]/gi, ''));
}

/**
 * The width a custom format code pads whole numbers to with zeros when it is nothing but zeros ("00000": a product
 * code 123 shows as 00123, how Excel and WPS users keep codes' leading zeros); 0 for any other code, and for "0".
 */
export function zeroPadWidth(code: string): number {
  return /^0{2,}$/.test(code.trim()) ? code.trim().length : 0;
}

/** For each cell style index (a cell's s attribute): whether its number format shows a date, and its zero padding. */
export interface CellStyles {
  dates: boolean[];
  /** Width a whole number is shown zero-padded to (zeroPadWidth); 0 where the style does not pad. */
  zeroPad: number[];
}

export async function readCellStyles(zip: ZipArchive, part: string | null): Promise<CellStyles> {
  if (!part) return { dates: [], zeroPad: [] };
  const custom = new Map<number, string>();
  const dates: boolean[] = [];
  const zeroPad: number[] = [];
  let inCellXfs = false;
  await parseXmlStream(await zip.open(part), {
    open(tag, name) {
      if (name === 'numFmt') custom.set(Number(attr(tag, 'numFmtId')), attr(tag, 'formatCode') ?? '');
      else if (name === 'cellXfs') inCellXfs = true;
      else if (name === 'xf' && inCellXfs) {
        const id = Number(attr(tag, 'numFmtId') ?? 0);
        const code = custom.get(id);
        dates.push(code === undefined ? BUILTIN_DATE_FORMATS.has(id) : isDateFormatCode(code));
        zeroPad.push(code === undefined ? 0 : zeroPadWidth(code));
      }
    },
    close(name) {
      if (name === 'cellXfs') inCellXfs = false;
    },
  });
  return { dates, zeroPad };
}
