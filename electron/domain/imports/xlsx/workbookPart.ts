import { posix } from 'node:path';
import { attr, parseXmlStream } from './xmlStream';
import { findPart, type ZipArchive } from './zipArchive';

export interface SheetRef {
  /** The tab's name, as the user sees it. */
  name: string;
  /** The worksheet part in the zip (null for chart sheets and dialog sheets, which hold no cells). */
  part: string | null;
  hidden: boolean;
}

export interface WorkbookInfo {
  /** Tabs in the order the workbook shows them (workbook.xml's <sheets>), not the order of the zip's parts. */
  sheets: SheetRef[];
  /** Dates count from 1904-01-01 (old Mac Excel workbooks) instead of 1899-12-30. */
  date1904: boolean;
  /** Parts the workbook relates to, by relationship type's last segment: sharedStrings, styles. */
  sharedStringsPart: string | null;
  stylesPart: string | null;
}

interface Relationship {
  type: string;
  target: string;
}

/** The relationships part of `part` (`xl/_rels/workbook.xml.rels` for `xl/workbook.xml`), targets resolved to part names. */
export async function readRelationships(zip: ZipArchive, part: string): Promise<Map<string, Relationship>> {
  const relsName = findPart(zip, posix.join(posix.dirname(part), '_rels', `${posix.basename(part)}.rels`));
  const out = new Map<string, Relationship>();
  if (!relsName) return out;
  const base = posix.dirname(part);
  await parseXmlStream(await zip.open(relsName), {
    open(tag, name) {
      if (name !== 'Relationship') return;
      const id = attr(tag, 'Id');
      const target = attr(tag, 'Target');
      const type = attr(tag, 'Type') ?? '';
      if (!id || !target || attr(tag, 'TargetMode') === 'External') return;
      const resolved = target.startsWith('/') ? target.slice(1) : posix.normalize(posix.join(base, target));
      out.set(id, { type: type.slice(type.lastIndexOf('/') + 1), target: resolved });
    },
  });
  return out;
}

export async function readWorkbook(zip: ZipArchive): Promise<WorkbookInfo> {
  const root = await readRelationships(zip, '');
  const officeDocument = [...root.values()].find((r) => r.type === 'officeDocument')?.target ?? 'xl/workbook.xml';
  const workbookPart = findPart(zip, officeDocument);
  if (!workbookPart) throw new Error('the workbook part (xl/workbook.xml) is missing');
  const rels = await readRelationships(zip, workbookPart);
  const tabs: Array<{ name: string; rid: string; hidden: boolean }> = [];
  let date1904 = false;
  await parseXmlStream(await zip.open(workbookPart), {
    open(tag, name) {
      if (name === 'workbookPr') {
        const v = attr(tag, 'date1904');
        date1904 = v === '1' || v === 'true';
      } else if (name === 'sheet') {
        const state = attr(tag, 'state');
        tabs.push({ name: attr(tag, 'name') ?? '', rid: attr(tag, 'id') ?? '', hidden: state === 'hidden' || state === 'veryHidden' });
      }
    },
  });
  const partOf = (type: string) => {
    const r = [...rels.values()].find((x) => x.type === type);
    return r ? findPart(zip, r.target) : null;
  };
  return {
    sheets: tabs.map((t) => {
      const r = rels.get(t.rid);
      return { name: t.name, part: r && r.type === 'worksheet' ? findPart(zip, r.target) : null, hidden: t.hidden };
    }),
    date1904,
    sharedStringsPart: partOf('sharedStrings'),
    stylesPart: partOf('styles'),
  };
}
