import type { Command } from 'commander';
import { existsSync, readFileSync } from 'node:fs';
import { openWorkspace } from '../../../db/database';
import { ApiError, DomainError } from '../../../shared/errors';
import { errorText, type MessageLanguage } from '../../../shared/errorMessages';
import { riskText } from '../../../shared/riskTexts';
import { backupBeforeMigration } from '../../domain/backups/backupService';
import { withHq, type HqConnectionOptions } from '../../domain/hq/hqConnection';
import { hqConflicts, hqDashboard, hqReport } from '../../domain/hq/hqReport';
import { createOfficeRole, setupHqSchema, checkHqSchema } from '../../domain/hq/hqSchema';
import { publishToHq } from '../../domain/hq/publish';
import { createOpContext } from '../../domain/opContext';
import { currentUser } from '../../domain/system/userProfile';
import { readSetting } from '../../domain/system/settingsStore';
import { listReference, publishReference, pullReference, referenceKind, type ReferenceItem } from '../../domain/hq/referenceData';
import { publishState, readIdentity } from '../../domain/hq/workspaceIdentity';
import { action, cliLanguage, common, defaultWorkspacePath, output, rememberWorkspaceLanguage, type CommonOptions } from '../runtime';
import { cliJoin, cliText, cliWord, formatTable } from '../cliTexts';

interface HqOptions extends CommonOptions {
  hq?: string;
  passwordFile?: string;
}

/** The options of every `pwb hq` command: refusals (offline, login, schema) in --lang, else PWB_LANG, else the locale. */
function hqCommon(cmd: Command): Command {
  return common(cmd, "language of the output, refusals (offline, login, schema) and worded risks: zh or en (default: PWB_LANG, else the workspace's language, else the locale)");
}

function hqOption(cmd: Command): Command {
  return hqCommon(cmd)
    .option('--hq <url>', 'HQ PostgreSQL URL, e.g. postgres://office_east@hq.example.com/pwb_hq?sslmode=verify-full (default: PWB_HQ_URL)')
    .option('--password-file <file>', 'read the password from this file (else PGPASSWORD or ~/.pgpass)');
}

function connection(opts: HqOptions): HqConnectionOptions {
  const url = opts.hq ?? process.env.PWB_HQ_URL;
  if (!url) throw new DomainError('Give the HQ address with --hq URL (or PWB_HQ_URL)', 'DOMAIN', { reason: 'URL' });
  return { url, ...(opts.passwordFile ? { passwordFile: opts.passwordFile } : {}) };
}

/** Domain errors reach the user as the contract's structured errors (code, message, data). */
function hqAction<A extends unknown[]>(operation: string, fn: (...args: A) => Promise<void>) {
  return action(async (...args: A) => {
    try {
      await fn(...args);
    } catch (e) {
      if (e instanceof DomainError) throw new ApiError({ code: e.code, operation, message: e.message, ...(e.data === undefined ? {} : { data: e.data }) });
      throw e;
    }
  });
}

async function withWorkspace<T>(opts: CommonOptions, fn: (ws: ReturnType<typeof openWorkspace>) => Promise<T>): Promise<T> {
  const path = opts.db ?? defaultWorkspacePath();
  const ws = openWorkspace(path, { beforeMigrate: backupBeforeMigration(path) });
  rememberWorkspaceLanguage(ws);
  try {
    return await fn(ws);
  } finally {
    ws.close();
  }
}

interface FiscalOptions {
  fiscalStartMonth?: string;
}

/** Reports name fiscal periods as the workspace's evaluations and payout runs do. */
function fiscalOption(cmd: Command): Command {
  return cmd.option('--fiscal-start-month <month>', "first month of the fiscal year, 1–12 (default: the workspace's company.fiscalStartMonth when --db or the default workspace exists, else 1)");
}

