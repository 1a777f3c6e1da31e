import { describe, expect, it } from 'vitest';
import { helpFromTable, helpTableKey, readHelpTable, type HelpTable, type Terminal } from '../../src/cli/help-table.js';

const table: HelpTable = {
  texts: ['Usage: snippet [options] [command]\n', 'Usage: snippet contacts [options] [command]\n'],
  forms: {
    [helpTableKey(['--help'])]: { stream: 'stdout', text: 0, exitCode: 0 },
    [helpTableKey(['contacts'])]: { stream: 'stderr', text: 1, exitCode: 2 },
  },
};
const piped: Terminal = { isTTY: false };
const streams =
  (stdout: Terminal | undefined, stderr: Terminal | undefined = piped) =>
  (stream: 'stdout' | 'stderr'): Terminal | undefined =>
    stream === 'stdout' ? stdout : stderr;

describe('helpFromTable', () => {
  it('answers a command line the table holds, with its stream and exit code', () => {
    expect(helpFromTable(table, ['--help'], streams(piped))).toEqual({ stream: 'stdout', text: 'Usage: snippet [options] [command]\n', exitCode: 0 });
    expect(helpFromTable(table, ['contacts'], streams(piped))).toEqual({
      stream: 'stderr',
      text: 'Usage: snippet contacts [options] [command]\n',
      exitCode: 2,
    });
  });

  it('leaves every other command line to commander', () => {
    for (const args of [['--help', 'extra'], ['--dir', 'x', '--help'], ['-h'], ['contacts --help'], ['toString'], ['constructor']]) {
      expect(helpFromTable(table, args, streams(piped))).toBeUndefined();
    }
  });

  it('a terminal 80 columns wide gets the table; another width gets commander, which wraps to it', () => {
    expect(helpFromTable(table, ['--help'], streams({ isTTY: true, columns: 80 }))).toBeDefined();
    expect(helpFromTable(table, ['--help'], streams({ isTTY: true, columns: 120 }))).toBeUndefined();
    expect(helpFromTable(table, ['--help'], streams({ isTTY: true, columns: 79 }))).toBeUndefined();
    // commander's own default when a terminal reports no width
    expect(helpFromTable(table, ['--help'], streams({ isTTY: true }))).toBeDefined();
    // The width that counts is that of the stream the help goes to.
    expect(helpFromTable(table, ['contacts'], streams({ isTTY: true, columns: 120 }, piped))).toBeDefined();
    expect(helpFromTable(table, ['contacts'], streams(piped, { isTTY: true, columns: 120 }))).toBeUndefined();
  });

  it('a closed output, or a table naming a text it lacks, is left to commander', () => {
    expect(helpFromTable(table, ['--help'], streams(undefined))).toBeUndefined();
    const broken: HelpTable = { texts: [], forms: { [helpTableKey(['--help'])]: { stream: 'stdout', text: 3, exitCode: 0 } } };
    expect(helpFromTable(broken, ['--help'], streams(piped))).toBeUndefined();
  });
});

describe('readHelpTable', () => {
  it('reads the table the build wrote', () => {
    expect(readHelpTable(JSON.stringify(table))).toEqual(table);
  });

  // A missing or damaged dist/bin/help-table.json must not end `snippet --help` in a stack trace.
  it('a corrupt help table gives an empty one (commander prints the help) instead of a stack trace', () => {
    for (const text of [
      undefined,
      '',
      '{"texts": [',
      'null',
      '[]',
      '{}',
      '"x"',
      '{"texts": [], "forms": null}',
      '{"texts": {}, "forms": {}}',
      '{"texts": [], "forms": {"[]": null}}',
      '{"texts": ["x"], "forms": {"[]": {"stream": "stdout", "text": 0, "exitCode": "0"}}}',
    ]) {
      const read = readHelpTable(text);
      expect(read).toEqual({ texts: [], forms: {} });
      expect(helpFromTable(read, ['--help'], streams(piped))).toBeUndefined();
    }
  });
});
