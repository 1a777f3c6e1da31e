import { resolve } from 'node:path';
import { checkCommand } from '../../src/actions/check-command.js';
import { contactsCheckCommand } from '../../src/actions/contacts-check-command.js';
import { contactsImportCommand } from '../../src/actions/contacts-import-command.js';
import { contactsListCommand } from '../../src/actions/contacts-list-command.js';
import { contactsResubscribeCommand } from '../../src/actions/contacts-resubscribe-command.js';
import { contactsUnsubscribeCommand } from '../../src/actions/contacts-unsubscribe-command.js';
import { runAction, type ActionRun } from './run-action.js';

/**
 * `snippet check [ISSUE]` and `snippet contacts …` in the workspace `dir`, in this process: the arguments
 * handed to the actions as the CLI hands them (test/cli/program-wiring.test.ts holds the CLI to that),
 * the outcome as the CLI prints it (run-action.ts). Usage errors that commander itself finds (a missing
 * required flag, a malformed option) are the e2e tier's.
 */
export function snippetInProcess(dir: string): (args: string[], _options?: unknown) => Promise<ActionRun<unknown>> {
  return (args) => {
    const [first, command, ...more] = args;
    if (first === 'check') {
      const issue = args.slice(1).find((arg) => !arg.startsWith('--'));
      return runAction(
        (out) => checkCommand({ dir, issue, now: new Date() }, out),
        (result) => (result.errors > 0 ? 1 : 0),
      );
    }
    if (first !== 'contacts') throw new Error(`not run in process: snippet ${args.join(' ')}`);
    const flag = (name: string): string | undefined => {
      const at = more.indexOf(name);
      return at < 0 ? undefined : more[at + 1];
    };
    const positional = more.find((arg, i) => !arg.startsWith('--') && (i === 0 || !['--list', '--reason', '--by'].includes(more[i - 1]!)));
    const now = new Date();
    switch (command) {
      case 'import':
        return runAction((out) =>
          contactsImportCommand({ dir, file: resolve(dir, positional!), label: positional!, list: flag('--list'), dryRun: more.includes('--dry-run') }, out),
        );
      case 'unsubscribe':
        return runAction((out) =>
          contactsUnsubscribeCommand({ dir, email: positional!, reason: flag('--reason') ?? 'unsubscribed', now, force: more.includes('--force') }, out),
        );
      case 'resubscribe':
        return runAction((out) => contactsResubscribeCommand({ dir, email: positional!, reason: flag('--reason')!, by: flag('--by') ?? 'tester', now }, out));
      case 'list':
        return runAction((out) => contactsListCommand({ dir, list: flag('--list') }, out));
      case 'check':
        return runAction(
          (out) => contactsCheckCommand({ dir, json: more.includes('--json') }, out),
          (summary) => (summary.errors > 0 ? 1 : 0),
        );
      default:
        throw new Error(`not run in process: snippet ${args.join(' ')}`);
    }
  };
}