/** --fiscal-start-month, else the workspace's setting (--db, PWB_DB or the default workspace, when there is one), else 1. */
async function fiscalStartMonthOf(opts: CommonOptions & FiscalOptions): Promise<number> {
  if (opts.fiscalStartMonth !== undefined) {
    const m = Number(opts.fiscalStartMonth);
    if (!Number.isInteger(m) || m < 1 || m > 12) throw new DomainError(`--fiscal-start-month must be a month 1–12 (got ${opts.fiscalStartMonth})`, 'DOMAIN', { reason: 'hq.fiscalStartMonth', params: { value: opts.fiscalStartMonth } });
    return m;
  }
  if (!existsSync(opts.db ?? defaultWorkspacePath())) return 1;
  return withWorkspace(opts, async (ws) => readSetting(ws.db, 'company.fiscalStartMonth') ?? 1);
}

/** `pwb hq status` in the reader's language; the last failure worded from its stored reason, like any refusal. */
function statusText(r: ReturnType<typeof readIdentity> & ReturnType<typeof publishState>, lang: MessageLanguage): string {
  const failure = r.lastError ? errorText({ message: r.lastError.message, data: r.lastError.reason ? { reason: r.lastError.reason, params: r.lastError.params ?? {} } : undefined }, lang) : null;
  return [
    cliText(lang, 'hq.status.workspace', { id: r.workspaceId, office: r.officeName ?? cliText(lang, 'hq.status.noOffice') }),
    cliText(lang, 'hq.status.last', { at: r.lastSuccessAt ?? cliText(lang, 'hq.status.never'), count: r.pending }),
    ...(failure ? [cliText(lang, 'hq.status.failed', { at: r.lastAttemptAt ?? '', failure })] : []),
  ].join('\n');
}

const money = (minor: number) => (minor / 100).toFixed(2);

/** A reference data kind in words (区域, 产品, 课程, 激励政策模板). */
const refKind = (lang: MessageLanguage, kind: string) => (['territory', 'product', 'course', 'program_template'].includes(kind) ? cliText(lang, `hq.ref.${kind as 'territory'}`) : kind);

