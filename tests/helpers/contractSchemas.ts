import fc from 'fast-check';
import { z } from 'zod';
import { contract, type OperationName } from '../../electron/contract';

/** JSON Schema (draft 2020-12) view of an operation's input, as zod 4 renders it: the form the tests walk and generate from. */
export type JsonSchema = {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  propertyNames?: JsonSchema;
  items?: JsonSchema;
  prefixItems?: JsonSchema[];
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  enum?: unknown[];
  const?: unknown;
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  format?: string;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  minItems?: number;
  maxItems?: number;
  $ref?: string;
  $defs?: Record<string, JsonSchema>;
  default?: unknown;
  examples?: unknown[];
};

export function inputJsonSchema(op: OperationName): JsonSchema {
  return z.toJSONSchema(contract[op].input, { io: 'input', unrepresentable: 'any' }) as JsonSchema;
}

/** A JSON-valued `$defs` entry (zod's z.json()): string | number | boolean | null | array | record, recursive. */
export function isJsonValueSchema(s: JsonSchema): boolean {
  const types = (s.anyOf ?? []).map((a) => a.type).sort();
  return JSON.stringify(types) === JSON.stringify(['array', 'boolean', 'null', 'number', 'object', 'string']);
}

const resolveRef = (root: JsonSchema, s: JsonSchema): JsonSchema => {
  if (!s.$ref) return s;
  const name = s.$ref.replace('#/$defs/', '');
  return root.$defs?.[name] ?? {};
};

const cap = (n: number | undefined, max: number) => (n === undefined ? max : Math.min(n, max));

/**
 * Values that satisfy the JSON Schema (mostly: zod refinements not visible in JSON Schema can still reject).
 * Strings stay short except now and then one at its maximum length; numbers cover the bounds.
 */
export function arbitraryFor(root: JsonSchema, s: JsonSchema = root, depth = 0): fc.Arbitrary<unknown> {
  s = resolveRef(root, s);
  if (isJsonValueSchema(s)) return depth > 3 ? fc.oneof(fc.string({ maxLength: 10 }), fc.integer(), fc.boolean(), fc.constant(null)) : fc.jsonValue({ maxDepth: 2 });
  if (s.const !== undefined) return fc.constant(s.const);
  // Where JSON Schema cannot say what is valid (a transform's accepted forms, a value whose schema depends on its key),
  // the schema carries examples: use them half of the time.
  if (s.examples?.length) return fc.oneof(fc.constantFrom(...s.examples), arbitraryFor(root, { ...s, examples: undefined }, depth));
  if (s.enum) return fc.constantFrom(...s.enum);
  const alts = s.anyOf ?? s.oneOf;
  if (alts) return fc.oneof(...alts.map((a) => arbitraryFor(root, a, depth + 1)));
  if (s.allOf && s.allOf.length) return arbitraryFor(root, s.allOf[0], depth + 1);
  const type = Array.isArray(s.type) ? s.type[0] : s.type;
  switch (type) {
    case 'string': {
      const min = s.minLength ?? 0;
      const max = s.maxLength ?? 50;
      if (s.pattern) {
        let re: RegExp;
        try {
          re = new RegExp(s.pattern);
        } catch {
          return fc.string({ minLength: min, maxLength: cap(max, 20) });
        }
        return fc.stringMatching(re).filter((v) => v.length >= min && v.length <= max && v.trim().length >= Math.min(min, 1));
      }
      const short = fc.string({ minLength: min, maxLength: Math.max(min, cap(max, 24)) });
      // exactly at the maximum length (built by padding: generating thousands of characters one by one is slow)
      const full = fc.tuple(fc.string({ minLength: 1, maxLength: 8 }), fc.constantFrom('x', '长', ' ', '=')).map(([a, pad]) => a.padEnd(max, pad).slice(0, max));
      return fc.oneof({ weight: 9, arbitrary: short }, { weight: 1, arbitrary: full }).filter((v) => v.trim().length >= Math.min(min, 1));
    }
    case 'integer': {
      const min = s.exclusiveMinimum !== undefined ? s.exclusiveMinimum + 1 : (s.minimum ?? -1e6);
      const max = s.exclusiveMaximum !== undefined ? s.exclusiveMaximum - 1 : (s.maximum ?? 1e6);
      const lo = Math.max(min, Number.MIN_SAFE_INTEGER);
      const hi = Math.min(max, Number.MAX_SAFE_INTEGER);
      return fc.oneof(fc.integer({ min: Math.max(lo, -1000), max: Math.max(Math.min(hi, 1000), Math.max(lo, -1000)) }), fc.constantFrom(lo, hi));
    }
    case 'number': {
      const min = s.minimum ?? s.exclusiveMinimum ?? -1e9;
      const max = s.maximum ?? s.exclusiveMaximum ?? 1e9;
      return fc.double({ min, max, noNaN: true, noDefaultInfinity: true }).filter((v) => (s.exclusiveMinimum === undefined || v > s.exclusiveMinimum) && (s.exclusiveMaximum === undefined || v < s.exclusiveMaximum));
    }
    case 'boolean':
      return fc.boolean();
    case 'null':
      return fc.constant(null);
    case 'array': {
      const item = s.items ? arbitraryFor(root, s.items, depth + 1) : fc.jsonValue({ maxDepth: 1 });
      return fc.array(item, { minLength: s.minItems ?? 0, maxLength: Math.max(s.minItems ?? 0, cap(s.maxItems, 5)) });
    }
    case 'object': {
      const props = s.properties ?? {};
      const required = new Set(s.required ?? []);
      const record: Record<string, fc.Arbitrary<unknown>> = {};
      for (const [k, v] of Object.entries(props)) record[k] = arbitraryFor(root, v, depth + 1);
      if (Object.keys(props).length === 0 && s.additionalProperties && typeof s.additionalProperties === 'object') {
        const keys = s.propertyNames ? (arbitraryFor(root, s.propertyNames, depth + 1) as fc.Arbitrary<string>) : fc.string({ maxLength: 10 });
        return fc.dictionary(keys, arbitraryFor(root, s.additionalProperties, depth + 1), { maxKeys: 4 });
      }
      return fc.record(record, { requiredKeys: [...required].filter((k) => k in record) });
    }
    default:
      return fc.jsonValue({ maxDepth: 2 });
  }
}

