import type { IncomingMessage } from 'node:http';
import { contactsResubscribeCommand } from '../actions/contacts-resubscribe-command.js';
import { contactsUnsubscribeCommand } from '../actions/contacts-unsubscribe-command.js';
import { findMembers } from '../actions/find-members.js';
import { isSnippetError } from '../errors.js';
import { currentUserName } from '../fs/current-user-name.js';
import { collectOutput } from './collect-output.js';
import { htmlAnswer, type DeskAnswer } from './desk-answer.js';
import { errorWords } from './error-words.js';
import { membersImportPage, membersPage } from './members-page.js';
import { MEMBERS_UPLOAD_LIMIT, type MembersUploads } from './members-upload.js';
import { BodyTooLarge, readBody } from './read-body.js';

export interface MembersRouteContext {
  dir: string;
  now: () => Date;
  uploads: MembersUploads;
  /** What the last change said, shown once at the top of the Members page. */
  notices: Map<string, string[]>;
}

const NOTICE = 'members';
/** An address, a reason and a search: a few hundred bytes. */
const CHANGE_LIMIT = 64 * 1024;

/** `/members` and below: the same actions as `snippet contacts unsubscribe`, `resubscribe` and `import`. */
export async function membersRoute(context: MembersRouteContext, path: string, request: IncomingMessage, url: URL): Promise<DeskAnswer | undefined> {
  const post = request.method === 'POST';
  if (path === '/members' && !post) {
    const notice = context.notices.get(NOTICE) ?? [];
    context.notices.delete(NOTICE);
    const query = url.searchParams.get('q') ?? '';
    return htmlAnswer(membersPage(query, await findMembers(context.dir, query), notice));
  }
  if (!post) return undefined;
  const importing = path === '/members/import';
  let body: Buffer;
  try {
    body = await readBody(request, importing ? MEMBERS_UPLOAD_LIMIT : CHANGE_LIMIT);
  } catch (error) {
    if (!(error instanceof BodyTooLarge)) throw error;
    context.notices.set(NOTICE, [
      importing
        ? `That file is over ${MEMBERS_UPLOAD_LIMIT / 1024 / 1024} MB, too large for a list of members; nothing was imported.`
        : 'That was too much for one change (an address and a reason); nothing was changed.',
    ]);
    return { redirect: '/members' };
  }
  if (importing) return htmlAnswer(membersImportPage(await context.uploads.dryRun(context.dir, body, request.headers['content-type'] ?? '')));
  const form = new URLSearchParams(body.toString('utf8'));
  const lines: string[] = [];
  try {
    if (path === '/members/import/confirm')
      lines.push(...(await context.uploads.confirm(context.dir, form.get('upload') ?? '')).filter((l) => !l.startsWith('  ')));
    else if (path === '/members/unsubscribe')
      await contactsUnsubscribeCommand(
        { dir: context.dir, email: form.get('email') ?? '', reason: form.get('reason')?.trim() || 'unsubscribed', now: context.now(), force: false },
        collectOutput(lines),
      );
    else if (path === '/members/resubscribe')
      await contactsResubscribeCommand(
        { dir: context.dir, email: form.get('email') ?? '', reason: form.get('reason') ?? '', by: currentUserName(), now: context.now() },
        collectOutput(lines),
      );
    else return undefined;
  } catch (error) {
    if (!isSnippetError(error)) throw error;
    lines.push(`Nothing was changed. ${errorWords(error)}`);
  }
  context.notices.set(NOTICE, lines);
  const query = form.get('q');
  return { redirect: `/members${query ? `?q=${encodeURIComponent(query)}` : ''}` };
}
