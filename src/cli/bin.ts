#!/usr/bin/env node
import { readFileSync } from 'node:fs';
import module from 'node:module';
import { helpFromTable, type HelpTable } from './help-table.js';
import { quietBrokenPipe } from './quiet-broken-pipe.js';

const help = helpFromTable(readHelpTable(), process.argv.slice(2), process);
if (help) {
  // The exit code is commander's own for these arguments, kept with the text at build time.
  quietBrokenPipe();
  process[help.stream].write(help.text);
  process.exitCode = help.exitCode;
} else {
  // Node 22.1 and later keep the compiled code of every module between runs,
  // which roughly halves start-up; Node 20 has no compile cache and skips this.
  (module as { enableCompileCache?: () => unknown }).enableCompileCache?.();
  await import('./main.js');
}

/** The table the build writes next to the bundled entry; without it (tsc's output), commander prints the same. */
function readHelpTable(): HelpTable {
  try {
    return JSON.parse(readFileSync(new URL('help-table.json', import.meta.url), 'utf8')) as HelpTable;
  } catch {
    return { texts: [], forms: {} };
  }
}
