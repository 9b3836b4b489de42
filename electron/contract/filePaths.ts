import type { z } from 'zod';
import { contract, type OperationName } from './index';
import { zs } from './operation';

type Def = { type: string; innerType?: z.ZodType; element?: z.ZodType; shape?: Record<string, z.ZodType>; options?: z.ZodType[]; in?: z.ZodType };
const defOf = (s: z.ZodType) => (s as unknown as { _zod: { def: Def } })._zod.def;

function collect(schema: z.ZodType, value: unknown, out: string[]): void {
  if (value === undefined || value === null) return;
  if (schema === zs.filePath) {
    if (typeof value === 'string') out.push(value);
    return;
  }
  const def = defOf(schema);
  if (def.innerType) return collect(def.innerType, value, out);
  if (def.type === 'pipe' && def.in) return collect(def.in, value, out);
  if (def.type === 'object' && def.shape && typeof value === 'object') {
    for (const [k, s] of Object.entries(def.shape)) collect(s, (value as Record<string, unknown>)[k], out);
    return;
  }
  if (def.type === 'array' && def.element && Array.isArray(value)) {
    for (const v of value) collect(def.element, v, out);
    return;
  }
  if (def.type === 'union' && def.options) for (const o of def.options) collect(o, value, out);
}

/**
 * The server file paths an operation's (validated) input names: every field declared as `zs.filePath`. The browser
 * bridge lets these point only into its own files folder (uploads in, downloads out).
 */
export function filePathsIn(op: OperationName, input: unknown): string[] {
  const out: string[] = [];
  collect(contract[op].input as z.ZodType, input, out);
  return [...new Set(out)];
}
