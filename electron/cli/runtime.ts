import type { Command } from 'commander';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { defaultMigrationsFolder, openWorkspace, schemaVersionOf, WorkspaceError, type Workspace } from '../../db/database';
import { pendingMigration, upgradeNotice } from '../../db/upgradeNotice';
import { readKey } from '../../db/encryption';
import { backupBeforeMigration } from '../domain/backups/backupService';
import { readSetting } from '../domain/system/settingsStore';
import { createApi, type Api } from '../api/api';
import { ApiError, type ApiErrorBody } from '../../shared/errors';
import { errorReason, errorText, messageLanguage } from '../../shared/errorMessages';
import { operationWord } from '../../shared/operationWords';
import { issueText, pathField } from '../../shared/validationMessages';
import { type JobProgress } from '../../shared/jobs';
import type { Population } from '../../shared/population';
import { CliError, cliJoin, cliText, cliWord, type CliLanguage, type CliTextKey, type CliValueGroup } from './cliTexts';

/** The default workspace: the same file the desktop app opens (its user-data folder). */
export function defaultWorkspacePath(): string {
  if (process.env.PWB_DB) return process.env.PWB_DB;
  const home = homedir();
  const base =
    process.platform === 'win32'
      ? join(process.env.APPDATA ?? join(home, 'AppData', 'Roaming'), 'Partner Workbench')
      : process.platform === 'darwin'
        ? join(home, 'Library', 'Application Support', 'Partner Workbench')
        : join(process.env.XDG_CONFIG_HOME ?? join(home, '.config'), 'Partner Workbench');
  return join(base, 'workspace.sqlite');
}


export interface CommonOptions {
  db?: string;
  json?: boolean;
  keyFile?: string;
  /** --lang: zh or en (some commands also take bilingual for the files they write). */
  lang?: string;
}

/** The passphrase of an encrypted workspace: --key-file FILE, else PWB_KEY; none for a plain workspace. */
export function keyOf(opts: CommonOptions): string | undefined {
  return readKey({ keyFile: opts.keyFile });
}

/**
 * Adds the options every command takes. `--lang` is the language of what the command prints for a person and of its
 * refusals (never of --json); a command whose --lang also chooses a file's language says so in `langHelp`.
 */
export function common(cmd: Command, langHelp = "language of the output and refusals: zh or en (default: PWB_LANG, else the workspace's language, else the locale)"): Command {
  return cmd
    .option('--db <path>', 'workspace file (default: the app\'s workspace)')
    .option('--key-file <file>', 'passphrase of an encrypted workspace (first line of the file; or set PWB_KEY)')
    .option('--json', 'machine-readable output on stdout')
    .option('--lang <lang>', langHelp);
}

/** Opens the workspace and an in-process API for one command, closing it afterwards. */
export async function withApi<T>(opts: CommonOptions, fn: (api: Api, ws: Workspace) => Promise<T>): Promise<T> {
  const path = opts.db ?? defaultWorkspacePath();
  const key = keyOf(opts);
  // The first open by a newer app backs the file up and migrates it: minutes on a big workspace, so say so first.
  const pending = pendingMigration(path, schemaVersionOf(defaultMigrationsFolder()));
  if (pending) process.stderr.write(`${upgradeNotice(pending, cliLanguage(opts.lang))}\n`);
  const ws = openWorkspace(path, { beforeMigrate: backupBeforeMigration(path, key), key });
  rememberWorkspaceLanguage(ws);
  try {
    // The audit user comes from the workspace's user profile (settings 'user.name'), else the OS user.
    return await fn(createApi({ ws }), ws);
  } finally {
    ws.close();
  }
}

/** Progress on stderr (never stdout: --json output must stay parseable), only when stderr is a terminal or PWB_PROGRESS=1. */
export function progressPrinter(): ((p: JobProgress) => void) | undefined {
  if (!process.stderr.isTTY && process.env.PWB_PROGRESS !== '1') return undefined;
  return (p) => {
    const pct = p.total ? ` ${Math.floor((100 * p.done) / p.total)}%` : '';
    process.stderr.write(`\r${p.phase}: ${p.done}${p.total ? `/${p.total}` : ''}${pct}   `);
  };
}

/** Partner values a population reason names, as the window words them. */
const REASON_VALUE_GROUP: Partial<Record<string, CliValueGroup>> = { status: 'partnerStatus', channelType: 'channelType', tier: 'tier' };

