import { join } from 'node:path';
import { stringify } from 'csv-stringify/sync';
import { CONFIG_FILE, type Period } from '../config/config.js';
import { neutraliseCell } from '../contacts/neutralise-cell.js';
import { hasErrors, SnippetError, sortProblems } from '../errors.js';
import { ORGANISATIONS_FILE, type Organisation } from '../organisations/organisation.js';
import { profilesDue } from '../organisations/profiles-due.js';
import type { Output } from '../output.js';
import { sitePaths, siteUrl } from '../render/site-urls.js';
import { zonedDate } from '../time/zoned-time.js';
import { loadConfigAndOrganisations } from '../workspace/load-workspace.js';
import { readText } from '../workspace/read-workspace-files.js';

export interface OrganisationsReviewOptions {
  dir: string;
  csv: boolean;
  /** Profiles last checked longer ago than this are due (default 12 months). */
  olderThan: Period;
  now: Date;
}

const COLUMNS = ['id', 'name', 'last_checked', 'email', 'phone', 'contact', 'website', 'directory_page'] as const;

/**
 * `snippet organisations review`: the directory's profiles due for checking
 * with their organisations (never checked, or last checked before the
 * cutoff), with how to reach each, as text or as CSV for a mail merge.
 */
export async function organisationsReviewCommand(options: OrganisationsReviewOptions, out: Output): Promise<{ due: number }> {
  const read = (file: string): Promise<string | undefined> => readText(join(options.dir, file), file);
  const [configText, organisationsText] = await Promise.all([read(CONFIG_FILE), read(ORGANISATIONS_FILE)]);
  const { config, organisations, problems } = loadConfigAndOrganisations(configText, organisationsText);
  const errors = problems.filter((problem) => problem.severity === 'error');
  if (hasErrors(errors) || config === undefined) {
    throw new SnippetError('the organisations could not be read; nothing listed', {
      problems: sortProblems(errors),
      hint: 'Correct the lines shown (`snippet check` shows every problem), then try again.',
    });
  }
  const { never, stale, cutoff } = profilesDue(organisations, zonedDate(options.now, config.timeZone), options.olderThan);
  const due = [...stale, ...never];
  const page = (organisation: Organisation): string => (config.site ? siteUrl(config.site.url, sitePaths.service(organisation.id)) : '');
  if (options.csv) {
    const rows = due.map((o) =>
      [o.id, o.name, o.reviewed ?? 'never', o.email ?? '', o.phone ?? '', o.contact ?? '', o.website ?? '', page(o)].map(neutraliseCell),
    );
    out.info(stringify([[...COLUMNS], ...rows], { record_delimiter: 'unix' }).trimEnd());
  } else {
    for (const organisation of due) {
      const reach = [organisation.email, organisation.phone, organisation.contact].filter((part) => part !== undefined).join(' · ');
      out.info(`${organisation.name} (${organisation.id}): ${organisation.reviewed ? `last checked ${organisation.reviewed}` : 'never checked'}`);
      out.info(`  ${reach || 'no contact in contacts/organisations.yaml'}${page(organisation) ? `; profile: ${page(organisation)}` : ''}`);
    }
  }
  out.warn(
    due.length === 0
      ? `Every directory profile was checked on or after ${cutoff}.`
      : `${due.length} profile${due.length === 1 ? '' : 's'} to check: ${stale.length} last checked before ${cutoff}, ${never.length} never checked. Once an organisation confirms its profile, set reviewed: to that date in ${ORGANISATIONS_FILE}.`,
  );
  return { due: due.length };
}
