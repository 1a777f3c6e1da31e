import { join } from 'node:path';
import { CONFIG_FILE } from '../config/config.js';
import { sortProblems, SnippetError, type Problem } from '../errors.js';
import { issueVersion, readIssueText as readVersioned, saveIssueText as saveVersioned } from '../fs/issue-text.js';
import {
  editOrganisationText,
  organisationFieldsOf,
  organisationsInText,
  type OrganisationField,
  type OrganisationFields,
} from '../organisations/edit-organisation-text.js';
import { ORGANISATIONS_FILE } from '../organisations/organisation.js';
import { organisationFieldLines } from '../organisations/organisation-field-lines.js';
import { profileAdvice } from '../organisations/profile-advice.js';
import { zonedDate } from '../time/zoned-time.js';
import { loadConfigAndOrganisations } from '../workspace/load-workspace.js';
import { findPlaceholders, preferPlaceholders } from '../workspace/placeholders.js';
import { readText } from '../workspace/read-workspace-files.js';
import { MAX_FIELD_LENGTH } from './issue-editor.js';

export type { OrganisationField, OrganisationFields };
export { ORGANISATION_FIELDS } from '../organisations/edit-organisation-text.js';

/** A problem of `snippet check` in organisations.yaml, with the organisation and field it is about (undefined: the file as a whole). */
export interface OrganisationProblem extends Problem {
  organisation: string | undefined;
  field: string | undefined;
}

/** One line of the list of organisations. */
export interface OrganisationSummary {
  id: string;
  name: string;
  reviewed: string | undefined;
  spotlight: boolean;
  directory: boolean;
  errors: number;
  warnings: number;
}

/** One organisation as the editor opens it. */
export interface OrganisationDraft {
  id: string;
  version: string;
  fields: OrganisationFields;
  /** This organisation's problems, and those of the file as a whole. */
  problems: OrganisationProblem[];
  /** Errors elsewhere in the file (other organisations). */
  elsewhere: number;
  /** The network's areas from the config (empty: areas are free text). */
  areas: string[];
  /** Today in the network's zone, `YYYY-MM-DD`: what "checked today" writes. */
  today: string;
}

interface Files {
  config: string | undefined;
  text: string;
  version: string;
}

/** The list of the network's organisations, as organisations.yaml has them, with their problems counted. */
export async function listOrganisations(dir: string, now: Date): Promise<{ organisations: OrganisationSummary[]; general: OrganisationProblem[] }> {
  const files = await readFiles(dir);
  const problems = validate(files.config, files.text, now).problems;
  const found = organisationsInText(files.text);
  const ids = found.map((o) => o.id);
  const organisations = found.map(({ id, fields }) => {
    const own = problems.filter((p) => p.organisation === id);
    const errors = own.filter((p) => p.severity === 'error').length;
    return {
      id,
      name: fields.name ?? id,
      reviewed: fields.reviewed,
      spotlight: fields.spotlight !== 'false',
      directory: fields.directory !== 'false',
      errors,
      warnings: own.length - errors,
    };
  });
  return { organisations, general: problems.filter((p) => p.organisation === undefined || !ids.includes(p.organisation)) };
}

/** One organisation's profile and its problems. */
export async function openOrganisation(dir: string, id: string, now: Date): Promise<OrganisationDraft> {
  return draftOf(await readFiles(dir), id, now);
}

/**
 * The problems the fields would leave, as `snippet check` finds them, and the
 * count of errors in other organisations, without saving: the desk asks this
 * as the coordinator types.
 */
export async function checkOrganisationEdits(
  dir: string,
  id: string,
  fields: OrganisationFields,
  now: Date,
): Promise<{ problems: OrganisationProblem[]; elsewhere: number; version: string }> {
  const files = await readFiles(dir);
  const tooLong = oversized(fields, id);
  if (tooLong.length > 0) return { problems: tooLong, elsewhere: draftOf(files, id, now).elsewhere, version: files.version };
  const draft = draftOf({ ...files, text: editOrganisationText(files.text, requireKnown(files, id), fields) }, id, now);
  return { problems: draft.problems, elsewhere: draft.elsewhere, version: files.version };
}

/**
 * Saves the fields if organisations.yaml is still at `version`: lines not
 * changed stay byte for byte, and the write is atomic. `checkedToday` sets
 * `reviewed` to today's date in the network's zone. Refused, with the
 * problems beside their fields and nothing written, when a field is over the
 * desk's bound or the change would add an error to this organisation (the
 * file feeds every issue and the website). Throws IssueChangedError when the
 * file changed meanwhile.
 */
