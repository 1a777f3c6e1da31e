import { join } from 'node:path';
import { CONFIG_FILE, type Config } from '../config/config.js';
import { parseConfig } from '../config/parse-config.js';
import { MEMBERS_FILE, SUPPRESSIONS_FILE, type Suppression } from '../contacts/member.js';
import { parseMembers, type ParsedMembers } from '../contacts/parse-members.js';
import { parseSuppressions } from '../contacts/parse-suppressions.js';
import { readCsvFile } from '../contacts/read-csv-file.js';
import type { Problem } from '../errors.js';
import { ORGANISATIONS_FILE, type Organisation } from '../organisations/organisation.js';
import { parseOrganisations } from '../organisations/parse-organisations.js';
import { readText } from './read-workspace-files.js';

/** What the `contacts` commands work on; issues and templates are not read. */
export interface Contacts {
  /** Undefined when `members.csv` does not exist. */
  members: ParsedMembers | undefined;
  suppressions: Suppression[];
  organisations: Organisation[];
  /** Undefined when the config is missing or has errors (the contacts commands can do without it). */
  config: Config | undefined;
  /** The workspace's zone for dates, or the default when the config cannot be read. */
  timeZone: string;
  /** Problems of members.csv, suppressions.csv and organisations.yaml. */
  problems: Problem[];
}

/** IO at the edge: reads and parses the contacts files of a workspace. */
export async function loadContacts(dir: string): Promise<Contacts> {
  const [configText, organisationsText] = await Promise.all([CONFIG_FILE, ORGANISATIONS_FILE].map((file) => readText(join(dir, file), file)));
  const [membersCsv, suppressionsCsv] = await Promise.all([MEMBERS_FILE, SUPPRESSIONS_FILE].map((file) => readCsvFile(join(dir, file), file)));
  const membersText = membersCsv?.text;
  const suppressionsText = suppressionsCsv?.text;
  const config = configText === undefined ? undefined : parseConfig(configText, CONFIG_FILE).config;
  const organisations = organisationsText === undefined ? undefined : parseOrganisations(organisationsText, ORGANISATIONS_FILE);
  const known = organisations?.organisations ?? [];
  const members =
    membersText === undefined
      ? undefined
      : parseMembers(membersText, MEMBERS_FILE, known.length > 0 ? { organisationIds: new Set(known.map((o) => o.id)) } : {});
  const suppressions = suppressionsText === undefined ? undefined : parseSuppressions(suppressionsText, SUPPRESSIONS_FILE);
  return {
    members,
    suppressions: suppressions?.suppressions ?? [],
    organisations: known,
    config,
    timeZone: config?.timeZone ?? 'Europe/London',
    problems: [
      ...(organisations?.problems ?? []),
      ...(membersCsv?.warnings ?? []),
      ...(members?.problems ?? []),
      ...(suppressionsCsv?.warnings ?? []),
      ...(suppressions?.problems ?? []),
    ],
  };
}
