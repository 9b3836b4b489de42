import { XlsxLimitExceeded, type XlsxLimits } from './limits';
import { parseXmlStream } from './xmlStream';
import type { ZipArchive } from './zipArchive';

/**
 * The workbook's shared strings, in index order. A string is its <t> runs joined; phonetic guides (<rPh>, furigana and
 * pinyin over CJK text) are not part of the value.
 */
export async function readSharedStrings(zip: ZipArchive, part: string | null, limits: XlsxLimits): Promise<string[]> {
  if (!part) return [];
  const size = zip.entries.get(part)?.uncompressedSize ?? 0;
  if (size > limits.sharedStringsBytes) {
    throw new XlsxLimitExceeded('sharedStringsTooLarge', { mib: mib(size), limitMib: mib(limits.sharedStringsBytes) });
  }
  const out: string[] = [];
  let chars = 0;
  let inSi = false;
  let inT = false;
  let phonetic = 0;
  let current = '';
  await parseXmlStream(await zip.open(part), {
    open(_tag, name) {
      if (name === 'si') {
        inSi = true;
        current = '';
      } else if (name === 'rPh') phonetic++;
      else if (name === 't' && inSi && phonetic === 0) inT = true;
    },
    text(text) {
      if (!inT) return;
      current += text;
      if (current.length > limits.cellChars) throw new XlsxLimitExceeded('sharedStringTooLong', { index: out.length + 1, max: limits.cellChars });
    },
    close(name) {
      if (name === 't') inT = false;
      else if (name === 'rPh') phonetic--;
      else if (name === 'si') {
        inSi = false;
        out.push(current);
        chars += current.length;
        if (out.length > limits.sharedStrings) throw new XlsxLimitExceeded('tooManySharedStrings', { max: limits.sharedStrings });
        if (chars > limits.sharedStringsChars) {
          throw new XlsxLimitExceeded('sharedStringsTooManyChars', { max: limits.sharedStringsChars });
        }
      }
    },
  });
  return out;
}

const mib = (n: number) => Math.ceil(n / 1024 ** 2);
