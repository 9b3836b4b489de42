import type { Readable } from 'node:stream';
import yauzl from 'yauzl';

/** One file inside the archive, as its central directory describes it. */
export interface ZipEntryInfo {
  name: string;
  compressedSize: number;
  uncompressedSize: number;
}

/**
 * Random access to the parts of a zip file (an OOXML package) without temp files: the central directory is read
 * once, then any part can be streamed on its own, in any order. yauzl checks each part's inflated length against
 * the declared size, so a part cannot inflate past what the directory says (the limits are applied to that size).
 */
export interface ZipArchive {
  entries: Map<string, ZipEntryInfo>;
  open(name: string): Promise<Readable>;
  close(): void;
}

export function openZip(path: string): Promise<ZipArchive> {
  return new Promise((resolve, reject) => {
    yauzl.open(path, { lazyEntries: true, autoClose: false, decodeStrings: true }, (err, zip) => {
      if (err || !zip) return reject(err ?? new Error('cannot open the zip'));
      const raw = new Map<string, yauzl.Entry>();
      const entries = new Map<string, ZipEntryInfo>();
      zip.on('error', (e: Error) => {
        zip.close();
        reject(e);
      });
      zip.on('entry', (e: yauzl.Entry) => {
        // Part names are case-insensitive in OPC; keys are the names as written, lookups try both.
        raw.set(e.fileName, e);
        entries.set(e.fileName, { name: e.fileName, compressedSize: e.compressedSize, uncompressedSize: e.uncompressedSize });
        zip.readEntry();
      });
      zip.on('end', () => {
        let closed = false;
        resolve({
          entries,
          open: (name) =>
            new Promise<Readable>((res, rej) => {
              const entry = raw.get(name);
              if (!entry) return rej(new Error(`the part ${name} is missing`));
              zip.openReadStream(entry, (e, stream) => (e || !stream ? rej(e ?? new Error(`cannot read ${name}`)) : res(stream)));
            }),
          close() {
            if (closed) return;
            closed = true;
            zip.close();
          },
        });
      });
      zip.readEntry();
    });
  });
}

/** Finds a part by name, case-insensitively (OPC part names are); null if absent. */
export function findPart(zip: ZipArchive, name: string): string | null {
  if (zip.entries.has(name)) return name;
  const lower = name.toLowerCase();
  for (const k of zip.entries.keys()) if (k.toLowerCase() === lower) return k;
  return null;
}
