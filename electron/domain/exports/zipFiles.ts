import { createWriteStream } from 'node:fs';
import { basename } from 'node:path';
import yazl from 'yazl';

/** Packs `files` into `<dir>.zip` beside the folder, each under the folder's name (as statements and 对账单 are handed over). */
export async function zipBesideFolder(dir: string, files: string[]): Promise<string> {
  const zip = `${dir}.zip`;
  const z = new yazl.ZipFile();
  for (const f of files) z.addFile(f, `${basename(dir)}/${basename(f)}`);
  z.end();
  await new Promise<void>((resolve, reject) => {
    const out = createWriteStream(zip);
    out.on('close', () => resolve());
    out.on('error', reject);
    z.outputStream.on('error', reject).pipe(out);
  });
  return zip;
}
