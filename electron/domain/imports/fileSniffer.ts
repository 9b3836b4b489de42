import { closeSync, openSync, readSync, statSync } from 'node:fs';
import { basename } from 'node:path';
import iconv from 'iconv-lite';
import { fileRefused, type ImportFailure } from './importFailure';
import type { DelimiterChoice, Encoding, EncodingChoice, SourceFormat } from '../../model/imports';

/** What a file looks like before it is read: format, text encoding, byte-order mark, delimiter. */
export interface Sniffed {
  format: SourceFormat;
  encoding: Encoding;
  /** Bytes of byte-order mark to skip. */
  bomLength: number;
  delimiter: string;
  fileSize: number;
  /** The first bytes decoded (for previews and header detection). */
  sampleText: string;
}

const SAMPLE_BYTES = 64 * 1024;

export function readHead(path: string, bytes = SAMPLE_BYTES): Buffer {
  const fd = openSync(path, 'r');
  try {
    const buf = Buffer.alloc(bytes);
    const n = readSync(fd, buf, 0, bytes, 0);
    return buf.subarray(0, n);
  } finally {
    closeSync(fd);
  }
}

/** BOMs first; then valid UTF-8; then UTF-16 without BOM (NULs in every other byte); else GB18030 (a superset of GBK/GB2312). */
export function detectEncoding(head: Buffer): { encoding: Encoding; bomLength: number } {
  if (head.length >= 3 && head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return { encoding: 'utf8', bomLength: 3 };
  if (head.length >= 2 && head[0] === 0xff && head[1] === 0xfe) return { encoding: 'utf16le', bomLength: 2 };
  if (head.length >= 2 && head[0] === 0xfe && head[1] === 0xff) return { encoding: 'utf16be', bomLength: 2 };
  if (head.length >= 4) {
    let evenNul = 0;
    let oddNul = 0;
    const n = Math.min(head.length, 4096) & ~1;
    for (let i = 0; i < n; i += 2) {
      if (head[i] === 0) evenNul++;
      if (head[i + 1] === 0) oddNul++;
    }
    if (oddNul > n / 4 && evenNul === 0) return { encoding: 'utf16le', bomLength: 0 };
    if (evenNul > n / 4 && oddNul === 0) return { encoding: 'utf16be', bomLength: 0 };
  }
  try {
    // stream: true keeps a multi-byte character cut at the end of the sample from counting as invalid.
    new TextDecoder('utf-8', { fatal: true }).decode(head, { stream: true });
    return { encoding: 'utf8', bomLength: 0 };
  } catch {
    return { encoding: 'gb18030', bomLength: 0 };
  }
}

export function decodeSample(head: Buffer, encoding: Encoding, bomLength: number): string {
  const body = head.subarray(bomLength);
  if (encoding === 'utf8') return new TextDecoder('utf-8').decode(body, { stream: true });
  return iconv.decode(body, encoding === 'utf16be' ? 'utf-16be' : encoding === 'utf16le' ? 'utf-16le' : 'gb18030', { stripBOM: true });
}

/** The offset of the first character that no text file has (NUL, most C0 controls, U+FFFD from undecodable bytes), or -1. */
export function binaryOffset(text: string): number {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if ((c < 32 && c !== 9 && c !== 10 && c !== 13 && c !== 12) || c === 0xfffd) return i;
  }
  return -1;
}

const CANDIDATES = [',', ';', '\t', '|'];

/** Counts each candidate outside quotes per line over the first lines; picks the one that is present and most consistent. */
export function detectDelimiter(text: string): string {
  const lines: Map<string, number>[] = [];
  let counts = new Map<string, number>();
  let inQuotes = false;
  for (let i = 0; i < text.length && lines.length < 50; i++) {
    const ch = text[i];
    if (ch === '"') inQuotes = !inQuotes;
    else if (!inQuotes && (ch === '\n' || ch === '\r')) {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      lines.push(counts);
      counts = new Map();
    } else if (!inQuotes && CANDIDATES.includes(ch)) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  }
  if (counts.size || lines.length === 0) lines.push(counts);
  let best = ',';
  let bestScore = 0;
  for (const d of CANDIDATES) {
    const header = lines[0].get(d) ?? 0;
    if (header === 0) continue;
    const consistent = lines.filter((l) => (l.get(d) ?? 0) === header).length;
    const score = (consistent / lines.length) * 1000 + header;
    if (score > bestScore) {
      best = d;
      bestScore = score;
    }
  }
  return best;
}

