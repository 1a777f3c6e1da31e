import {
  checkOrganisationEdits,
  listOrganisations,
  openOrganisation,
  ORGANISATION_FIELDS,
  saveOrganisationEdits,
  type OrganisationFields,
} from '../actions/organisation-editor.js';
import { isIssueChangedError } from '../actions/issue-text.js';
import { messagePage } from './html.js';
import { organisationPage, organisationsPage, todoOf } from './organisations-page.js';

/** What the desk's HTTP side sends back. */
export type Reply = { status: number; type: string; body: string } | { redirect: string };

export interface OrganisationsRequest {
  dir: string;
  now: () => Date;
  /** Undefined: the list. */
  id: string | undefined;
  check: boolean;
  /** The posted form; undefined for a GET. */
  form: URLSearchParams | undefined;
  /** One-time notices, shown on the next page, by page. */
  notices: Map<string, string[]>;
}

/** The organisations' pages: the list, one profile's form, its check as typed, and its save. */
export async function organisationsRoute(request: OrganisationsRequest): Promise<Reply> {
  const { dir, id, form, notices } = request;
  const now = request.now();
  const key = `organisations/${id ?? ''}`;
  const notice = notices.get(key)?.join(' ');
  notices.delete(key);
  if (id === undefined) {
    if (form) return { status: 404, type: 'text/html', body: messagePage('Not found', 'There is no such page on the desk.') };
    return html(200, organisationsPage(await listOrganisations(dir, now), notice));
  }
  if (!form) {
    const draft = await openOrganisation(dir, id, now);
    return html(200, organisationPage({ draft, fields: draft.fields, problems: draft.problems, version: draft.version, ...(notice ? { notice } : {}) }));
  }
  const fields = fieldsOfForm(form);
  const version = form.get('version') ?? '';
  if (request.check) {
    const checked = await checkOrganisationEdits(dir, id, fields, now);
    return {
      status: 200,
      type: 'application/json',
      body: JSON.stringify({
        problems: checked.problems,
        todo: todoOf(checked.problems, checked.elsewhere),
        version: checked.version,
        changed: checked.version !== version,
      }),
    };
  }
  const checkedToday = form.get('action') === 'reviewed';
  try {
    const result = await saveOrganisationEdits(dir, id, fields, version, { now, checkedToday });
    if (!result.saved) {
      const draft = await openOrganisation(dir, id, now);
      return html(422, organisationPage({ draft, fields, problems: result.problems, version, notice: 'Nothing was saved: fix the field marked below.' }));
    }
    const time = now.toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit' });
    notices.set(`organisations/${id}`, [
      checkedToday ? `Saved at ${time}, and marked as checked with the organisation today (${result.today}).` : `Saved at ${time}.`,
    ]);
    return { redirect: `/organisations/${id}` };
  } catch (error) {
    if (!isIssueChangedError(error)) throw error;
    const draft = await openOrganisation(dir, id, now);
    return html(409, organisationPage({ draft, fields, problems: [], version, conflict: `${error.message}.` }));
  }
}

/** The form's fields as the action takes them: the checkboxes of a list joined, a ticked opt-out as `false`; a field not posted stays as it is. */
export function fieldsOfForm(form: URLSearchParams): OrganisationFields {
  const fields: OrganisationFields = {};
  for (const name of ORGANISATION_FIELDS) {
    if (name === 'for' || name === 'stages') fields[name] = form.getAll(name).join(', ');
    else if (name === 'spotlight' || name === 'directory') fields[name] = form.get(name) === 'false' ? 'false' : '';
    else if (form.has(name)) fields[name] = form.get(name) ?? '';
  }
  return fields;
}

function html(status: number, body: string): Reply {
  return { status, type: 'text/html', body };
}
