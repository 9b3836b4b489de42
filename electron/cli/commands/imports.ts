import type { Command } from 'commander';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { IMPORT_KINDS } from '../../../shared/enums';
import { importMapping } from '../../contract/imports';
import { ApiError } from '../../../shared/errors';
import type { ImportRecord, RowError, SkippedRows } from '../../model/imports';
import { action, cliErrorText, cliLanguage, common, output, progressPrinter, withApi, type CommonOptions } from '../runtime';
import { CliError, cliText, cliWord, formatTable } from '../cliTexts';
import { importErrorText, skippedRowsText } from '../../../shared/importMessages';
import { schemaMessageText } from '../../../shared/validationMessages';

interface ImportOptions extends CommonOptions {
  mapping?: string;
  sheet?: string;
  encoding?: string;
  delimiter?: string;
  acceptValid?: boolean;
  lang?: string;
  rejected?: string;
  replace?: string;
  force?: boolean;
  createTerritories?: boolean;
  createOwners?: boolean;
}

const DELIMS: Record<string, string> = { comma: ',', semicolon: ';', tab: '\t', pipe: '|', ',': ',', ';': ';', '\\t': '\t', '|': '|' };

function readMapping(path: string) {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8').replace(/^\uFEFF/, ''));
  } catch (e) {
    throw new CliError('imports.mappingUnreadable', { file: path, problem: (e as Error).message });
  }
  const parsed = importMapping.safeParse(raw);
  if (!parsed.success) throw new CliError('imports.mappingInvalid', { file: path, problems: parsed.error.issues.map((i) => `${i.path.join('.') || '(file)'}: ${i.message}`).join('; ') });
  return parsed.data;
}

/** Import history rows as a table with headers, kinds and statuses in the reader's language. */
function importTable(lang: 'zh-CN' | 'en', rows: ImportRecord[]): string {
  const col = (k: 'id' | 'started' | 'kind' | 'status' | 'file' | 'rowsRead' | 'inserted' | 'updated' | 'duplicates' | 'rejected' | 'skipped') => cliText(lang, `imports.col.${k}`);
  return formatTable(
    [col('id'), col('started'), col('kind'), col('status'), col('file'), col('rowsRead'), col('inserted'), col('updated'), col('duplicates'), col('rejected'), col('skipped')],
    rows.map((i) => [
      i.id, i.startedAt.slice(0, 19).replace('T', ' '), cliWord(lang, 'importKind', i.kind), cliWord(lang, 'importStatus', i.status), i.fileName, i.rowsRead, i.inserted, i.updated, i.duplicates, i.rejected,
      // Title and total rows the reader skipped, kept with the import (migration 0034): `imports show` names them.
      i.skipped ? i.skipped.titles.length + i.skipped.totals : 0,
    ]),
  );
}

/** One row error in the reader's language (--lang, else PWB_LANG, else the locale). */
const errorText = (e: RowError, lang: 'zh-CN' | 'en') => {
  const zh = lang === 'zh-CN';
  const where = [
    e.row !== null ? (zh ? `第 ${e.row} 行` : `row ${e.row}`) : null,
    e.column ? (zh ? `列“${e.column}”` : `column '${e.column}'`) : null,
    e.value ? (zh ? `值“${e.value.slice(0, 80)}”` : `value '${e.value.slice(0, 80)}'`) : null,
  ].filter(Boolean);
  return `  ${where.join(zh ? '，' : ', ')}${zh ? '：' : ': '}${importErrorText(e, lang, (m) => schemaMessageText(m, lang))}`;
};

