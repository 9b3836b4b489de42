import { randomBytes, timingSafeEqual } from 'node:crypto';
import { constants, createReadStream, createWriteStream, existsSync, lstatSync, mkdirSync, openSync, readFileSync, realpathSync, rmSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { basename, dirname, extname, isAbsolute, join, normalize, resolve, sep } from 'node:path';
import type { Api } from '../api/api';
import { ApiError, type ApiErrorBody } from '../../shared/errors';
import type { JobEvent } from '../../shared/jobs';
import { contract, isOperationName } from '../contract';
import { filePathsIn } from '../contract/filePaths';

export interface BridgeOptions {
  api: Api;
  /** Built renderer (index.html + assets); omit to serve the API only. */
  staticDir?: string;
  /** Where uploads land and downloads are served from. */
  filesDir: string;
  port?: number;
  token?: string;
  /** Largest upload accepted (bytes); default MAX_UPLOAD. */
  maxUpload?: number;
}

export interface Bridge {
  url: string;
  port: number;
  token: string;
  server: Server;
  close(): Promise<void>;
}

const MAX_BODY = 10 * 1024 * 1024;
export const MAX_UPLOAD = 1024 * 1024 * 1024;
const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.otf': 'font/otf',
  '.ico': 'image/x-icon',
  '.pdf': 'application/pdf',
  '.csv': 'text/csv; charset=utf-8',
  '.xlsx': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  '.zip': 'application/zip',
};

/** The same CSP as the Electron window: no inline or eval'd script, no remote content. */
export const CSP =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; font-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'none'";

function sendJson(res: ServerResponse, status: number, body: unknown) {
  const data = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', 'content-length': Buffer.byteLength(data) });
  res.end(data);
}

function errorStatus(code: ApiErrorBody['code']): number {
  return { INVALID_INPUT: 400, UNKNOWN_OPERATION: 404, NOT_FOUND: 404, CONFLICT: 409, FORBIDDEN: 403, CANCELLED: 409, DOMAIN: 422, INTERNAL: 500 }[code];
}

/** Thrown for a body over the limit: answered 413 with a structured error, the connection kept usable. */
class BodyTooLarge extends ApiError {
  constructor(limit: number) {
    // Worded for the user (shared/errorMessages uploadTooLarge): in browser mode this is a file too large to import.
    super({ code: 'INVALID_INPUT', operation: '', message: `Request body over ${limit} bytes`, data: { reason: 'uploadTooLarge', params: { limitBytes: limit } } });
  }
}

/**
 * Reads a request body up to `limit` bytes. Past the limit the rest is read and dropped, so the answer
 * (413) reaches the client and a keep-alive connection stays in sync, instead of a reset mid-upload.
 */
function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  return new Promise((resolveBody, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size <= limit) chunks.push(c);
      else chunks.length = 0;
    });
    req.on('end', () => (size > limit ? reject(new BodyTooLarge(limit)) : resolveBody(Buffer.concat(chunks))));
    req.on('error', reject);
  });
}

/** Streams an upload to a new file (owner-only), never holding it in memory; past `limit` the file is removed and 413 answered. */
function saveUpload(req: IncomingMessage, path: string, limit: number): Promise<number> {
  return new Promise((done, fail) => {
    const out = createWriteStream(path, { flags: 'wx', mode: 0o600 });
    let size = 0;
    let over = false;
    const drop = () => {
      out.destroy();
      rmSync(path, { force: true });
    };
    req.on('data', (c: Buffer) => {
      if (over) return;
      size += c.length;
      if (size > limit) {
        over = true;
        return drop();
      }
      if (!out.write(c)) {
        req.pause();
        out.once('drain', () => req.resume());
      }
    });
    req.on('end', () => (over ? fail(new BodyTooLarge(limit)) : out.end(() => done(size))));
    req.on('error', (e) => {
      drop();
      fail(e);
    });
    out.on('error', (e) => {
      drop();
      fail(e);
    });
  });
}

/** Whether `p` is an absolute path that lies, after following every symlink of its existing part, inside `root` (a real path). */
export function isInside(root: string, p: string): boolean {
  if (!isAbsolute(p)) return false;
  let probe = resolve(p);
  const rest: string[] = [];
  while (!existsSync(probe)) {
    rest.unshift(basename(probe));
    const up = dirname(probe);
    if (up === probe) return false;
    probe = up;
  }
  const real = join(realpathSync(probe), ...rest);
  // The folder itself counts: exports write into it (the page's folder picker answers the files folder).
  return real === root || real.startsWith(root + sep);
}

