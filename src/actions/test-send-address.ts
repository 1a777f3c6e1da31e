import { isEmailAddress } from '../schema/mailbox.js';

/** Pure: what is wrong with the address typed for a test, in plain words; undefined when it is one address. */
export function testAddressProblem(typed: string): string | undefined {
  const address = typed.trim();
  if (address === '') return 'Type the address the test goes to, e.g. you@example.org.';
  if (address.split(/[,;\s]+/u).filter((part) => part.includes('@')).length > 1 || address.indexOf('@') !== address.lastIndexOf('@'))
    return 'One address only: a test goes to one person. Send another test for a second address.';
  if (!isEmailAddress(address)) return `"${address.slice(0, 200)}" is not an email address; write it as name@example.org.`;
  return undefined;
}
