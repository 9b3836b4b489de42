import fc from 'fast-check';
import { Agent, request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Api } from '../../../electron/api/api';
import { contract, isOperationName, operationNames, type OperationName } from '../../../electron/contract';
import { ApiError, type ApiErrorBody } from '../../../shared/errors';
import { startBridge, type Bridge } from '../../../electron/web/httpBridge';
import type { Workspace } from '../../../db/database';
import { inputJsonSchema, validInput } from '../../helpers/contractSchemas';
import { memoryApi, partnerInput, tempDir } from '../../helpers/workspace';

/**
 * Throws random and malformed payloads at the contract, through the HTTP bridge and the in-process API.
 * Each transport gets PWB_FUZZ_RUNS cases (default 10,000). For every case: no crash, a structured error
 * (never INTERNAL) or a result, and nothing written unless the call succeeded (a temporary change log fed
 * by triggers on every table shows any write that survived; a refused call may only add 'refused' audit records).
 */
const RUNS = Number(process.env.PWB_FUZZ_RUNS ?? 10_000);
const SEED = Number(process.env.PWB_FUZZ_SEED ?? 20250301);
const CODES = new Set<ApiErrorBody['code']>(['INVALID_INPUT', 'UNKNOWN_OPERATION', 'NOT_FOUND', 'CONFLICT', 'FORBIDDEN', 'CANCELLED', 'DOMAIN']);

/** Takes a file path (zs.filePath): an export or backup target, or a file to read. */
function takesFilePath(op: OperationName): boolean {
  return JSON.stringify(inputJsonSchema(op)).includes('"maxLength":4096');
}
/** Operations whose valid inputs are not thrown at the contract: long jobs, anything writing files at a given path, the workspace swap. */
const ONLY_INVALID = new Set<string>(operationNames.filter((op) => contract[op].kind === 'job' || contract[op].exclusive || takesFilePath(op)));

let ws: Workspace;
let api: Api;
let bridge: Bridge;
let cleanupDir: () => void;
const timing: Record<string, number> = {};
/** Unstructured outcomes (INTERNAL, unknown codes): bugs in a handler's input checks. */
const findings = new Map<string, string>();
const report = () => [...findings].map(([k, v]) => `${k}\n    e.g. input ${v}`).join('\n');
const stats = { http: 0, inProcess: 0, accepted: 0, rejected: 0, byCode: {} as Record<string, number> };

/** Every table gets temp triggers that log changes; rolled-back writes vanish from the log with their transaction. */
function installChangeLog(sqlite: Workspace['sqlite']) {
  sqlite.exec('create temp table fuzz_changes (tbl text, kind text, audit_outcome text)');
  const tables = (sqlite.prepare("select name from main.sqlite_master where type = 'table' and name not like 'sqlite_%'").all() as Array<{ name: string }>).map((r) => r.name);
  for (const t of tables) {
    for (const kind of ['insert', 'update', 'delete']) {
      const outcome = t === 'audit_log' && kind === 'insert' ? 'NEW.outcome' : 'null';
      sqlite.exec(`create temp trigger "fuzz_${t}_${kind}" after ${kind} on main."${t}" begin insert into fuzz_changes values ('${t}', '${kind}', ${outcome}); end`);
    }
  }
}
const changeCount = () => (ws.sqlite.prepare('select coalesce(max(rowid), 0) as n from fuzz_changes').get() as { n: number }).n;
const changesSince = (n: number) => ws.sqlite.prepare('select tbl, kind, audit_outcome from fuzz_changes where rowid > ?').all(n) as Array<{ tbl: string; kind: string; audit_outcome: string | null }>;

interface Payload {
  op: unknown;
  input: unknown;
}

const validFor = new Map<OperationName, fc.Arbitrary<unknown>>();
const valid = (op: OperationName) => {
  if (!validFor.has(op)) validFor.set(op, validInput(op));
  return validFor.get(op)!;
};

/** Makes sure a payload for an operation we must not really run is rejected by validation. */
function forceInvalid(op: unknown, input: unknown): unknown {
  if (!isOperationName(op) || !ONLY_INVALID.has(op)) return input;
  if (!contract[op].input.safeParse(input ?? {}).success) return input;
  return input && typeof input === 'object' && !Array.isArray(input) ? { ...(input as object), __fuzz: true } : 'not an object';
}

const opName = fc.oneof(
  { weight: 16, arbitrary: fc.constantFrom(...operationNames) },
  { weight: 2, arbitrary: fc.string({ maxLength: 40 }) },
  { weight: 1, arbitrary: fc.constantFrom('__proto__', 'constructor', 'toString', 'partners.list.', 'PARTNERS.LIST', 'partners.list ', '') },
  { weight: 1, arbitrary: fc.oneof(fc.integer(), fc.constant(null), fc.constant(undefined), fc.object({ maxDepth: 1 }), fc.array(fc.string(), { maxLength: 2 })) },
);

