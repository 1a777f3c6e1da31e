import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

/** The templates of `snippet schedule` (crontab line, systemd units, Task Scheduler XML, GitHub workflow): src/actions/ and dist/bin/ both sit two levels below the root. */
export const SCHEDULE_TEMPLATES = fileURLToPath(new URL('../../schedule-templates/', import.meta.url));

export async function readScheduleTemplate(name: string): Promise<string> {
  return readFile(`${SCHEDULE_TEMPLATES}${name}`, 'utf8');
}

/** Pure: `@{name}` replaced by its value, in one pass (a value is never read as a placeholder); an unknown name is a bug. */
export function fillTemplate(template: string, values: Readonly<Record<string, string>>): string {
  return template.replace(/@\{(\w+)\}/gu, (_, name: string) => {
    const value = values[name];
    if (value === undefined) throw new Error(`schedule template: no value for @{${name}}`);
    return value;
  });
}

/** snippet's own version, from its package.json (two levels up, as the templates are). */
export async function snippetVersion(): Promise<string> {
  const manifest = JSON.parse(await readFile(fileURLToPath(new URL('../../package.json', import.meta.url)), 'utf8')) as { version: string };
  return manifest.version;
}