/** The rule's words of a reason whose rule has its own (the rest: 'population.expected'). */
const RULE_WORDS: Partial<Record<string, CliTextKey>> = {
  status: 'population.expected.status',
  channelType: 'population.expected.channelType',
  tier: 'population.expected.tier',
  region: 'population.expected.region',
  currency: 'population.expected.currency',
};

/** Reasons whose words name the rule's value themselves. */
const NAMES_EXPECTED = new Set(['certification', 'joinedLater', 'validity']);

/** One line saying whom a calculation considered and why it left partners out, largest reasons first, in the reader's language. */
export function populationLine(p: Population | null | undefined, lang: CliLanguage): string {
  if (!p) return '';
  const group = (reason: string) => REASON_VALUE_GROUP[reason];
  const word = (reason: string, v: string | number) => (group(reason) ? cliWord(lang, group(reason)!, String(v)) : String(v));
  const reasons = p.reasons.map((e) => {
    const expectedList = e.params.expected == null ? [] : Array.isArray(e.params.expected) ? e.params.expected : [e.params.expected];
    const rule = RULE_WORDS[e.reason];
    // Names (statuses, channel types, tiers, territories) are quoted one by one, as the reason quotes its value.
    const expected = cliJoin(lang, expectedList.map((v) => (rule && rule !== 'population.expected.currency' ? `“${word(e.reason, v)}”` : word(e.reason, v))));
    const key = e.reason === 'region' && e.params.value == null ? 'population.reason.regionNone' : (`population.reason.${e.reason}` as const);
    const text = cliText(lang, key, { count: e.count, value: e.params.value == null ? '' : word(e.reason, e.params.value), expected });
    // The rule's values, where the reason's own words do not name them already.
    return expected && !NAMES_EXPECTED.has(e.reason) ? `${text}${cliText(lang, rule ?? 'population.expected', { expected })}` : text;
  });
  return `${cliText(lang, 'population.summary', { count: p.considered, included: p.included })}${reasons.length ? cliText(lang, 'population.leftOut', { reasons: reasons.join(lang === 'zh-CN' ? '；' : ', ') }) : ''}`;
}

/** Prints a result: JSON on --json, else the human text. */
export function output(opts: CommonOptions, value: unknown, human: () => string): void {
  if (opts.json) process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
  else process.stdout.write(`${human()}\n`);
}

/**
 * The workspace's language (`ui.language`, what the user chose in the window), read when a command opens the
 * workspace; a command runs in a process of its own, so it holds for the rest of that command, its refusals included.
 */
let workspaceLanguage: string | undefined;

/** Notes the language the user chose in the window (`ui.language`) of a workspace a command opened itself. */
export function rememberWorkspaceLanguage(ws: Workspace): void {
  workspaceLanguage = readSetting(ws.db, 'ui.language') ?? undefined;
}

/** The language asked for: PWB_LANG, else the workspace's (once opened), else the locale (LC_ALL, LANG). */
const languageTag = () => process.env.PWB_LANG ?? workspaceLanguage ?? process.env.LC_ALL ?? process.env.LANG;

/**
 * The reader's language of a command's output: its --lang (zh, zh-CN, en), else PWB_LANG, else the workspace's
 * language (ui.language), else the locale; English otherwise.
 */
export function cliLanguage(lang?: string): 'zh-CN' | 'en' {
  return messageLanguage(lang ?? languageTag());
}

/**
 * A refusal in the user's language: the command's --lang (zh, zh-CN, en; bilingual gives both), else PWB_LANG, else
 * the workspace's language (ui.language, once the command opened it), else the locale (LC_ALL, LANG: zh_CN.UTF-8 →
 * Chinese); English otherwise.
 */
