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

/** For each cell style index (a cell's s attribute): whether its number format shows a date. */
export async function readDateStyles(zip: ZipArchive, part: string | null): Promise<boolean[]> {
  if (!part) return [];
  const custom = new Map<number, boolean>();
  const xfs: boolean[] = [];
  let inCellXfs = false;
  await parseXmlStream(await zip.open(part), {
    open(tag, name) {
      if (name === 'numFmt') custom.set(Number(attr(tag, 'numFmtId')), isDateFormatCode(attr(tag, 'formatCode') ?? ''));
      else if (name === 'cellXfs') inCellXfs = true;
      else if (name === 'xf' && inCellXfs) {
        const id = Number(attr(tag, 'numFmtId') ?? 0);
        xfs.push(custom.get(id) ?? BUILTIN_DATE_FORMATS.has(id));
      }
    },
    close(name) {
      if (name === 'cellXfs') inCellXfs = false;
    },
  });
  return xfs;
}
