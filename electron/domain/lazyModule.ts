import { createRequire } from 'node:module';

const requireHere = createRequire(import.meta.url);

/**
 * A heavy dependency loaded on first use instead of at start-up: exceljs, pdfkit, SheetJS and pg together cost about
 * a second of every `pwb` command (and of the app's start), though only exports, statements, legacy workbooks and HQ
 * publishing need them. `import type` keeps the types; the value comes from this on the first call.
 */
export function lazyModule<T>(name: string): () => T {
  let mod: T | undefined;
  return () => (mod ??= requireHere(name) as T);
}
