import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { Territory } from '../../electron/contract/territories';
import { useOp } from './api/hooks';

/** A territory's name in the UI language: its English name in English when it has one, else its Chinese name. */
export function territoryLabel(t: Pick<Territory, 'nameZh' | 'nameEn'>, lang: string): string {
  return lang.startsWith('zh') ? t.nameZh : (t.nameEn ?? t.nameZh);
}

/** The territory tree (cached by the query layer) and a name lookup by code or by Chinese name (stored runs keep names). */
export function useTerritories() {
  const { i18n } = useTranslation();
  const list = useOp('territories.list', {});
  const lang = i18n.language;
  return useMemo(() => build(list.data ?? [], lang), [list.data, lang]);
}

function build(rows: Territory[], lang: string) {
  const byKey = new Map<string, Territory>();
  for (const r of rows) {
    byKey.set(r.code, r);
    if (!byKey.has(r.nameZh)) byKey.set(r.nameZh, r);
  }
  const depth = (r: Territory): number => {
    let d = 0;
    for (let p = r.parent; p && d < 16; p = byKey.get(p)?.parent ?? null) d++;
    return d;
  };
  return {
    rows,
    /** Name of a territory code (or a Chinese name from a stored run); unknown values as they are. */
    name: (key: string | null | undefined, en?: string | null): string => {
      if (!key) return '';
      if (!lang.startsWith('zh') && en) return en;
      const r = byKey.get(key);
      return r ? territoryLabel(r, lang) : key;
    },
    /** Options for a select, indented by depth. */
    options: rows.map((r) => ({ value: r.code, label: `${'\u3000'.repeat(depth(r))}${territoryLabel(r, lang)}` })),
  };
}