const anyShallow = fc.anything({ maxDepth: 1 });
const anyValue = fc.anything({ maxDepth: 2 });
const anyDeep = fc.anything({ maxDepth: 3, withNullPrototype: true, withObjectString: true });
const oddShapes = fc.constantFrom(JSON.parse('{"__proto__": {"polluted": 1}}') as unknown, { constructor: { prototype: { x: 1 } } }, [], null, '', 0, true);
const unknownObject = fc.object({ maxDepth: 2 });

/** The input arbitrary of one operation (built once: building fast-check arbitraries is the costly part). */
const inputsFor = new Map<unknown, fc.Arbitrary<unknown>>();
function inputArbitrary(op: unknown): fc.Arbitrary<unknown> {
  const key = isOperationName(op) ? op : '(unknown)';
  let arb = inputsFor.get(key);
  if (arb) return arb;
  const base = isOperationName(op) ? valid(op) : unknownObject;
  arb = fc.oneof(
    // a valid-looking input: may succeed
    base,
    // an unknown field
    fc.tuple(base, fc.string({ minLength: 1, maxLength: 12 }), anyShallow).map(([v, k, x]) => (v && typeof v === 'object' && !Array.isArray(v) ? { ...(v as object), [`x_${k}`]: x } : v)),
    // one field replaced by anything
    fc.tuple(base, anyValue, fc.nat()).map(([v, x, i]) => {
      const keys = v && typeof v === 'object' && !Array.isArray(v) ? Object.keys(v) : [];
      return keys.length ? { ...(v as object), [keys[i % keys.length]]: x } : x;
    }),
    // over-long strings and out-of-range numbers in every field
    base.map((v) =>
      v && typeof v === 'object' && !Array.isArray(v)
        ? Object.fromEntries(Object.entries(v).map(([k, x]) => [k, typeof x === 'string' ? x.padEnd(5_001, '长') : typeof x === 'number' ? x * 1e308 || -1 : x]))
        : v,
    ),
    // anything at all, including prototype-pollution shapes
    anyDeep,
    oddShapes,
  );
  inputsFor.set(key, arb);
  return arb;
}

const payload: fc.Arbitrary<Payload> = fc.noShrink(opName.chain((op) => inputArbitrary(op).map((i) => ({ op, input: forceInvalid(op, i) }))));

beforeAll(async () => {
  ({ ws, api } = memoryApi('fuzzer'));
  for (let i = 1; i <= 3; i++) await api.send('partners.create', partnerInput(`F${i}`));
  installChangeLog(ws.sqlite);
  const t = tempDir();
  cleanupDir = t.cleanup;
  bridge = await startBridge({ api, filesDir: t.dir });
});
afterAll(async () => {
  await bridge?.close();
  ws?.close();
  cleanupDir?.();
  process.stdout.write(`fuzz: ${JSON.stringify(stats)}\n`);
  if (process.env.PWB_FUZZ_TIMING) process.stdout.write(`${JSON.stringify(Object.entries(timing).sort((a, b) => b[1] - a[1]).slice(0, 8))}\n`);
});

function checkOutcome(p: Payload, before: number, outcome: { ok: true } | { ok: false; error: ApiErrorBody }) {
  if (outcome.ok) {
    stats.accepted++;
    const op = p.op as OperationName;
    expect(isOperationName(op)).toBe(true);
    expect(ONLY_INVALID.has(op), `${String(op)} must not have been accepted`).toBe(false);
    if (contract[op].kind === 'query') expect(changesSince(before), `query ${op} wrote`).toEqual([]);
    return;
  }
  stats.rejected++;
  const e = outcome.error;
  stats.byCode[e.code] = (stats.byCode[e.code] ?? 0) + 1;
  if (!CODES.has(e.code)) {
    // collected, reported all at once at the end (one line per operation and message)
    findings.set(`${String(p.op)} → ${e.code}: ${e.message.slice(0, 200)}`, JSON.stringify(p.input)?.slice(0, 300) ?? 'undefined');
    return;
  }
  expect(typeof e.message).toBe('string');
  expect(e.message.length).toBeGreaterThan(0);
  // rejected: nothing written except 'refused' audit records
  const leaked = changesSince(before).filter((c) => !(c.tbl === 'audit_log' && c.kind === 'insert' && c.audit_outcome === 'refused'));
  expect(leaked, `${String(p.op)} was rejected (${e.code}) but wrote`).toEqual([]);
}

