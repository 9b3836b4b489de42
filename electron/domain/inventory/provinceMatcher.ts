import type { Workspace } from '../../../db/database';
import { lookupStore } from './store';

/** Suffixes a province's name may be written with or without (浙江省 / 浙江, 广西壮族自治区 / 广西, 北京市 / 北京). */
const SUFFIXES = ['维吾尔自治区', '壮族自治区', '回族自治区', '特别行政区', '自治区', '省', '市'];

const shortName = (name: string) => {
  for (const s of SUFFIXES) if (name.endsWith(s) && name.length > s.length + 1) return name.slice(0, -s.length);
  return name;
};
const norm = (s: string) => s.normalize('NFKC').trim().toLowerCase().replace(/\s+/g, '');
const fingerprint = (rows: ReturnType<typeof lookupStore.provinces>) => rows.map((r) => `${r.id}\u001f${r.code}\u001f${r.nameZh}\u001f${r.nameEn ?? ''}`).join('\u001e');

export interface ProvinceMatcher {
  (text: string): number | null;
  /** Whether the provinces would still match the same (asked under the write lock by an import that checked its rows earlier). */
  unchanged(): boolean;
}

/**
 * Finds the province territory a customer's province names: by the territory's code (330000), its Chinese name with or
 * without 省/市/自治区 (浙江省, 浙江; 内蒙古, 西藏), or its English name (Zhejiang), ignoring case and width.
 */
export function provinceMatcher(ws: Workspace): ProvinceMatcher {
  const map = new Map<string, number>();
  const rows = lookupStore.provinces(ws);
  for (const r of rows) {
    for (const k of [r.code, r.nameZh, shortName(r.nameZh), r.nameEn]) if (k) map.set(norm(k), r.id);
  }
  // Inner Mongolia, Tibet and Xinjiang by their usual short names.
  for (const [alias, full] of [['内蒙', '内蒙古'], ['inner mongolia', '内蒙古'], ['xizang', '西藏'], ['tibet', '西藏'], ['macau', '澳门']] as const) {
    const id = map.get(norm(full));
    if (id !== undefined && !map.has(norm(alias))) map.set(norm(alias), id);
  }
  const seen = fingerprint(rows);
  // A file names a few dozen provinces in millions of rows: each text is normalised once.
  const cache = new Map<string, number | null>();
  const match = (text: string) => {
    let id = cache.get(text);
    if (id === undefined) {
      id = map.get(norm(text)) ?? map.get(norm(shortName(norm(text)))) ?? null;
      if (cache.size < 10_000) cache.set(text, id);
    }
    return id;
  };
  return Object.assign(match, { unchanged: () => fingerprint(lookupStore.provinces(ws)) === seen });
}
