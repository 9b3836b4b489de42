#!/usr/bin/env node
import { version } from '../../package.json';

// `pwb --version` answers without loading the domain (SQLite, exceljs, pdfkit… cost ~0.6 s to load); every other
// command loads the program.
const args = process.argv.slice(2);
if (args.length === 1 && (args[0] === '--version' || args[0] === '-V')) {
  process.stdout.write(`${version}\n`);
} else {
  const { buildProgram } = await import('./program');
  await buildProgram(version).parseAsync(process.argv);
}
