import type { Db } from '../../../db/database';
import type { OpContext } from '../opContext';
import { getSetting, setSetting } from '../system/settingsStore';
import type { ImportMapping } from '../../model/imports';
import { MappingTemplate } from '../../model/imports';

/** Saved mappings, in the setting 'imports.templates': [{name, mapping}], by name. */
export const TEMPLATES_KEY = 'imports.templates';

export function listTemplates(db: Db, kind?: string): MappingTemplate[] {
  const all = getSetting<MappingTemplate[]>(db, TEMPLATES_KEY, []);
  return (Array.isArray(all) ? all : []).filter((t) => !kind || t.mapping?.kind === kind);
}

/** Saves (or replaces) a template, stamped with the operation clock's instant. */
export function saveTemplate(ctx: Pick<OpContext, 'ws' | 'clock'>, name: string, mapping: ImportMapping): { before: unknown; after: unknown; template: MappingTemplate } {
  const db = ctx.ws.db;
  const at = ctx.clock.now();
  const all = listTemplates(db);
  const template = { name, mapping, savedAt: at.toISOString() };
  const next = [...all.filter((t) => t.name !== name), template].sort((a, b) => a.name.localeCompare(b.name));
  return { ...setSetting(db, TEMPLATES_KEY, next, at), template };
}

export function deleteTemplate(ctx: Pick<OpContext, 'ws' | 'clock'>, name: string): { before: unknown; after: unknown; deleted: boolean } {
  const db = ctx.ws.db;
  const all = listTemplates(db);
  const next = all.filter((t) => t.name !== name);
  return { ...setSetting(db, TEMPLATES_KEY, next, ctx.clock.now()), deleted: next.length !== all.length };
}
