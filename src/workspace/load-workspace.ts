import type { Config } from '../config/config.js';
import { CONFIG_FILE } from '../config/config.js';
import { parseConfig } from '../config/parse-config.js';
import { MEMBERS_FILE, SUPPRESSIONS_FILE, type Member, type Suppression } from '../contacts/member.js';
import { readMembers } from '../contacts/parse-members.js';
import { parseSuppressions } from '../contacts/parse-suppressions.js';
import type { Problem } from '../errors.js';
import type { IssueId } from '../issue/issue.js';
import { issueFile } from '../issue/issue-id.js';
import { parseIssue, type ParsedIssue } from '../issue/parse-issue.js';
import { ORGANISATIONS_FILE, type Organisation } from '../organisations/organisation.js';
import { matchAreas } from '../organisations/match-areas.js';
import { parseOrganisations } from '../organisations/parse-organisations.js';
import { findPlaceholders } from './placeholders.js';
import type { ParseMemo } from './parse-memo.js';
import type { WorkspaceFiles } from './workspace-files.js';

/** Everything in a workspace, parsed; each part is absent or empty where its file had errors. */
export interface Workspace {
  config: Config | undefined;
  organisations: Organisation[];
  /** The line of an organisation's field in organisations.yaml, by its id. */
  organisationLine: (id: string, field: string) => number | undefined;
  members: Member[];
  suppressions: Suppression[];
  /** Every issue file, oldest first; `issue` is undefined where the file has errors. */
  issues: Array<{ id: IssueId; placeholders: Problem[] } & ParsedIssue>;
  /** Problems of the config, organisations and contacts (each issue carries its own). */
  problems: Problem[];
  /** What `snippet init` left for the coordinator to fill in, in the config and the organisations. */
  placeholders: Problem[];
}

/**
 * Pure: parses a workspace's files. Issue-level checks that need the rest are
 * in validateIssue. With a memo, a file whose text is the same as last time
 * is not parsed again.
 */
export function loadWorkspace(files: WorkspaceFiles, memo?: ParseMemo): Workspace {
  const problems: Problem[] = [...(files.csvWarnings ?? [])];
  const remember = <T>(slot: string, key: string, compute: () => T): T => (memo ? memo.get(slot, key, compute) : compute());

  const {
    config,
    organisations,
    organisationLine,
    problems: settingsProblems,
  } = remember('settings', `${files.config ?? '\u0000absent'}\u0000${files.organisations ?? '\u0000absent'}`, () =>
    loadConfigAndOrganisations(files.config, files.organisations),
  );
  problems.push(...settingsProblems);
  const organisationIds = new Set(organisations.map((o) => o.id));

  let members: Member[] = [];
  if (files.members === undefined) {
    problems.push({
      severity: 'error',
      file: MEMBERS_FILE,
      message: 'the mailing list is missing',
      hint: 'Create it with the header email,name,organisation,lists or use `snippet contacts import FILE`.',
    });
  } else {
    const text = files.members;
    const parsed = remember('members', `${[...organisationIds].join(' ')}\u0000${text}`, () =>
      readMembers(text, MEMBERS_FILE, organisations.length > 0 ? { organisationIds } : {}),
    );
    members = parsed.members;
    problems.push(...parsed.problems);
  }

  let suppressions: Suppression[] = [];
  if (files.suppressions !== undefined) {
    const text = files.suppressions;
    const parsed = remember('suppressions', text, () => parseSuppressions(text, SUPPRESSIONS_FILE));
    suppressions = parsed.suppressions;
    problems.push(...parsed.problems);
  }

  const issues = files.issues.map(({ id, text, unreadable }) =>
    text === undefined
      ? { id, issue: undefined, lineOf: () => undefined, problems: [unreadable], placeholders: [] }
      : { id, ...remember(`issue ${id}`, text, () => ({ ...parseIssue(text, issueFile(id), id), placeholders: findPlaceholders(text, issueFile(id)) })) },
  );
  const placeholders = [...findPlaceholders(files.config ?? '', CONFIG_FILE), ...findPlaceholders(files.organisations ?? '', ORGANISATIONS_FILE)];
  return { config, organisations, organisationLine, members, suppressions, issues, problems, placeholders };
}

/** The config and the organisations, parsed: what every command reads, and all that `snippet site` reads besides the issues. */
export function loadConfigAndOrganisations(
  configText: string | undefined,
  organisationsText: string | undefined,
): Pick<Workspace, 'config' | 'organisations' | 'organisationLine' | 'problems'> {
  const problems: Problem[] = [];
  let config: Config | undefined;
  if (configText === undefined) {
    problems.push({
      severity: 'error',
      file: CONFIG_FILE,
      message: 'the workspace has no snippet.config.yaml',
      hint: 'Run snippet in the workspace folder or pass --dir; copy snippet.config.yaml from the sample workspace to start one.',
    });
  } else {
    const parsed = parseConfig(configText, CONFIG_FILE);
    config = parsed.config;
    problems.push(...parsed.problems);
  }

  let organisations: Organisation[] = [];
  let organisationLine: Workspace['organisationLine'] = () => undefined;
  if (organisationsText === undefined) {
    problems.push({
      severity: 'error',
      file: ORGANISATIONS_FILE,
      message: 'the file is missing',
      hint: 'Create it with a list under "organisations:", each with an id and a name.',
    });
  } else {
    const parsed = parseOrganisations(organisationsText, ORGANISATIONS_FILE);
    const matched = matchAreas(parsed.organisations, config?.areas ?? [], parsed.lineOfField, ORGANISATIONS_FILE);
    organisations = matched.organisations;
    organisationLine = parsed.lineOfField;
    problems.push(...parsed.problems, ...matched.problems);
  }
  return { config, organisations, organisationLine, problems };
}

/** The issue to work on: the one named, or else the latest. */
export function selectIssue(workspace: Workspace, id: IssueId | undefined): Workspace['issues'][number] | undefined {
  if (id !== undefined) return workspace.issues.find((issue) => issue.id === id);
  return workspace.issues.at(-1);
}
