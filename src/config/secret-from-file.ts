/**
 * Pure: the secret a password file holds: its contents without the one line
 * end an editor or `echo` adds. Anything else is the secret's own.
 */
export function secretFromFile(contents: string): string {
  return contents.replace(/\r?\n$/u, '');
}
