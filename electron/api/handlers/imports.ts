import type { importsContract } from '../../contract/imports';
import { getImport, listImports } from '../../domain/imports/importHistory';
import { previewImport } from '../../domain/imports/importPreview';
import { runImport } from '../../domain/imports/importRun';
import { deleteTemplate, listTemplates, saveTemplate, TEMPLATES_KEY } from '../../domain/imports/mappingTemplates';
import { undoImport } from '../../domain/imports/undo';
import type { HandlerMap } from './types';

export const importHandlers: HandlerMap<keyof typeof importsContract> = {
  // Reading a file is asynchronous; the dispatcher awaits query results (the handler type is synchronous).
  'imports.preview': ({ ws, clock }, input) => previewImport(ws, input, clock.now()),
  'imports.run': (ctx, input) => runImport(ctx, input),
  'imports.list': ({ ws }, input) => listImports(ws, input),
  'imports.get': ({ ws }, { id }) => getImport(ws, id),
  'imports.undo': (ctx, { id }) => {
    ctx.progress('undo', 0, null);
    return undoImport(ctx, id);
  },
  'imports.templates.list': ({ ws }, { kind }) => listTemplates(ws.db, kind),
  'imports.templates.save': (ctx, { name, mapping }) => {
    const { before, after, template } = saveTemplate(ctx, name, mapping);
    ctx.audit({ entity: 'setting', entityId: TEMPLATES_KEY, before, after });
    return template;
  },
  'imports.templates.delete': (ctx, { name }) => {
    const { before, after, deleted } = deleteTemplate(ctx, name);
    ctx.audit({ entity: 'setting', entityId: TEMPLATES_KEY, before, after });
    return { deleted };
  },
};
