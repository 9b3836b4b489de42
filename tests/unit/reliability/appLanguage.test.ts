import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { chromiumLocale, rememberLanguage, rememberedLanguage } from '../../../electron/main/appLanguage';
import { tempDir } from '../../helpers/workspace';

const tmp = tempDir('pwb-app-language-');
afterAll(() => tmp.cleanup());

describe('the Electron app starts in the language the user chose (date pickers follow --lang)', () => {
  it('remembers the workspace language and gives Chromium its locale at the next start', () => {
    const dir = tmp.dir;
    expect(rememberedLanguage(dir)).toBeNull();
    rememberLanguage(dir, null);
    expect(rememberedLanguage(dir)).toBeNull();
    rememberLanguage(dir, 'en');
    expect(rememberedLanguage(dir)).toBe('en');
    expect(chromiumLocale('en')).toBe('en-US');
    rememberLanguage(dir, 'zh-CN');
    expect(rememberedLanguage(dir)).toBe('zh-CN');
    expect(chromiumLocale('zh-CN')).toBe('zh-CN');
    // a workspace without a chosen language keeps what was remembered
    rememberLanguage(dir, null);
    expect(rememberedLanguage(dir)).toBe('zh-CN');
  });

  it('ignores a damaged or foreign file instead of failing the start', () => {
    writeFileSync(join(tmp.dir, 'ui-language.json'), '{"language":"fr"}');
    expect(rememberedLanguage(tmp.dir)).toBeNull();
    writeFileSync(join(tmp.dir, 'ui-language.json'), 'not json');
    expect(rememberedLanguage(tmp.dir)).toBeNull();
  });
});
