import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { errorText } from '../../../shared/errorMessages';
import { pwb } from '../../helpers/cli';
import { useHqServer } from '../../helpers/hqServer';
import { fileWorkspace } from '../../helpers/workspace';

const ROOT = join(import.meta.dirname, '..', '..', '..');
const HAN = /[\u4e00-\u9fff]/;

/** The reasons HQ code raises: every DomainError under electron/domain/hq, the HQ handlers and `pwb hq`. */
function hqReasons(): string[] {
  const files = [
    ...readdirSync(join(ROOT, 'electron/domain/hq')).filter((f) => f.endsWith('.ts')).map((f) => join('electron/domain/hq', f)),
    'electron/api/handlers/hq.ts',
    'electron/cli/commands/hq.ts',
  ];
  const reasons = new Set<string>();
  for (const f of files) for (const m of readFileSync(join(ROOT, f), 'utf8').matchAll(/reason: (?:found === 0 \? )?'([A-Za-z_.]+)'(?: : '([A-Za-z_.]+)')?/g)) [m[1], m[2]].filter(Boolean).forEach((r) => reasons.add(r));
  return [...reasons].sort();
}

describe('HQ refusals have words in both languages in the one catalogue (shared/errorMessages)', () => {
  it('every reason HQ code raises renders in Chinese and in English, never as the raised message', () => {
    const reasons = hqReasons();
    expect(reasons).toEqual(expect.arrayContaining(['OFFLINE', 'LOGIN', 'HQ_SCHEMA_NEWER', 'HQ_SCHEMA_OLDER', 'HQ_NOT_SET_UP', 'NOT_CONFIGURED', 'NO_OFFICE', 'PERMISSION', 'hq.referenceReadOnly']));
    for (const reason of reasons) {
      const body = { message: 'as raised', data: { reason, params: { server: '127.0.0.1:1/pwb_hq' }, found: 3, known: 2 } };
      const zh = errorText(body, 'zh-CN');
      const en = errorText(body, 'en');
      expect(zh, reason).not.toBe('as raised');
      expect(zh, reason).toMatch(HAN);
      expect(en, reason).not.toBe('as raised');
      expect(en, reason).not.toMatch(HAN);
    }
  });
});

describe('pwb hq refusals in the user\'s language', () => {
  const server = useHqServer({ password: 'hq-test-password' });

  it('offline: --lang zh and PWB_LANG=en word it, and say nothing was lost', () => {
    const w = fileWorkspace();
    try {
      w.ws.close();
      const args = ['hq', 'publish', '--db', w.path, '--hq', 'postgres://office_east@127.0.0.1:1/pwb_hq', '--office', '西区'];
      const zh = pwb([...args, '--lang', 'zh'], { PGPASSWORD: 'x' });
      expect(zh.code).toBe(1);
      expect(zh.stderr).toContain('当前无法连接总部服务器 127.0.0.1:1/pwb_hq');
      expect(zh.stderr).toContain('数据没有丢失');
      const en = pwb(args, { PGPASSWORD: 'x', PWB_LANG: 'en', LANG: 'zh_CN.UTF-8' });
      expect(en.code).toBe(1);
      expect(en.stderr).toContain('HQ server 127.0.0.1:1/pwb_hq cannot be reached right now');
      expect(en.stderr).toContain('Nothing was lost');
      expect(en.stderr).not.toMatch(HAN);
      // --json keeps the structured error for scripts
      const json = pwb([...args, '--json'], { PGPASSWORD: 'x' });
      expect(JSON.parse(json.stderr).error).toMatchObject({ data: { reason: 'OFFLINE', params: { server: '127.0.0.1:1/pwb_hq' } } });
      // The last failure is stored as its reason and params, so `pwb hq status` words it in the reader's language too.
      const status = ['hq', 'status', '--db', w.path];
      const stored = JSON.parse(pwb([...status, '--json']).stdout) as { lastError: { reason: string; params: Record<string, unknown>; message: string } };
      expect(stored.lastError).toMatchObject({ reason: 'OFFLINE', params: { server: '127.0.0.1:1/pwb_hq' } });
      expect(stored.lastError.message).toContain('cannot be reached');
      const zhStatus = pwb([...status, '--lang', 'zh']);
      expect(zhStatus.stdout).toContain('办事处 西区');
      expect(zhStatus.stdout).toContain('上次上报失败');
      expect(zhStatus.stdout).toContain('当前无法连接总部服务器 127.0.0.1:1/pwb_hq');
      expect(zhStatus.stdout).not.toContain('cannot be reached');
      const enStatus = pwb(status, { PWB_LANG: 'en', LANG: 'zh_CN.UTF-8' });
      expect(enStatus.stdout).toContain('Last attempt failed');
      expect(enStatus.stdout).toContain('HQ server 127.0.0.1:1/pwb_hq cannot be reached right now');
      expect(enStatus.stdout).not.toContain('当前无法');
    } finally {
      w.cleanup();
    }
  });

  it('login refused and a newer HQ schema, in Chinese (locale) and English (--lang en)', async () => {
    const wrong = server.cluster.urlFor('hqadmin', 'not-the-password');
    const zh = pwb(['hq', 'report', '--hq', wrong, '--period', '2025-Q1'], { PGPASSWORD: undefined, PWB_LANG: undefined, LC_ALL: undefined, LANG: 'zh_CN.UTF-8' });
    expect(zh.code).toBe(1);
    expect(zh.stderr).toContain('拒绝登录');
    const en = pwb(['hq', 'report', '--hq', wrong, '--period', '2025-Q1', '--lang', 'en'], { PGPASSWORD: undefined, LANG: 'zh_CN.UTF-8' });
    expect(en.stderr).toContain('refused the login');
    expect(en.stderr).not.toMatch(HAN);

    const known = Number((await server.admin.query('SELECT count(*) AS n FROM hq_migrations.__drizzle_migrations')).rows[0].n);
    await server.admin.query("INSERT INTO hq_migrations.__drizzle_migrations (hash, created_at) VALUES ('from-a-newer-app', 0)");
    try {
      const newerZh = pwb(['hq', 'report', '--hq', server.cluster.adminUrl, '--period', '2025-Q1', '--lang', 'zh']);
      expect(newerZh.stderr).toContain(`总部数据库的结构版本（${known + 1}）比本程序能识别的（${known}）新：请升级渠道伙伴工作台`);
      const newerEn = pwb(['hq', 'report', '--hq', server.cluster.adminUrl, '--period', '2025-Q1', '--lang', 'en']);
      expect(newerEn.stderr).toContain(`schema version ${known + 1}, newer than this version of Partner Workbench understands (${known}): update the app`);
    } finally {
      await server.admin.query("DELETE FROM hq_migrations.__drizzle_migrations WHERE hash = 'from-a-newer-app'");
    }
  });
});