/**
 * Loopback-only HTTP bridge: the contract over HTTP so the renderer runs in a plain browser.
 * 127.0.0.1 only, a random per-start token on every API call, same-origin requests only,
 * Host header checked (DNS rebinding).
 */
export async function startBridge(opts: BridgeOptions): Promise<Bridge> {
  const token = opts.token ?? randomBytes(24).toString('hex');
  const tokenBuf = Buffer.from(token);
  mkdirSync(opts.filesDir, { recursive: true, mode: 0o700 });
  const filesDir = realpathSync(resolve(opts.filesDir));
  const sseClients = new Set<ServerResponse>();
  let port = 0;

  const off = opts.api.onJobEvent((e: JobEvent) => {
    const data = `data: ${JSON.stringify(e)}\n\n`;
    for (const c of sseClients) c.write(data);
  });

  const tokenOk = (given: string | null | undefined) => {
    if (!given) return false;
    const g = Buffer.from(given);
    return g.length === tokenBuf.length && timingSafeEqual(g, tokenBuf);
  };

  // The page itself carries no token: the user who started the server opens the printed address, whose fragment
  // (never sent over HTTP) hands the token to the page, which keeps it in session storage.
  const indexHtml = () => readFileSync(join(opts.staticDir!, 'index.html'), 'utf8');

  const server = createServer(async (req, res) => {
    try {
      const host = req.headers.host ?? '';
      if (host !== `127.0.0.1:${port}` && host !== `localhost:${port}`) return sendJson(res, 403, { ok: false, error: { code: 'FORBIDDEN', operation: '', message: 'Bad host' } });
      const origin = req.headers.origin;
      if (origin && origin !== `http://127.0.0.1:${port}` && origin !== `http://localhost:${port}`) {
        return sendJson(res, 403, { ok: false, error: { code: 'FORBIDDEN', operation: '', message: 'Cross-origin requests are refused' } });
      }
      const url = new URL(req.url ?? '/', `http://${host}`);
      if (url.pathname.startsWith('/api/')) {
        // Only in a header: a token in a URL ends up in histories, logs and Referer headers.
        const given = req.headers['x-pwb-token'] as string | undefined;
        if (!tokenOk(given)) return sendJson(res, 401, { ok: false, error: { code: 'FORBIDDEN', operation: '', message: 'Missing or wrong bridge token' } });
        return await handleApi(url, req, res);
      }
      if (req.method !== 'GET' && req.method !== 'HEAD') return sendJson(res, 405, { ok: false });
      return serveStatic(url.pathname, res);
    } catch (e) {
      // A malformed percent-escape in the address (`/%E0%A4%A`) is the client's mistake: 400, not a server error.
      const body: ApiErrorBody = ApiError.is(e)
        ? e.body
        : e instanceof URIError
          ? { code: 'INVALID_INPUT', operation: '', message: 'Malformed address (bad percent-escape)' }
          : { code: 'INTERNAL', operation: '', message: (e as Error).message };
      if (!res.headersSent) sendJson(res, e instanceof BodyTooLarge ? 413 : errorStatus(body.code), { ok: false, error: body });
      else res.end();
    }
  });

  async function handleApi(url: URL, req: IncomingMessage, res: ServerResponse) {
    const route = `${req.method} ${url.pathname}`;
    if (route === 'GET /api/events') {
      res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store', connection: 'keep-alive' });
      res.write(': connected\n\n');
      sseClients.add(res);
      req.on('close', () => sseClients.delete(res));
      return;
    }
    if (route === 'GET /api/env') return sendJson(res, 200, { ok: true, result: { mode: 'web', filesDir } });
    if (route === 'POST /api/call' || route === 'POST /api/job') {
      const body = await readBody(req, MAX_BODY);
      let parsed: { op?: unknown; input?: unknown };
      try {
        parsed = JSON.parse(body.toString('utf8')) as typeof parsed;
      } catch {
        throw new ApiError({ code: 'INVALID_INPUT', operation: '', message: 'Request body is not JSON' });
      }
      if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
        throw new ApiError({ code: 'INVALID_INPUT', operation: '', message: 'Request body must be {"op", "input"}' });
      }
      await refuseServerPaths(parsed.op, parsed.input);
      try {
        const result = route === 'POST /api/job' ? opts.api.startJob(parsed.op, parsed.input) : await opts.api.sendRaw(parsed.op, parsed.input);
        return sendJson(res, 200, { ok: true, result: result ?? null });
      } catch (e) {
        const err: ApiErrorBody = ApiError.is(e) ? e.body : { code: 'INTERNAL', operation: String(parsed.op), message: (e as Error).message };
        return sendJson(res, errorStatus(err.code), { ok: false, error: err });
      }
    }
    if (route === 'POST /api/upload') {
      const name = basename(decodeURIComponent(String(req.headers['x-file-name'] ?? 'upload'))).replace(/[^\p{L}\p{N}._ -]/gu, '_') || 'upload';
      const dir = join(filesDir, 'uploads', randomBytes(8).toString('hex'));
      mkdirSync(dir, { recursive: true, mode: 0o700 });
      const path = join(dir, name);
      const size = await saveUpload(req, path, opts.maxUpload ?? MAX_UPLOAD);
      return sendJson(res, 200, { ok: true, result: { path, name, size } });
    }
    if (route === 'GET /api/file') {
      const path = resolve(url.searchParams.get('path') ?? '');
      // Only regular files inside the files folder, reached without any symlink.
      let fd: number;
      try {
        if (!isInside(filesDir, path) || realpathSync(path) !== path || !lstatSync(path).isFile()) return sendJson(res, 404, { ok: false });
        fd = openSync(path, constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0));
      } catch {
        return sendJson(res, 404, { ok: false });
      }
      res.writeHead(200, {
        'content-type': MIME[extname(path).toLowerCase()] ?? 'application/octet-stream',
        'content-disposition': `attachment; filename*=UTF-8''${encodeURIComponent(basename(path))}`,
        'cache-control': 'no-store',
      });
      createReadStream('', { fd }).pipe(res);
      return;
    }
    sendJson(res, 404, { ok: false, error: { code: 'UNKNOWN_OPERATION', operation: '', message: `No route ${route}` } });
  }

  /**
   * Over the bridge an operation takes no arbitrary server path: files come in as uploads and go out into the files
   * folder (then downloaded), so a page — or another local user — cannot make the server read or write elsewhere.
   */
  async function refuseServerPaths(op: unknown, input: unknown) {
    if (!isOperationName(op)) return;
    const parsed = contract[op].input.safeParse(input === undefined ? {} : input);
    if (!parsed.success) return;
    const roots = [filesDir];
    // Settings → Backups inspects and restores the backups it lists, in the workspace's backup folder.
    if (op === 'backups.inspect' || op === 'backups.restore') {
      const { folder } = (await opts.api.sendRaw('backups.list', {})) as { folder: string };
      if (existsSync(folder)) roots.push(realpathSync(folder));
    }
    const outside = filePathsIn(op, parsed.data).filter((p) => !roots.some((r) => isInside(r, p)));
    if (outside.length) {
      throw new ApiError({
        code: 'FORBIDDEN',
        operation: op,
        message: `In browser mode files are uploaded and downloaded; the server does not open ${outside[0].slice(0, 200)} (only files in its own folder)`,
        data: { reason: 'browserFileOutside', params: { path: outside[0].slice(0, 200) } },
      });
    }
  }

  function serveStatic(pathname: string, res: ServerResponse) {
    if (!opts.staticDir) return sendJson(res, 404, { ok: false });
    const root = resolve(opts.staticDir);
    const file = resolve(join(root, normalize(decodeURIComponent(pathname))));
    const headers = { 'content-security-policy': CSP, 'x-content-type-options': 'nosniff', 'referrer-policy': 'no-referrer' };
    if (file.startsWith(root + sep) && existsSync(file) && statSync(file).isFile() && !file.endsWith('index.html')) {
      res.writeHead(200, { ...headers, 'content-type': MIME[extname(file).toLowerCase()] ?? 'application/octet-stream' });
      createReadStream(file).pipe(res);
      return;
    }
    // SPA: every other path is the app (hash routing keeps this simple).
    const html = indexHtml();
    res.writeHead(200, { ...headers, 'content-type': MIME['.html'], 'cache-control': 'no-store' });
    res.end(html);
  }

  await new Promise<void>((ok, fail) => {
    server.once('error', fail);
    server.listen(opts.port ?? 0, '127.0.0.1', () => ok());
  });
  port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}/`,
    port,
    token,
    server,
    close: () =>
      new Promise<void>((ok) => {
        off();
        for (const c of sseClients) c.end();
        server.close(() => ok());
        server.closeAllConnections?.();
      }),
  };
}