/** Valid-looking inputs for an operation. */
export const validInput = (op: OperationName): fc.Arbitrary<unknown> => arbitraryFor(inputJsonSchema(op));

/** Problems that make a schema too permissive: objects that accept unknown fields, unbounded strings, numbers, arrays. */
export function schemaLooseness(root: JsonSchema): string[] {
  const problems: string[] = [];
  const seenDefs = new Set<string>();
  const walk = (s: JsonSchema, path: string) => {
    if (s.$ref) {
      const name = s.$ref.replace('#/$defs/', '');
      if (seenDefs.has(name)) return;
      seenDefs.add(name);
      return walk(resolveRef(root, s), path);
    }
    if (isJsonValueSchema(s)) return problems.push(`${path}: free-form JSON value (z.json())`), undefined;
    if (s.const !== undefined || s.enum) return;
    for (const alt of [...(s.anyOf ?? []), ...(s.oneOf ?? []), ...(s.allOf ?? [])]) walk(alt, path);
    const type = Array.isArray(s.type) ? s.type : s.type ? [s.type] : [];
    for (const t of type) {
      if (t === 'object') {
        const isRecord = !s.properties && typeof s.additionalProperties === 'object';
        if (isRecord) {
          const keys = s.propertyNames;
          if (!keys || !(keys.enum || keys.maxLength !== undefined || keys.pattern)) problems.push(`${path}: record with unbounded keys`);
          walk(s.additionalProperties as JsonSchema, `${path}.*`);
        } else {
          if (s.additionalProperties !== false) problems.push(`${path}: object accepts unknown fields (use .strict())`);
          for (const [k, v] of Object.entries(s.properties ?? {})) walk(v, path ? `${path}.${k}` : k);
        }
      }
      if (t === 'string') {
        const boundedPattern = s.pattern !== undefined && !/(?<!\\)[*+]|\{\d+,\}/.test(s.pattern.replace(/\\\\/g, ''));
        if (s.maxLength === undefined && !boundedPattern && s.format !== 'date' && s.format !== 'date-time') problems.push(`${path}: string without maxLength`);
      }
      if (t === 'integer' || t === 'number') {
        if (s.maximum === undefined && s.exclusiveMaximum === undefined) problems.push(`${path}: number without maximum`);
        if (s.minimum === undefined && s.exclusiveMinimum === undefined) problems.push(`${path}: number without minimum`);
      }
      if (t === 'array') {
        if (s.maxItems === undefined && !s.prefixItems) problems.push(`${path}: array without maxItems`);
        if (s.items) walk(s.items, `${path}[]`);
        for (const p of s.prefixItems ?? []) walk(p, `${path}[]`);
      }
    }
    if (!s.type && !s.anyOf && !s.oneOf && !s.allOf && !s.$ref && Object.keys(s).filter((k) => !k.startsWith('$') && k !== 'default' && k !== 'description').length === 0) {
      problems.push(`${path || '(input)'}: accepts anything`);
    }
  };
  walk(root, '');
  return problems;
}
