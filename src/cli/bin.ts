#!/usr/bin/env node
import { fstatSync, readFileSync, writeSync } from 'node:fs';
import module from 'node:module';
import { join } from 'node:path';
import { helpFromTable, readHelpTable, type Terminal } from './help-table.js';
import { quietBrokenPipe } from './quiet-broken-pipe.js';

// The bundled entry is CommonJS and touches neither the ES module loader nor
// process.stdout on the way to printing help: each costs more start-up than
// the help itself (see DEVELOPERS.md, "The build").
const FD = { stdout: 1, stderr: 2 } as const;

const help = helpFromTable(readHelpTable(helpTableText()), process.argv.slice(2), terminal);
if (help) {
  // The exit code is commander's own for these arguments, kept with the text at build time.
  process.exitCode = help.exitCode;
  writeAll(help.stream, help.text);
} else {
  // Node 22.1 and later keep the compiled code of every module between runs,
  // which roughly halves start-up; Node 20 has no compile cache and skips this.
  (module as { enableCompileCache?: () => unknown }).enableCompileCache?.();
  void import('./main.js');
}

/** The table the build writes next to the bundled entry; without it (tsc's output), commander prints the same. */
function helpTableText(): string | undefined {
  try {
    return readFileSync(join(import.meta.dirname, 'help-table.json'), 'utf8');
  } catch {
    return undefined;
  }
}

/** Only a character device can be a terminal; the stream itself is opened only then, to ask it. */
function terminal(stream: keyof typeof FD): Terminal | undefined {
  try {
    return fstatSync(FD[stream]).isCharacterDevice() ? process[stream] : { isTTY: false };
  } catch {
    return undefined; // closed: commander decides what happens
  }
}

function writeAll(stream: keyof typeof FD, text: string): void {
  const bytes = Buffer.from(text);
  let written = 0;
  try {
    while (written < bytes.length) written += writeSync(FD[stream], bytes, written);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EPIPE') return; // `snippet --help | head -1`: the reader has what it wanted
    if (code !== 'EAGAIN') throw error;
    // An output shared with a process that made it non-blocking: the stream waits for room.
    quietBrokenPipe();
    process[stream].write(bytes.subarray(written));
  }
}