const ENCODING_ALIASES: Record<string, Encoding> = {
  utf8: 'utf8', 'utf-8': 'utf8', utf16le: 'utf16le', 'utf-16le': 'utf16le', 'utf-16': 'utf16le', utf16: 'utf16le',
  utf16be: 'utf16be', 'utf-16be': 'utf16be', gb18030: 'gb18030', gbk: 'gb18030', gb2312: 'gb18030', cp936: 'gb18030',
};

/** Accepts the usual spellings (UTF-8, GBK, gb2312, utf-16); 'auto' or undefined = detect. */
export function normalizeEncoding(e: string | undefined | null): EncodingChoice {
  if (!e || e.toLowerCase() === 'auto') return 'auto';
  const enc = ENCODING_ALIASES[e.toLowerCase()];
  if (!enc) throw fileRefused(`Unknown encoding '${e}' (use utf8, utf16le, utf16be or gb18030)`, {}, { code: 'unknownEncoding', params: { value: e } });
  return enc;
}

export function sniffFile(path: string, opts: { encoding?: EncodingChoice; delimiter?: DelimiterChoice } = {}): Sniffed {
  const name = basename(path);
  let fileSize: number;
  try {
    const st = statSync(path);
    if (!st.isFile()) throw new Error('not a file');
    fileSize = st.size;
  } catch (e) {
    throw cannotRead(name, e);
  }
  const head = readHead(path);
  if (head.length === 0) throw fileRefused(`${name} is empty`, { fileName: name, row: 1 }, { code: 'fileEmpty' });
  if (head[0] === 0x50 && head[1] === 0x4b && head[2] === 0x03 && head[3] === 0x04) {
    // OpenDocument packages start with an uncompressed 'mimetype' part naming the document type.
    const ods = head.subarray(0, 200).includes('application/vnd.oasis.opendocument.spreadsheet');
    return { format: ods ? 'ods' : 'xlsx', encoding: 'utf8', bomLength: 0, delimiter: ',', fileSize, sampleText: '' };
  }
  if (head[0] === 0xd0 && head[1] === 0xcf && head[2] === 0x11 && head[3] === 0xe0) {
    // OLE compound file: Excel 97–2003 .xls, WPS .et (both BIFF workbooks).
    return { format: 'xls', encoding: 'utf8', bomLength: 0, delimiter: ',', fileSize, sampleText: '' };
  }
  const detected = detectEncoding(head);
  const choice = opts.encoding ?? 'auto';
  const encoding = choice === 'auto' ? detected.encoding : choice;
  // An explicit encoding still skips a BOM of that same encoding.
  const bomLength = choice === 'auto' || choice === detected.encoding ? detected.bomLength : 0;
  const sampleText = decodeSample(head, encoding, bomLength);
  // A sample cut in the middle of a character ends in a replacement character: do not count that one.
  const bad = binaryOffset(head.length === SAMPLE_BYTES ? sampleText.slice(0, -4) : sampleText);
  if (bad >= 0) {
    const row = sampleText.slice(0, bad).split('\n').length;
    const snippet = head.subarray(Math.max(0, bad - 4), bad + 12).toString('hex');
    throw fileRefused(`${name} does not look like a CSV or XLSX file (binary content in row ${row}; read as ${encoding})`, { fileName: name, row, value: snippet }, {
      code: 'binaryContent',
      params: { bytes: snippet, encoding },
    });
  }
  const delimiter = opts.delimiter && opts.delimiter !== 'auto' ? opts.delimiter : detectDelimiter(sampleText);
  return { format: 'csv', encoding, bomLength, delimiter, fileSize, sampleText };
}

/** A file the system would not let us read, worded by why (ENOENT, EACCES…) rather than the system's English. */
export function cannotRead(name: string, e: unknown): ImportFailure {
  const code = (e as NodeJS.ErrnoException)?.code;
  const detail = (e as Error)?.message ?? String(e);
  const why = code === 'ENOENT' ? 'missing' : code === 'EACCES' || code === 'EPERM' ? 'denied' : code === 'EISDIR' || detail === 'not a file' ? 'notFile' : code === 'EBUSY' ? 'busy' : 'other';
  return fileRefused(`${name}: cannot read the file (${detail})`, { fileName: name }, { code: 'cannotRead', params: { why, detail } });
}