export function register(program: Command): void {
  common(
    program
      .command('import')
      .description('import a CSV, XLSX, XLS, ET or ODS file (all-or-nothing unless --accept-valid)')
      .argument('<kind>', `what the file holds: ${IMPORT_KINDS.join(', ')}`)
      .argument('<file>', 'CSV/TSV (UTF-8, UTF-16 or GB18030), XLSX, XLS, ET or ODS file'),
    "language of the output, the row errors and the rejected-rows file: zh or en (default: PWB_LANG, else the workspace's language, else the locale)",
  )
    .option('--mapping <file>', 'mapping JSON (columns, dateFormat, value maps); default: headers matched automatically')
    .option('--sheet <name>', 'XLSX sheet (default: the first)')
    .option('--encoding <enc>', 'utf8, utf16le, utf16be or gb18030 (default: detected)')
    .option('--delimiter <d>', 'comma, semicolon, tab or pipe (default: detected)')
    .option('--accept-valid', 'commit the valid rows and write the rejected ones to a CSV')
    .option('--rejected <file>', 'where to write the rejected rows (default: next to the file)')
    .option('--replace <importId>', 'the same file was imported before: undo that import and import this one, in one transaction')
    .option('--force', 'import even though the same file content was imported before (duplicate lines are still skipped)')
    .option('--create-territories', 'partners: create the territories the file names that do not exist (default: each unknown one is an error)')
    .option('--create-owners', 'partners: create the channel managers the file names that do not exist (default: each unknown one is an error)')
    .action(
      action(async (kind: string, file: string, opts: ImportOptions) => {
        if (!(IMPORT_KINDS as readonly string[]).includes(kind)) throw new CliError('imports.unknownKind', { kind, kinds: IMPORT_KINDS.join(', ') });
        const mapping = opts.mapping ? readMapping(opts.mapping) : undefined;
        const delimiter = opts.delimiter ? DELIMS[opts.delimiter] : undefined;
        const replace = opts.replace === undefined ? undefined : Number(opts.replace);
        if (replace !== undefined && !(Number.isInteger(replace) && replace > 0)) throw new CliError('imports.replaceId', { value: opts.replace });
        if (opts.delimiter && !delimiter) throw new CliError('imports.unknownDelimiter', { value: opts.delimiter });
        await withApi(opts, async (api) => {
          const lang = cliLanguage(opts.lang);
          try {
            const r = await api.sendRaw(
              'imports.run',
              {
                kind,
                path: resolve(file),
                mapping,
                sheet: opts.sheet,
                encoding: opts.encoding,
                delimiter,
                acceptValid: opts.acceptValid ?? false,
                rejectedPath: opts.rejected ? resolve(opts.rejected) : undefined,
                replace,
                force: opts.force ?? false,
                language: lang,
                ...(opts.createTerritories ? { createTerritories: true } : {}),
                ...(opts.createOwners ? { createOwners: true } : {}),
              },
              { onProgress: progressPrinter() },
            ) as Awaited<ReturnType<typeof api.send<'imports.run'>>>;
            const summary = { importId: r.importId, replaced: r.replaced, kind: r.kind, rowsRead: r.rowsRead, inserted: r.inserted, updated: r.updated, duplicates: r.duplicates, rejected: r.rejected, ...(r.created ? { created: r.created } : {}), skipped: r.skipped, errors: r.errors.map((e) => ({ row: e.row, column: e.column, value: e.value, message: importErrorText(e, lang, (m) => schemaMessageText(m, lang)) })) };
            output(opts, summary, () =>
              [
                cliText(lang, 'imports.summary', {
                  id: r.importId,
                  kind: cliWord(lang, 'importKind', r.kind),
                  file: r.fileName,
                  rowsRead: cliText(lang, 'imports.rowsRead', { count: r.rowsRead }),
                  inserted: r.inserted,
                  updated: r.updated,
                  duplicates: cliText(lang, 'imports.duplicates', { count: r.duplicates }),
                  rejected: r.rejected,
                  seconds: (r.durationMs / 1000).toFixed(1),
                }),
                // Title rows above the header and total rows (合计) the reader skipped: said, never silent.
                skippedRowsText(r.skipped, lang) ?? '',
                ...(r.created?.territories.length ? [cliText(lang, 'imports.territoriesCreated', { names: r.created.territories.join(lang === 'zh-CN' ? '、' : ', ') })] : []),
                ...(r.created?.channelManagers.length ? [cliText(lang, 'imports.managersCreated', { names: r.created.channelManagers.join(lang === 'zh-CN' ? '、' : ', ') })] : []),
                ...r.errors.slice(0, 20).map((e) => errorText(e, lang)),
                r.rejectedFile ? cliText(lang, 'imports.rejectedFile', { file: r.rejectedFile }) : '',
              ]
                .filter(Boolean)
                .join('\n'),
            );
          } catch (e) {
            // All-or-nothing failure: the same JSON shape, with the row errors, and a non-zero exit.
            const data = ApiError.is(e) ? (e.body.data as { errors?: RowError[]; rowsRead?: number; rejected?: number; skipped?: SkippedRows } | undefined) : undefined;
            if (!data?.errors) throw e;
            const summary = { importId: null, kind, rowsRead: data.rowsRead ?? 0, inserted: 0, updated: 0, duplicates: 0, rejected: data.rejected ?? data.errors.length, ...(data.skipped ? { skipped: data.skipped } : {}), errors: data.errors };
            if (opts.json) process.stdout.write(`${JSON.stringify(summary, null, 2)}\n`);
            process.stderr.write(`pwb: ${ApiError.is(e) ? cliErrorText(e.body, opts.lang) : (e as Error).message}\n`);
            const skipped = opts.json ? null : skippedRowsText(data.skipped, lang);
            if (skipped) process.stderr.write(`${skipped}\n`);
            if (!opts.json) for (const err of data.errors.slice(0, 20)) process.stderr.write(`${errorText(err, lang)}\n`);
            process.exitCode = 1;
          }
        });
      }),
    );

  const imports = program.command('imports').description('import history');
  common(imports.command('list').description('past imports, newest first'))
    .option('--kind <kind>', `only this kind (${IMPORT_KINDS.join(', ')})`)
    .action(
      action(async (opts: CommonOptions & { kind?: string; lang?: string }) => {
        await withApi(opts, async (api) => {
          const r = await api.sendRaw('imports.list', { kind: opts.kind }) as Awaited<ReturnType<typeof api.send<'imports.list'>>>;
          const lang = cliLanguage(opts.lang);
          output(opts, r.rows, () => [importTable(lang, r.rows), cliText(lang, 'imports.total', { count: r.total })].join('\n'));
        });
      }),
    );
  common(imports.command('show').description("an import's counts and the rows it rejected, with their errors").argument('<id>', 'import id'))
    .action(
      action(async (id: string, opts: CommonOptions & { lang?: string }) => {
        await withApi(opts, async (api) => {
          const r = (await api.sendRaw('imports.get', { id: Number(id) })) as Awaited<ReturnType<typeof api.send<'imports.get'>>>;
          const lang = cliLanguage(opts.lang);
          // Errors stored before codes (and matching no known text) are shown as stored.
          const errors = r.errors.map((e) => ({ ...e, message: importErrorText(e, lang, (m) => schemaMessageText(m, lang)) }));
          output(opts, { ...r, errors }, () =>
            [
              importTable(lang, [r]),
              skippedRowsText(r.skipped, lang) ?? '',
              ...r.errors.map((e) => errorText(e, lang)),
              r.errorCount > r.errors.length ? `  ${cliText(lang, 'imports.moreErrors', { count: r.errorCount })}` : '',
            ]
              .filter(Boolean)
              .join('\n'),
          );
        });
      }),
    );
  common(imports.command('undo').description('undo an import: remove what it inserted, restore what it updated').argument('<id>', 'import id'))
    .action(
      action(async (id: string, opts: CommonOptions & { lang?: string }) => {
        await withApi(opts, async (api) => {
          const r = await api.sendRaw('imports.undo', { id: Number(id) }, { onProgress: progressPrinter() }) as Awaited<ReturnType<typeof api.send<'imports.undo'>>>;
          output(opts, r, () => cliText(cliLanguage(opts.lang), 'imports.undone', { id: r.importId, count: r.removed, restored: r.restored }));
        });
      }),
    );
}
