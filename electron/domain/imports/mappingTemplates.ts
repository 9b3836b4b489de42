import type { Db } from '../../../db/database';
import { getSetting, setSetting } from '../system/settingsStore';
import type { ImportMapping } from '../../model/imports';
import { MappingTemplate } from '../../model/imports';

/** Saved mappings, in the setting 'imports.templates': [{name, mapping}], by name. */
export const TEMPLATES_KEY = 'imports.templates';

export function listTemplates(db: Db, kind?: string): MappingTemplate[] {
  const all = getSetting<MappingTemplate[]>(db, TEMPLATES_KEY, []);
  return (Array.isArray(all) ? all : []).filter((t) => !kind || t.mapping?.kind === kind);
}

/** Saves (or replaces) a template, stamped with the operation clock's instant `at`. */
export function saveTemplate(db: Db, name: string, mapping: ImportMapping, at: Date): { before: unknown; after: unknown; template: MappingTemplate } {
  const all = listTemplates(db);
  const template = { name, mapping, savedAt: at.toISOString() };
  const next = [...all.filter((t) => t.name !== name), template].sort((a, b) => a.name.localeCompare(b.name));
  return { ...setSetting(db, TEMPLATES_KEY, next, at), template };
}

export function deleteTemplate(db: Db, name: string, at: Date): { before: unknown; after: unknown; deleted: boolean } {
  const all = listTemplates(db);
  const next = all.filter((t) => t.name !== name);
  return { ...setSetting(db, TEMPLATES_KEY, next, at), deleted: next.length !== all.length };
}
