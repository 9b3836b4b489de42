import type { ColDef } from 'ag-grid-community';

/**
 * A product's, province's or territory's name in the reader's language: English where the workspace has one, else the
 * Chinese name; the export writes the same (first of the English and the Chinese field).
 */
export function inLanguage<T>(zh: boolean, field: keyof T & string, enField: keyof T & string): Pick<ColDef<T>, 'valueGetter' | 'context'> {
  return {
    valueGetter: (p) => {
      const row = p.data as Record<string, unknown> | undefined;
      return (!zh && row?.[enField]) || row?.[field] || '';
    },
    context: { export: zh ? { fields: [field] } : { fields: [enField, field], pick: 'first' } },
  };
}
