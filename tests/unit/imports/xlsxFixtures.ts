import { createWriteStream } from 'node:fs';
import yazl from 'yazl';

/** A cell as written in sheet XML: `n` number text, `s` shared string index, `str`/`inlineStr`/`d`/`b`/`e` as OOXML. */
export type XCell = { t?: 'n' | 's' | 'str' | 'inlineStr' | 'd' | 'b' | 'e'; v: string; s?: number } | string | number | null;

export interface XSheet {
  name: string;
  rows: XCell[][];
  hidden?: boolean;
}

export interface XWorkbook {
  sheets: XSheet[];
  /** Strict OOXML (ISO/IEC 29500 Strict namespaces, as Excel's "Strict Open XML" and some WPS saves write). */
  strict?: boolean;
  date1904?: boolean;
  /** Number formats for style indexes 1, 2…: built-in ids or custom codes. Style 0 is General. */
  styles?: Array<number | string>;
  /** Write the worksheet parts in reverse order in the zip, and name them so sheet1.xml is not the first tab. */
  scrambleParts?: boolean;
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

function col(i: number): string {
  let s = '';
  for (let n = i + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

/** Writes an XLSX package by hand, so tests control what real files contain (namespaces, part order, cell types). */
export async function writeXlsx(path: string, wb: XWorkbook): Promise<void> {
  const ns = wb.strict
    ? { main: 'http://purl.oclc.org/ooxml/spreadsheetml/main', r: 'http://purl.oclc.org/ooxml/officeDocument/relationships', rel: 'http://purl.oclc.org/ooxml/officeDocument/relationships' }
    : { main: 'http://schemas.openxmlformats.org/spreadsheetml/2006/main', r: 'http://schemas.openxmlformats.org/officeDocument/2006/relationships', rel: 'http://schemas.openxmlformats.org/officeDocument/2006/relationships' };
  const shared: string[] = [];
  const sharedIndex = new Map<string, number>();
  const sheetXml = (sheet: XSheet) => {
    const rows = sheet.rows
      .map((cells, r) => {
        const cs = cells
          .map((c, i) => {
            if (c === null) return '';
            const ref = `${col(i)}${r + 1}`;
            if (typeof c === 'number') return `<c r="${ref}"><v>${c}</v></c>`;
            if (typeof c === 'string') {
              if (!sharedIndex.has(c)) {
                sharedIndex.set(c, shared.length);
                shared.push(c);
              }
              return `<c r="${ref}" t="s"><v>${sharedIndex.get(c)}</v></c>`;
            }
            const s = c.s ? ` s="${c.s}"` : '';
            if (c.t === 'inlineStr') return `<c r="${ref}" t="inlineStr"${s}><is><t>${esc(c.v)}</t></is></c>`;
            return `<c r="${ref}"${c.t && c.t !== 'n' ? ` t="${c.t}"` : ''}${s}><v>${esc(c.v)}</v></c>`;
          })
          .join('');
        return `<row r="${r + 1}">${cs}</row>`;
      })
      .join('');
    return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="${ns.main}" xmlns:r="${ns.r}"><sheetData>${rows}</sheetData></worksheet>`;
  };
  const n = wb.sheets.length;
  const partNo = (i: number) => (wb.scrambleParts ? n - i : i + 1);
  const parts: Array<[string, string]> = [];
  const sheetParts = wb.sheets.map((s, i) => [`xl/worksheets/sheet${partNo(i)}.xml`, sheetXml(s)] as [string, string]);
  parts.push(...(wb.scrambleParts ? [...sheetParts].sort((a, b) => a[0].localeCompare(b[0])) : sheetParts));
  const fmts = wb.styles ?? [];
  const custom = fmts.map((f, i) => (typeof f === 'string' ? `<numFmt numFmtId="${164 + i}" formatCode="${esc(f)}"/>` : '')).join('');
  const xfs = ['<xf numFmtId="0"/>', ...fmts.map((f, i) => `<xf numFmtId="${typeof f === 'string' ? 164 + i : f}" applyNumberFormat="1"/>`)].join('');
  parts.push([
    'xl/styles.xml',
    `<?xml version="1.0" encoding="UTF-8"?><styleSheet xmlns="${ns.main}"><numFmts count="${fmts.length}">${custom}</numFmts><cellXfs count="${fmts.length + 1}">${xfs}</cellXfs></styleSheet>`,
  ]);
  parts.push([
    'xl/sharedStrings.xml',
    `<?xml version="1.0" encoding="UTF-8"?><sst xmlns="${ns.main}" count="${shared.length}">${shared.map((s) => `<si><t xml:space="preserve">${esc(s)}</t></si>`).join('')}</sst>`,
  ]);
  const sheetsXml = wb.sheets
    .map((s, i) => `<sheet name="${esc(s.name)}" sheetId="${i + 1}" r:id="rId${partNo(i)}"${s.hidden ? ' state="hidden"' : ''}/>`)
    .join('');
  parts.push([
    'xl/workbook.xml',
    `<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="${ns.main}" xmlns:r="${ns.r}"><workbookPr${wb.date1904 ? ' date1904="1"' : ''}/><sheets>${sheetsXml}</sheets></workbook>`,
  ]);
  const rels = wb.sheets.map((_, i) => `<Relationship Id="rId${partNo(i)}" Type="${ns.rel}/worksheet" Target="worksheets/sheet${partNo(i)}.xml"/>`).join('');
  parts.push([
    'xl/_rels/workbook.xml.rels',
    `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${rels}<Relationship Id="rIdS" Type="${ns.rel}/styles" Target="styles.xml"/><Relationship Id="rIdT" Type="${ns.rel}/sharedStrings" Target="sharedStrings.xml"/></Relationships>`,
  ]);
  parts.push([
    '_rels/.rels',
    `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${ns.rel}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
  ]);
  parts.push([
    '[Content_Types].xml',
    `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/></Types>`,
  ]);
  const zip = new yazl.ZipFile();
  for (const [name, text] of parts) zip.addBuffer(Buffer.from(text, 'utf8'), name);
  zip.end();
  await new Promise<void>((resolve, reject) => {
    const out = createWriteStream(path);
    out.on('close', () => resolve());
    out.on('error', reject);
    zip.outputStream.pipe(out);
  });
}