export function register(program: Command): void {
  const hq = program.command('hq').description('HQ consolidation on PostgreSQL: set up HQ, publish this workspace, reports, conflicts, reference data');

  hqOption(hq.command('setup').description('create or migrate the HQ schema and its group roles (run once by the HQ database owner)')).action(
    hqAction('hq.setup', async (opts: HqOptions) => {
      const r = await withHq(connection(opts), (c) => setupHqSchema(c));
      const lang = cliLanguage(opts.lang);
      output(opts, r, () => (r.from === r.to ? cliText(lang, 'hq.setupUpToDate', { version: r.to }) : cliText(lang, 'hq.setupMigrated', { from: r.from, to: r.to })));
    }),
  );

  hqOption(
    hq
      .command('add-office')
      .description('create (or reset the password of) an office\'s login role; run by the HQ owner')
      .requiredOption('--role <name>', 'the office role, e.g. office_east')
      .option('--office-password-file <file>', 'file holding the new role\'s password (else PWB_OFFICE_PASSWORD)')
      .option('--reader', 'also let this role read every office (HQ dashboards)'),
  ).action(
    hqAction('hq.addOffice', async (opts: HqOptions & { role: string; officePasswordFile?: string; reader?: boolean }) => {
      const password = opts.officePasswordFile ? readFileSync(opts.officePasswordFile, 'utf8').replace(/\r?\n$/, '') : process.env.PWB_OFFICE_PASSWORD;
      if (!password) throw new DomainError('Give the office password with --office-password-file FILE or PWB_OFFICE_PASSWORD', 'DOMAIN', { reason: 'PASSWORD' });
      const r = await withHq(connection(opts), async (c) => {
        await checkHqSchema(c);
        return createOfficeRole(c, opts.role, password, { reader: opts.reader });
      });
      output(opts, r, () => cliText(cliLanguage(opts.lang), r.created ? 'hq.roleCreated' : 'hq.roleUpdated', { role: r.role }));
    }),
  );

  hqOption(
    hq
      .command('publish')
      .description('send everything that changed since the last successful publish to HQ')
      .option('--office <name>', 'this workspace\'s office name (remembered; required the first time)')
      .option('--batch-size <n>', 'changes per PostgreSQL transaction', (v) => Number.parseInt(v, 10)),
  ).action(
    hqAction('hq.publish', async (opts: HqOptions & { office?: string; batchSize?: number }) => {
      await withWorkspace(opts, async (ws) => {
        const progress =
          process.stderr.isTTY || process.env.PWB_PROGRESS === '1' ? (_phase: string, done: number, total: number | null) => process.stderr.write(`publish: ${done}/${total ?? '?'}\n`) : undefined;
        const ctx = createOpContext({ operation: 'hq.publish', ws, user: currentUser(ws.sqlite), progress });
        const r = await publishToHq(ctx, { hq: connection(opts), office: opts.office, batchSize: opts.batchSize });
        const lang = cliLanguage(opts.lang);
        output(opts, r, () =>
          [
            `${cliText(lang, 'hq.published', { changes: cliText(lang, 'hq.changes', { count: r.changes }), office: r.office, batches: cliText(lang, 'hq.batches', { count: r.batches }), upserted: cliText(lang, 'hq.rowCount', { count: r.upserted }), deleted: r.deleted })}${r.resynced ? cliText(lang, 'hq.resynced') : ''}`,
            formatTable(null, Object.entries(r.tables).map(([t, v]) => [`  ${t}`, cliText(lang, 'hq.tableCounts', { written: v.upserted, removed: v.deleted })])),
          ]
            .filter(Boolean)
            .join('\n'),
        );
      });
    }),
  );

  hqCommon(hq.command('status').description('this workspace\'s HQ identity and the last publish')).action(
    hqAction('hq.status', async (opts: CommonOptions & { lang?: string }) => {
      await withWorkspace(opts, async (ws) => {
        const r = { ...readIdentity(ws), ...publishState(ws) };
        output(opts, r, () => statusText(r, cliLanguage(opts.lang)));
      });
    }),
  );

  fiscalOption(hqOption(hq.command('report').description('per office and partner: revenue, orders, attainment, grade, payouts').requiredOption('--period <label>', 'e.g. 2025-Q1'))).action(
    hqAction('hq.report', async (opts: HqOptions & FiscalOptions & { period: string }) => {
      const fsm = await fiscalStartMonthOf(opts);
      const rows = await withHq(connection(opts), async (c) => {
        await checkHqSchema(c);
        return hqReport(c, opts.period, fsm);
      });
      output(opts, rows, () =>
        [...rows.map((r) => `${r.office}\t${r.partnerCode}\t${money(r.revenueMinor)}\t${r.orders}\t${r.attainment ?? ''}\t${r.grade ?? ''}\t${money(r.payoutMinor)}`), cliText(cliLanguage(opts.lang), 'hq.rows', { count: rows.length })].join('\n'),
      );
    }),
  );

  fiscalOption(hqOption(hq.command('dashboard').description('HQ figures: revenue by office and territory, grades, top/bottom partners, payouts, risks').requiredOption('--period <label>', 'e.g. 2025-Q1'))).action(
    hqAction('hq.dashboard', async (opts: HqOptions & FiscalOptions & { period: string; lang?: string }) => {
      const fsm = await fiscalStartMonthOf(opts);
      const raw = await withHq(connection(opts), async (c) => {
        await checkHqSchema(c);
        return hqDashboard(c, opts.period, fsm);
      });
      // Raised risks travel as text code + params: their title and description in the reader's language.
      const lang = cliLanguage(opts.lang);
      const d = { ...raw, topRisks: raw.topRisks.map((r) => ({ ...r, ...riskText(r, lang) })) };
      output(opts, d, () =>
        [
          cliText(lang, 'hq.period', { period: d.period, start: d.start, end: d.end }),
          ...d.revenueByOffice.map((o) => `  ${cliText(lang, 'hq.officeRevenue', { office: o.office, revenue: money(o.revenueMinor), count: o.partners })}`),
          cliText(lang, 'hq.grades', { list: cliJoin(lang, d.grades.map((g) => `${g.grade} ${g.partners}`)) }),
          cliText(lang, 'hq.risksOpen', { list: cliJoin(lang, d.risksByLevel.map((r) => `${cliWord(lang, 'riskLevel', r.level)} ${r.open}`)) }),
          ...d.topRisks.map((r) => `  ${r.office}\t${r.code}\t${cliWord(lang, 'riskLevel', r.level)}\t${r.partnerCode ?? ''}\t${r.title}`),
        ].join('\n'),
      );
    }),
  );

  hqOption(hq.command('conflicts').description('partner codes, credit codes and deal customers that two offices both claim (reported, never merged)')).action(
    hqAction('hq.conflicts', async (opts: HqOptions) => {
      const rows = await withHq(connection(opts), async (c) => {
        await checkHqSchema(c);
        return hqConflicts(c);
      });
      const lang = cliLanguage(opts.lang);
      output(opts, rows, () => [...rows.map((r) => `${cliText(lang, `hq.conflict.${r.kind}`)}\t${r.key}\t${cliJoin(lang, r.partners.map((p) => `${p.office}:${p.partnerCode}`))}`), cliText(lang, 'hq.conflicts', { count: rows.length })].join('\n'));
    }),
  );

  hqOption(hq.command('pull').description('bring HQ\'s reference data (territories, products, courses, program templates) into this workspace, read-only')).action(
    hqAction('hq.pull', async (opts: HqOptions) => {
      await withWorkspace(opts, async (ws) => {
        const r = await withHq(connection(opts), async (c) => {
          await checkHqSchema(c);
          return pullReference(ws, c);
        });
        const lang = cliLanguage(opts.lang);
        const kinds = cliJoin(lang, Object.entries(r.kinds).map(([k, n]) => `${refKind(lang, k)} ${n}`)) || cliText(lang, 'hq.none');
        output(opts, r, () => cliText(lang, 'hq.pulled', { version: r.version, added: r.added, updated: r.updated, removed: r.removed, kinds }));
      });
    }),
  );

  const reference = hq.command('reference').description('reference data: HQ publishes it, regions list what they pulled');
  hqOption(
    reference
      .command('publish')
      .description('HQ: replace the company-wide list of one kind from a JSON file [{"code","name","data"?}] (missing items become deletions)')
      .requiredOption('--kind <kind>', 'territory | product | course | program_template')
      .requiredOption('--file <file>', 'JSON list'),
  ).action(
    hqAction('hq.reference.publish', async (opts: HqOptions & { kind: string; file: string }) => {
      const kind = referenceKind(opts.kind);
      let items: ReferenceItem[];
      try {
        items = JSON.parse(readFileSync(opts.file, 'utf8')) as ReferenceItem[];
      } catch (e) {
        throw new DomainError(`${opts.file}: not a JSON list (${(e as Error).message})`, 'DOMAIN', { reason: 'FILE', params: { file: opts.file } });
      }
      if (!Array.isArray(items)) throw new DomainError(`${opts.file}: expected a JSON list of {"code","name"}`, 'DOMAIN', { reason: 'FILE', params: { file: opts.file } });
      const r = await withHq(connection(opts), async (c) => {
        await checkHqSchema(c);
        return publishReference(c, kind, items);
      });
      output(opts, r, () => cliText(cliLanguage(opts.lang), 'hq.refPublished', { kind: refKind(cliLanguage(opts.lang), kind), upserted: r.upserted, deleted: r.deleted }));
    }),
  );
  hqCommon(reference.command('list').description('reference data pulled into this workspace').option('--kind <kind>', 'only this kind')).action(
    hqAction('hq.reference.list', async (opts: CommonOptions & { kind?: string }) => {
      await withWorkspace(opts, async (ws) => {
        const rows = listReference(ws, opts.kind ? referenceKind(opts.kind) : undefined);
        const lang = cliLanguage(opts.lang);
        output(opts, rows, () => [...rows.map((r) => `${refKind(lang, r.kind)}\t${r.code}\t${r.name}\t${cliText(lang, 'payouts.version', { version: r.version })}`), cliText(lang, 'hq.items', { count: rows.length })].join('\n'));
      });
    }),
  );
}
