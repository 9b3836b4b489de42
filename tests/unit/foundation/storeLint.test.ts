import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { ESLint, Linter } from 'eslint';
import tseslint from 'typescript-eslint';
import { describe, expect, it } from 'vitest';
import { SQL_OUTSIDE_STORE } from '../../../eslint.config.js';

/** Lints `code` with the "SQL only in the area's store" rule alone and returns the rule's findings. */
function sqlFindings(code: string): string[] {
  const linter = new Linter({ configType: 'flat' });
  const rule: Linter.RuleEntry = ['error', ...SQL_OUTSIDE_STORE];
  const config: Linter.Config[] = [{ files: ['**/*.ts'], languageOptions: { parser: tseslint.parser as Linter.Parser }, rules: { 'no-restricted-syntax': rule } }];
  return linter.verify(code, config, 'x.ts').filter((m) => m.ruleId === 'no-restricted-syntax').map((m) => m.message);
}

describe('SQL only in the area store (lint)', () => {
  it('refuses prepared statements and queries on the workspace handles, and lets rules through', () => {
    expect(sqlFindings(`ws.sqlite.prepare('select 1').get();`)).toHaveLength(1);
    expect(sqlFindings(`ws.db.select().from(partners).all();`)).toHaveLength(1);
    expect(sqlFindings(`ws.db\n  .update(partners)\n  .set({ name: 'x' })\n  .run();`)).toHaveLength(1);
    expect(sqlFindings(`const db = ws.db; db.insert(partners).values(v).run();`)).toHaveLength(1);
    expect(sqlFindings(`sqlite.exec('delete from partners');`)).toHaveLength(1);
    expect(sqlFindings(`ws.db.transaction(() => partnerStore.update(ws, 1, v));`)).toEqual([]);
    expect(sqlFindings(`createHash('sha256').update(content).digest('hex'); locks.delete(node);`)).toEqual([]);
  });

  it('applies to every domain file except the stores', async () => {
    const eslint = new ESLint();
    const ruleFor = async (file: string) => (await eslint.calculateConfigForFile(file))?.rules?.['no-restricted-syntax'];
    const hasSqlRule = async (file: string) => JSON.stringify((await ruleFor(file)) ?? []).includes(SQL_OUTSIDE_STORE[0].selector);
    expect(await hasSqlRule('electron/domain/risks/someNewRule.ts')).toBe(true);
    expect(await hasSqlRule('electron/domain/training/store.ts')).toBe(false);
    expect(await hasSqlRule('electron/domain/inventory/store/overview.ts')).toBe(false);
  });

  it('no domain file outside a store holds SQL (every area has its store; none is exempt)', () => {
    const files = readdirSync('electron/domain', { recursive: true, encoding: 'utf8' })
      .filter((f) => f.endsWith('.ts') && !/(^|\/)store(\.ts|\/)/.test(f))
      .map((f) => join('electron/domain', f));
    expect(files.length).toBeGreaterThan(150);
    expect(files.filter((file) => sqlFindings(readFileSync(file, 'utf8')).length > 0)).toEqual([]);
  });
});

describe('audit rows only through the operation context (lint)', () => {
  const importFindings = async (file: string, code: string) =>
    (await new ESLint().lintText(code, { filePath: file })).flatMap((r) => r.messages).filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);

  it("refuses the audit writer and the audit trail's store (its insert) to domain code, and lets the writer and the trail's queries use the store", async () => {
    expect(await importFindings('electron/domain/risks/someNewRule.ts', `import { writeAudit } from '../audit/writer';\nwriteAudit;`)).toHaveLength(1);
    expect(await importFindings('electron/domain/risks/someNewRule.ts', `import { auditStore } from '../audit/store';\nauditStore;`)).toHaveLength(1);
    expect(await importFindings('electron/domain/audit/writer.ts', `import { auditStore } from './store';\nauditStore;`)).toEqual([]);
    expect(await importFindings('electron/domain/audit/auditQuery.ts', `import { auditStore } from './store';\nauditStore;`)).toEqual([]);
    expect(await importFindings('electron/domain/opContext.ts', `import { writeAudit } from './audit/writer';\nwriteAudit;`)).toEqual([]);
  });
});