/** What the server will see after JSON (undefined fields vanish...), made invalid again where it must be. */
function overJson(path: string, p: Payload): { path: string; p: Payload; body: string } {
  const seen = p.input === undefined ? undefined : (JSON.parse(JSON.stringify(p.input) ?? 'null') as unknown);
  const op = p.op === undefined ? undefined : (JSON.parse(JSON.stringify(p.op) ?? 'null') as unknown);
  const input = forceInvalid(op, seen);
  return { path, p: { op, input }, body: JSON.stringify({ op, input }) };
}

const agent = new Agent({ keepAlive: true, maxSockets: 1 });
function http(path: string, body: string | Buffer, headers: Record<string, string> = {}): Promise<{ status: number; json: unknown }> {
  return new Promise((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port: bridge.port, path, method: 'POST', agent, headers: { 'content-type': 'application/json', 'x-pwb-token': bridge.token, host: `127.0.0.1:${bridge.port}`, 'content-length': Buffer.byteLength(body), ...headers } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          try {
            resolve({ status: res.statusCode ?? 0, json: JSON.parse(text) as unknown });
          } catch {
            reject(new Error(`not JSON (${res.statusCode}): ${text.slice(0, 200)}`));
          }
        });
      },
    );
    req.on('error', reject);
    req.setNoDelay(true);
    req.end(body);
  });
}

describe(`fuzz: ${RUNS} payloads per transport`, () => {
  it('in-process API: structured errors, no partial writes', async () => {
    const tGen = performance.now();
    const samples = fc.sample(payload, { numRuns: RUNS, seed: SEED });
    timing['(generate)'] = performance.now() - tGen;
    const tRun = performance.now();
    for (const p of samples) {
      stats.inProcess++;
      const before = changeCount();
      const t0 = performance.now();
      try {
        await api.sendRaw(p.op, p.input);
        checkOutcome(p, before, { ok: true });
      } catch (e) {
        if (!ApiError.is(e)) throw new Error(`${String(p.op)} threw a non-ApiError: ${String(e)}`);
        checkOutcome(p, before, { ok: false, error: e.body });
      } finally {
        const k = String(p.op).slice(0, 30);
        timing[k] = (timing[k] ?? 0) + performance.now() - t0;
      }
    }
    timing['(run)'] = performance.now() - tRun;
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(findings.size, `unstructured errors (INTERNAL) from the in-process API:\n${report()}`).toBe(0);
  }, 300_000);

  it('HTTP bridge: structured errors, no partial writes, keep-alive', async () => {
    const raw = fc.oneof(
      { weight: 12, arbitrary: payload.map((p) => overJson('/api/call', p)) },
      { weight: 2, arbitrary: payload.map((p) => overJson('/api/job', p)) },
      {
        weight: 1,
        arbitrary: fc
          .oneof(fc.string({ maxLength: 200 }), fc.constantFrom('', 'null', '[]', '[1,2]', '"x"', '{', '{"op":', '{"op":"partners.list","input":', '\u0000\u0001', '{"op":"partners.list","input":{}}garbage'), fc.uint8Array({ maxLength: 300 }).map((b) => Buffer.from(b).toString('latin1')))
          .map((body) => ({ path: '/api/call', p: { op: '(raw)', input: body }, body })),
      },
    );
    // Pre-generated (fast-check samples, reproducible by seed) and sent one after another on one keep-alive connection.
    const cases = fc.sample(raw, { numRuns: RUNS, seed: SEED + 1 });
    let opened = 0;
    for (const c of cases) {
      stats.http++;
      const before = changeCount();
      const path = c.path;
      const { status, json } = await http(path, c.body);
      opened++;
      const reply = json as { ok: boolean; result?: unknown; error?: ApiErrorBody };
      if (typeof reply.ok !== 'boolean') throw new Error(`unstructured reply ${status}: ${JSON.stringify(json).slice(0, 200)}`);
      if (reply.ok) {
        expect(status).toBe(200);
        if (path === '/api/job') throw new Error(`a job was started by a fuzz payload: ${c.body.slice(0, 200)}`);
        checkOutcome(c.p, before, { ok: true });
      } else {
        if (status < 400 || (status >= 500 && reply.error?.code !== 'INTERNAL')) throw new Error(`status ${status} for ${c.body.slice(0, 200)}: ${JSON.stringify(reply).slice(0, 300)}`);
        checkOutcome(c.p, before, { ok: false, error: reply.error! });
      }
    }
    expect(opened).toBe(RUNS);
    expect(findings.size, `unstructured errors (INTERNAL) through the HTTP bridge:\n${report()}`).toBe(0);
    // the bridge is still healthy afterwards
    const { status } = await http('/api/call', JSON.stringify({ op: 'system.info', input: {} }));
    expect(status).toBe(200);
    expect(stats.accepted).toBeGreaterThan(0);
  }, 300_000);
});
