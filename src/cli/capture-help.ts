import { CommanderError, type Command } from 'commander';
import type { CliContext } from './context.js';
import { exitCodeOfCommander } from './exit-codes.js';
import { HELP_TABLE_WIDTH, helpTableKey, type HelpForm, type HelpTable } from './help-table.js';
import { createProgram } from './program.js';

/**
 * Runs the real program for every command line that only asks for help and
 * keeps what it printed, where, and the exit code: the table `snippet --help`
 * prints from without loading commander. Run at build time.
 */
export async function captureHelp(version: string): Promise<HelpTable> {
  const table: HelpTable = { texts: [], forms: {} };
  for (const args of helpForms(createProgram(NO_COMMAND_RUNS, version))) {
    const { stream, text, exitCode } = await printedHelp(version, args);
    let index = table.texts.indexOf(text);
    if (index < 0) index = table.texts.push(text) - 1;
    table.forms[helpTableKey(args)] = { stream, text: index, exitCode } satisfies HelpForm;
  }
  return table;
}

/**
 * `--help` and `-h` after every command; and for a command with subcommands
 * (the program itself too), the command alone, `help` and `help SUBCOMMAND`.
 */
function helpForms(program: Command): string[][] {
  const forms: string[][] = [];
  const visit = (command: Command, path: string[]): void => {
    forms.push([...path, '--help'], [...path, '-h']);
    if (command.commands.length > 0) {
      forms.push(path, [...path, 'help'], ...command.commands.map((sub) => [...path, 'help', sub.name()]));
    }
    for (const sub of command.commands) visit(sub, [...path, sub.name()]);
  };
  visit(program, []);
  return forms;
}

async function printedHelp(version: string, args: string[]): Promise<{ stream: HelpForm['stream']; text: string; exitCode: number }> {
  const printed = { stdout: '', stderr: '' };
  const program = createProgram(NO_COMMAND_RUNS, version);
  const capture = (command: Command): void => {
    // What commander prints when neither stream is a terminal.
    command.configureOutput({
      writeOut: (text) => (printed.stdout += text),
      writeErr: (text) => (printed.stderr += text),
      getOutHelpWidth: () => HELP_TABLE_WIDTH,
      getErrHelpWidth: () => HELP_TABLE_WIDTH,
      getOutHasColors: () => false,
      getErrHasColors: () => false,
    });
    command.commands.forEach(capture);
  };
  capture(program);
  const shown = `snippet ${args.join(' ')}`.trimEnd();
  try {
    await program.parseAsync(args, { from: 'user' });
  } catch (error) {
    if (!(error instanceof CommanderError) || (error.code !== 'commander.helpDisplayed' && error.code !== 'commander.help')) throw error;
    const stream = printed.stdout !== '' ? 'stdout' : 'stderr';
    const text = printed[stream];
    // The table is used on terminals too, where commander would keep colour.
    if (text === '' || (printed.stdout !== '' && printed.stderr !== '') || text.includes('\u001b')) {
      throw new Error(`${shown} printed help the table cannot hold: ${JSON.stringify(printed)}`);
    }
    return { stream, text, exitCode: exitCodeOfCommander(error) };
  }
  throw new Error(`${shown} ran a command instead of printing help`);
}

const noCommandRuns = (): never => {
  throw new Error('capturing help runs no command');
};
const NO_COMMAND_RUNS: CliContext = { env: {}, unsubscribeSecret: undefined, output: noCommandRuns, dir: noCommandRuns, setExitCode: noCommandRuns };
