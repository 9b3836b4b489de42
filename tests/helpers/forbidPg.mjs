// Loaded with `node --import` before a script: any load of the PostgreSQL driver (`pg`, by ESM import or require)
// throws "PG_LOADED: …", so a script shows that what it did never needed pg (tests/unit/hq/lazyPg.test.ts).
import Module, { register } from 'node:module';

const isPg = (s) => s === 'pg' || s.startsWith('pg/');
register(
  `data:text/javascript,${encodeURIComponent(
    `export async function resolve(s, c, next) { if (s === 'pg' || s.startsWith('pg/')) throw new Error('PG_LOADED: import ' + s + ' from ' + c.parentURL); return next(s, c); }`,
  )}`,
);
const load = Module._load;
Module._load = function (request, ...rest) {
  if (isPg(request)) throw new Error(`PG_LOADED: require ${request}`);
  return load.call(this, request, ...rest);
};
