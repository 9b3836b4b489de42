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
import { action, cliLanguage, common, defaultWorkspacePath, output, type CommonOptions } from '../runtime';

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
  const zh = lang === 'zh-CN';
  const failure = r.lastError ? errorText({ message: r.lastError.message, data: r.lastError.reason ? { reason: r.lastError.reason, params: r.lastError.params ?? {} } : undefined }, lang) : null;
  return [
    zh ? `工作区 ${r.workspaceId}，办事处 ${r.officeName ?? '（未填写）'}` : `Workspace ${r.workspaceId}, office ${r.officeName ?? '(not named)'}`,
    zh ? `上次成功上报：${r.lastSuccessAt ?? '从未'}；${r.pending} 项变更待上报` : `Last publish: ${r.lastSuccessAt ?? 'never'}; ${r.pending} change(s) waiting`,
    ...(failure ? [zh ? `上次上报失败（${r.lastAttemptAt ?? ''}）：${failure}` : `Last attempt failed (${r.lastAttemptAt ?? ''}): ${failure}`] : []),
  ].join('\n');
}

const money = (minor: number) => (minor / 100).toFixed(2);

export function register(program: Command): void {
  const hq = program.command('hq').description('HQ consolidation on PostgreSQL: set up HQ, publish this workspace, reports, conflicts, reference data');

  hqOption(hq.command('setup').description('create or migrate the HQ schema and its group roles (run once by the HQ database owner)')).action(
    hqAction('hq.setup', async (opts: HqOptions) => {
      const r = await withHq(connection(opts), (c) => setupHqSchema(c));
      output(opts, r, () => (r.from === r.to ? `HQ schema is up to date (version ${r.to})` : `HQ schema migrated from version ${r.from} to ${r.to}`));
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
      output(opts, r, () => `${r.created ? 'Created' : 'Updated'} office role ${r.role}`);
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
        output(opts, r, () =>
          [
            `Published ${r.changes} change(s) of office ${r.office} in ${r.batches} batch(es): ${r.upserted} row(s) written, ${r.deleted} removed at HQ${r.resynced ? ' (full resend: HQ did not hold this workspace\'s history)' : ''}`,
            ...Object.entries(r.tables).map(([t, v]) => `  ${t.padEnd(22)} ${String(v.upserted).padStart(8)} written ${String(v.deleted).padStart(6)} removed`),
          ].join('\n'),
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
        [...rows.map((r) => `${r.office}\t${r.partnerCode}\t${money(r.revenueMinor)}\t${r.orders}\t${r.attainment ?? ''}\t${r.grade ?? ''}\t${money(r.payoutMinor)}`), `${rows.length} row(s)`].join('\n'),
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
          `Period ${d.period} (${d.start} – ${d.end})`,
          ...d.revenueByOffice.map((o) => `  ${o.office}: ${money(o.revenueMinor)} (${o.partners} partners)`),
          `Grades: ${d.grades.map((g) => `${g.grade} ${g.partners}`).join(', ')}`,
          `Risks open: ${d.risksByLevel.map((r) => `${r.level} ${r.open}`).join(', ')}`,
          ...d.topRisks.map((r) => `  ${r.office}\t${r.code}\t${r.level ?? ''}\t${r.partnerCode ?? ''}\t${r.title}`),
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
      output(opts, rows, () => [...rows.map((r) => `${r.kind}\t${r.key}\t${r.partners.map((p) => `${p.office}:${p.partnerCode}`).join(', ')}`), `${rows.length} conflict(s)`].join('\n'));
    }),
  );

  hqOption(hq.command('pull').description('bring HQ\'s reference data (territories, products, courses, program templates) into this workspace, read-only')).action(
    hqAction('hq.pull', async (opts: HqOptions) => {
      await withWorkspace(opts, async (ws) => {
        const r = await withHq(connection(opts), async (c) => {
          await checkHqSchema(c);
          return pullReference(ws, c);
        });
        output(opts, r, () => `Pulled reference data version ${r.version}: ${r.added} added, ${r.updated} updated, ${r.removed} removed (${Object.entries(r.kinds).map(([k, n]) => `${k} ${n}`).join(', ') || 'none'})`);
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
      output(opts, r, () => `${kind}: ${r.upserted} published, ${r.deleted} withdrawn`);
    }),
  );
  hqCommon(reference.command('list').description('reference data pulled into this workspace').option('--kind <kind>', 'only this kind')).action(
    hqAction('hq.reference.list', async (opts: CommonOptions & { kind?: string }) => {
      await withWorkspace(opts, async (ws) => {
        const rows = listReference(ws, opts.kind ? referenceKind(opts.kind) : undefined);
        output(opts, rows, () => [...rows.map((r) => `${r.kind}\t${r.code}\t${r.name}\tv${r.version}`), `${rows.length} item(s)`].join('\n'));
      });
    }),
  );
}
