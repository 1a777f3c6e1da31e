import { describe, expect, it } from 'vitest';
import { helpFromTable, helpTableKey, type HelpTable } from '../../src/cli/help-table.js';

const table: HelpTable = {
  texts: ['Usage: snippet [options] [command]\n', 'Usage: snippet contacts [options] [command]\n'],
  forms: {
    [helpTableKey(['--help'])]: { stream: 'stdout', text: 0, exitCode: 0 },
    [helpTableKey(['contacts'])]: { stream: 'stderr', text: 1, exitCode: 2 },
  },
};
const piped = { isTTY: undefined, columns: undefined };

describe('helpFromTable', () => {
  it('answers a command line the table holds, with its stream and exit code', () => {
    expect(helpFromTable(table, ['--help'], { stdout: piped, stderr: piped })).toEqual({ stream: 'stdout', text: 'Usage: snippet [options] [command]\n', exitCode: 0 });
    expect(helpFromTable(table, ['contacts'], { stdout: piped, stderr: piped })).toEqual({ stream: 'stderr', text: 'Usage: snippet contacts [options] [command]\n', exitCode: 2 });
  });

  it('leaves every other command line to commander', () => {
    for (const args of [['--help', 'extra'], ['--dir', 'x', '--help'], ['-h'], ['contacts --help'], ['toString'], ['constructor']]) {
      expect(helpFromTable(table, args, { stdout: piped, stderr: piped })).toBeUndefined();
    }
  });

  it('a terminal 80 columns wide gets the table; another width gets commander, which wraps to it', () => {
    expect(helpFromTable(table, ['--help'], { stdout: { isTTY: true, columns: 80 }, stderr: piped })).toBeDefined();
    expect(helpFromTable(table, ['--help'], { stdout: { isTTY: true, columns: 120 }, stderr: piped })).toBeUndefined();
    expect(helpFromTable(table, ['--help'], { stdout: { isTTY: true, columns: 79 }, stderr: piped })).toBeUndefined();
    // commander's own default when a terminal reports no width
    expect(helpFromTable(table, ['--help'], { stdout: { isTTY: true, columns: undefined }, stderr: piped })).toBeDefined();
    // The width that counts is that of the stream the help goes to.
    expect(helpFromTable(table, ['contacts'], { stdout: { isTTY: true, columns: 120 }, stderr: piped })).toBeDefined();
    expect(helpFromTable(table, ['contacts'], { stdout: piped, stderr: { isTTY: true, columns: 120 } })).toBeUndefined();
  });

  it('a table naming a text it lacks answers nothing', () => {
    const broken: HelpTable = { texts: [], forms: { [helpTableKey(['--help'])]: { stream: 'stdout', text: 3, exitCode: 0 } } };
    expect(helpFromTable(broken, ['--help'], { stdout: piped, stderr: piped })).toBeUndefined();
  });
});
