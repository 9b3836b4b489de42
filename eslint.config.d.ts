// Types of what eslint.config.js exports besides the config (tests/unit/foundation/storeLint.test.ts reads them).
import type { Linter } from 'eslint';

export const SQL_OUTSIDE_STORE: Array<{ selector: string; message: string }>;
export const STORE_PENDING: string[];
declare const config: Linter.Config[];
export default config;
