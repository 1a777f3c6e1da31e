import type { FieldProblem, IssueDraft } from '../actions/issue-editor.js';
import { ITEM_SECTIONS } from '../issue/issue.js';
import { writtenItem, type EditorModel } from './editor-model.js';
import { conflictBox, itemActions } from './editor-page.js';

/**
 * What a save sent by the editor's script is answered with (JSON): what the
 * page after a plain post would show, for the script to put in place without
 * loading the page again. A refusal carries the same words as the page.
 */
export type SaveAnswer =
  | {
      saved: true;
      version: string;
      status: string;
      notice: string;
      problems: FieldProblem[];
      todo: string[];
      /** Each item's place in the file now (`new` for an empty new one, not written) and its buttons, by `section.index`. */
      items: Record<string, { origin: string; actions: string }>;
    }
  /** The items are numbered otherwise in the file than in the form: the page is loaded again, as after a plain post. */
  | { saved: true; reload: string }
  | { saved: false; problems: FieldProblem[]; todo: string[]; conflict?: string; refused?: { title: string; message: string } };

/** Pure: the answer to a save that was written; `model` is what was posted. */
export function savedAnswer(model: EditorModel, draft: IssueDraft, notice: string): SaveAnswer {
  const items: Record<string, { origin: string; actions: string }> = {};
  for (const section of ITEM_SECTIONS) {
    const posted = model.sections[section];
    // As editIssueText writes them: the items kept in their order, then the new ones; a new item left empty is none.
    const order = [...posted.filter((item) => item.origin !== undefined), ...posted.filter((item) => item.origin === undefined && writtenItem(item))];
    const now = posted.map((item) => ({ ...item, origin: writtenItem(item) ? order.indexOf(item) : undefined }));
    if (now.some((item, index) => item.origin !== undefined && item.origin !== index)) return { saved: true, reload: `/issues/${draft.id}` };
    now.forEach((item, index) => {
      items[`${section}.${index}`] = { origin: item.origin === undefined ? 'new' : String(item.origin), actions: itemActions(section, now, index) };
    });
  }
  return { saved: true, version: draft.version, status: draft.status ?? '', notice, problems: draft.problems, todo: draft.todo, items };
}

/** Pure: the answer to a save refused because the file changed on disk since the form was opened (`draft` is the file as it is now). */
export function conflictAnswer(draft: IssueDraft, message: string): SaveAnswer {
  return { saved: false, conflict: conflictBox(draft.id, message), problems: [], todo: draft.todo };
}
