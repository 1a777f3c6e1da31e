import { join } from 'node:path';
import { CONFIG_FILE } from '../config/config.js';
import { parseConfig } from '../config/parse-config.js';
import { isEmailAddress } from '../schema/mailbox.js';
import { readText } from '../workspace/read-workspace-files.js';

/**
 * Where a test goes unless another address is typed: the coordinator's own,
 * `coordinator.email` in snippet.config.yaml. Undefined when the config has
 * none (or cannot be read: `snippet check` says why).
 */
export async function testSendAddress(dir: string): Promise<string | undefined> {
  const text = await readText(join(dir, CONFIG_FILE), CONFIG_FILE);
  return text === undefined ? undefined : parseConfig(text, CONFIG_FILE).config?.coordinator?.email;
}

/** Pure: what is wrong with the address typed for a test, in plain words; undefined when it is one address. */
export function testAddressProblem(typed: string): string | undefined {
  const address = typed.trim();
  if (address === '') return 'Type the address the test goes to, e.g. you@example.org.';
  if (/[,;\s]/u.test(address) || address.indexOf('@') !== address.lastIndexOf('@'))
    return 'One address only: a test goes to one person. Send another test for a second address.';
  if (!isEmailAddress(address)) return `"${address.slice(0, 200)}" is not an email address; write it as name@example.org.`;
  return undefined;
}