export async function saveOrganisationEdits(
  dir: string,
  id: string,
  fields: OrganisationFields,
  version: string,
  options: { now: Date; checkedToday?: boolean },
): Promise<{ saved: true; version: string; today: string } | { saved: false; problems: OrganisationProblem[] }> {
  const files = await readFiles(dir);
  const tooLong = oversized(fields, id);
  if (tooLong.length > 0) return { saved: false, problems: tooLong };
  const current = draftOf(files, id, options.now);
  const today = current.today;
  const asked = options.checkedToday ? { ...fields, reviewed: today } : fields;
  const text = editOrganisationText(files.text, id, asked);
  const before = new Set(current.problems.filter(isError).map(key));
  const after = draftOf({ ...files, text }, id, options.now).problems;
  if (after.some((p) => isError(p) && p.organisation === id && !before.has(key(p)))) return { saved: false, problems: after };
  if (text === files.text) return { saved: true, version: files.version, today };
  await saveVersioned(dir, ORGANISATIONS_FILE, text, version, {
    changedHint: 'Nothing was saved, and what you typed is still in the form. Reload to see the file as it is now.',
  });
  return { saved: true, version: issueVersion(text), today };
}

async function readFiles(dir: string): Promise<Files> {
  const [config, organisations] = await Promise.all([readText(join(dir, CONFIG_FILE), CONFIG_FILE), readVersioned(dir, ORGANISATIONS_FILE)]);
  if (organisations.text === undefined)
    throw new SnippetError(`${ORGANISATIONS_FILE} does not exist`, {
      file: ORGANISATIONS_FILE,
      hint: 'Copy it from the sample workspace, or run `snippet init`.',
    });
  return { config, text: organisations.text, version: organisations.version };
}

function requireKnown(files: Files, id: string): string {
  if (organisationFieldsOf(files.text, id) !== undefined) return id;
  throw new SnippetError(`there is no organisation "${id}" in ${ORGANISATIONS_FILE}`, {
    file: ORGANISATIONS_FILE,
    hint: 'Choose it from the list of organisations; if the file cannot be read, `snippet check` shows why.',
  });
}

function draftOf(files: Files, id: string, now: Date): OrganisationDraft {
  const fields = organisationFieldsOf(files.text, requireKnown(files, id))!;
  const { problems, areas, today } = validate(files.config, files.text, now);
  const mine = problems.filter((p) => p.organisation === id || p.organisation === undefined);
  const elsewhere = problems.filter((p) => isError(p) && p.organisation !== undefined && p.organisation !== id).length;
  return { id, version: files.version, fields, problems: mine, elsewhere, areas, today };
}

/** The problems `snippet check` finds in organisations.yaml (and the config's part in them), each placed on its organisation and field. */
function validate(configText: string | undefined, text: string, now: Date): { problems: OrganisationProblem[]; areas: string[]; today: string } {
  const { config, organisations, organisationLine, problems } = loadConfigAndOrganisations(configText, text);
  // The config is parsed once here: today's date in its zone comes from it too.
  const today = zonedDate(now, config?.timeZone ?? 'Europe/London');
  const advice = config
    ? profileAdvice(organisations, organisationLine, config.areas, today, {
        organisations: ORGANISATIONS_FILE,
        config: CONFIG_FILE,
      })
    : [];
  const placed = organisationFieldLines(text);
  const found = preferPlaceholders(
    [...problems, ...advice].filter((p) => p.file === ORGANISATIONS_FILE),
    findPlaceholders(text, ORGANISATIONS_FILE),
  );
  return {
    problems: sortProblems(found).map((problem) => {
      const at = problem.line === undefined ? undefined : placed(problem.line);
      return { ...problem, organisation: at?.id, field: at?.field };
    }),
    areas: (config?.areas ?? []).map((area) => area.name),
    today,
  };
}

function oversized(fields: OrganisationFields, id: string): OrganisationProblem[] {
  return Object.entries(fields)
    .filter(([, value]) => value.length > MAX_FIELD_LENGTH)
    .map(([field, value]) => ({
      severity: 'error' as const,
      file: ORGANISATIONS_FILE,
      organisation: id,
      field,
      message: `this is ${value.length.toLocaleString('en-GB')} characters long; the desk takes at most ${MAX_FIELD_LENGTH.toLocaleString('en-GB')} in one field`,
      hint: 'Shorten it; a long text belongs on the organisation’s own website. Nothing was saved.',
    }));
}

function isError(problem: Problem): boolean {
  return problem.severity === 'error';
}

function key(problem: OrganisationProblem): string {
  return `${problem.organisation}\u0000${problem.field}\u0000${problem.message}`;
}
