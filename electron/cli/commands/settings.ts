import type { Command } from 'commander';
import { issueText, type IssueLike } from '../../../shared/validationMessages';
import { isSettingKey, isUserSetting, SETTING_KEYS, SETTINGS, type SettingKey } from '../../contract/system';
import { action, cliLanguage, common, output, withApi, type CommonOptions } from '../runtime';
import { CliError, cliJoin, cliText } from '../cliTexts';

interface SettingsOptions extends CommonOptions {
  lang?: string;
}

const langOf = (opts: SettingsOptions) => cliLanguage(opts.lang);

/** Refuses a key the registry does not list, naming the closest known keys. */
function knownKey(key: string, opts: SettingsOptions): SettingKey {
  if (isSettingKey(key)) return key;
  const prefix = key.split('.')[0];
  const near = SETTING_KEYS.filter((k) => k.startsWith(`${prefix}.`) || k.toLowerCase().includes(key.toLowerCase()));
  const hint = near.length ? near : SETTING_KEYS;
  throw new CliError('settings.unknownKey', { key, keys: cliJoin(langOf(opts), hint) });
}

/**
 * The value as typed: kept as text when the key takes text (a bank account of 19 digits stays text), else read as JSON
 * (numbers, true/false, lists and objects). Refused in words, under the key's name, when the key's schema refuses it.
 */
function parseValue(key: SettingKey, raw: string, opts: SettingsOptions): unknown {
  const schema = SETTINGS[key].schema;
  if (schema.safeParse(raw).success) return raw;
  let json: unknown = raw;
  try {
    json = JSON.parse(raw);
  } catch {
    /* not JSON: checked as text below */
  }
  const r = schema.safeParse(json);
  if (r.success) return json;
  const lang = langOf(opts);
  const lines = r.error.issues.map((i) => issueText(i as IssueLike, i.path.length ? `${key}.${i.path.join('.')}` : key, lang, { listValues: true }));
  throw new Error(lines.join('\n'));
}

export function register(program: Command): void {
  const settings = program.command('settings').description('the workspace settings: every key with its value and default (see README "Settings registry")');
  common(settings.command('list').description('every setting key: value, default and where it is set')).action(
    action(async (opts: SettingsOptions) => {
      await withApi(opts, async (api) => {
        const stored = new Map((await api.send('system.settings.list', {})).map((s) => [s.key, s.value]));
        const rows = SETTING_KEYS.map((key) => ({ key, value: stored.has(key) ? stored.get(key) : null, default: SETTINGS[key].default, setBy: SETTINGS[key].setBy }));
        const lang = langOf(opts);
        output(opts, rows, () =>
          rows.map((r) => `${r.key}  ${r.value === null ? cliText(lang, 'settings.default', { value: JSON.stringify(r.default) }) : JSON.stringify(r.value)}${isUserSetting(r.key) ? '' : `  [${r.setBy.join(', ')}]`}`).join('\n'),
        );
      });
    }),
  );
  common(settings.command('get').argument('<key>', 'a setting key, e.g. company.fiscalStartMonth').description('one setting (its default when unset)'))
    .action(
      action(async (key: string, opts: SettingsOptions) => {
        const k = knownKey(key, opts);
        await withApi(opts, async (api) => {
          const r = await api.send('system.settings.get', { key: k });
          output(opts, r, () => (r.value === null ? cliText(langOf(opts), 'settings.isDefault', { value: JSON.stringify(r.default) }) : JSON.stringify(r.value)));
        });
      }),
    );
  common(settings.command('set').argument('<key>', 'a setting key').argument('<value>', 'text, a number, true/false or JSON').description('set one setting, checked by its schema'))
    .action(
      action(async (key: string, raw: string, opts: SettingsOptions) => {
        const k = knownKey(key, opts);
        if (!isUserSetting(k)) {
          throw new CliError('settings.setElsewhere', { key: k, operations: cliJoin(langOf(opts), SETTINGS[k].setBy) });
        }
        const value = parseValue(k, raw, opts);
        await withApi(opts, async (api) => {
          const r = await api.send('system.settings.set', { key: k, value: value as never });
          output(opts, r, () => `${r.key} = ${JSON.stringify(r.value)}`);
        });
      }),
    );
}