export function cliErrorText(
  body: { message: string; data?: unknown; code?: string; operation?: string; issues?: ApiErrorBody['issues'] },
  lang?: string,
  options?: ReadonlyMap<string, string>,
): string {
  if (lang === 'bilingual') return `${cliErrorText(body, 'zh-CN', options)}\n${cliErrorText(body, 'en', options)}`;
  const l = messageLanguage(lang ?? languageTag());
  // Invalid input: each field's problem in words (the field named as the command's input names it), not zod's text.
  if (body.code === 'INVALID_INPUT' && body.issues?.length) {
    const head = l === 'zh-CN' ? `输入无效（${operationWord(body.operation ?? '', l)}）：` : `Invalid input (${operationWord(body.operation ?? '', l)}):`;
    const label = (path: string) => {
      // A top-level field the command took from one of its options is named as the user typed it (--as-of, not asOf).
      if (options?.has(path)) return options.get(path)!;
      const { field, row } = pathField(path);
      return `${field ?? (l === 'zh-CN' ? '输入' : 'The input')}${row !== null ? ` #${row}` : ''}`;
    };
    return [head, ...body.issues.map((i) => `  ${issueText(i, label(i.path), l, { listValues: true })}`)].join('\n');
  }
  const text = errorText(body, l);
  // The window offers "import the valid rows" as a choice; on the command line that choice is a flag.
  if (errorReason(body.data)?.reason === 'importRowsRejected') {
    const unknown = (body.data as { unknown?: Array<{ what: string }> }).unknown ?? [];
    const zh = l === 'zh-CN';
    // Unknown territories and channel managers the window offers to create: on the command line, flags.
    const create = [
      unknown.some((u) => u.what === 'territory') ? (zh ? '加 --create-territories 新建文件中未知的区域。' : 'Add --create-territories to create the unknown territories.') : null,
      unknown.some((u) => u.what === 'channelManager') ? (zh ? '加 --create-owners 新建文件中未知的渠道经理。' : 'Add --create-owners to create the unknown channel managers.') : null,
    ].filter(Boolean);
    return [text, zh ? '加 --accept-valid 只导入有效的行。' : 'Add --accept-valid to import only the valid rows.', ...create].join('\n');
  }
  return text;
}

/** A workspace that cannot be opened (wrong passphrase, encrypted, newer, held by another program), in the reader's words. */
function workspaceErrorText(e: unknown, lang: CliLanguage): string | null {
  if (!(e instanceof WorkspaceError)) return null;
  const p = e.params;
  switch (e.code) {
    case 'WRONG_KEY':
      return cliText(lang, p.plain ? 'workspaceError.notEncrypted' : 'workspaceError.WRONG_KEY', p);
    case 'ENCRYPTED':
    case 'NEWER_VERSION':
      return p.file === undefined ? null : cliText(lang, `workspaceError.${e.code}`, p);
    case 'IN_USE':
      return cliText(lang, p.program === undefined ? 'workspaceError.IN_USE.unknown' : 'workspaceError.IN_USE', p);
    default:
      return null;
  }
}

/** A command's options by the input field they fill (commander's attribute name: asOf → --as-of). */
function optionNames(cmd: Command | undefined): Map<string, string> {
  const names = new Map<string, string>();
  for (const o of cmd?.options ?? []) if (o.long) names.set(o.attributeName(), o.long);
  return names;
}

/** Wraps a command action: errors go to stderr (as JSON with --json) and set a non-zero exit code. */
export function action<A extends unknown[]>(fn: (...args: A) => Promise<void>): (...args: A) => Promise<void> {
  return async (...args: A) => {
    try {
      await fn(...args);
    } catch (e) {
      const cmd = args[args.length - 1] as Command | undefined;
      const opts = (cmd?.optsWithGlobals?.() ?? cmd?.opts?.()) as (CommonOptions & { lang?: string }) | undefined;
      const json = Boolean(opts?.json);
      const body = ApiError.is(e) ? e.body : { code: 'ERROR', message: (e as Error)?.message ?? String(e) };
      // The command line's own refusals are worded in the reader's language; --json keeps the English message.
      const lang = cliLanguage(opts?.lang === 'bilingual' ? undefined : opts?.lang);
      const text = json ? null : CliError.is(e) ? cliText(lang, e.key, e.params) : workspaceErrorText(e, lang);
      process.stderr.write(json ? `${JSON.stringify({ error: body })}\n` : `pwb: ${text ?? cliErrorText(body, opts?.lang, optionNames(cmd))}\n`);
      process.exitCode = 1;
    }
  };
}

/** --lang for statements: zh / zh-CN, en, bilingual. */
export function statementLanguage(lang: string | undefined): 'zh-CN' | 'en' | 'bilingual' | undefined {
  if (lang === undefined) return undefined;
  const l = lang.toLowerCase();
  if (l === 'zh' || l === 'zh-cn') return 'zh-CN';
  if (l === 'en' || l === 'bilingual') return l;
  throw new CliError('statements.lang', { value: lang });
}
