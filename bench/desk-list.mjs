// The desk's list of issues (listIssues, in process, as the desk calls it:
// its parses kept between calls) over two years of issues, 22 of them sent,
// against `snippet status` of one of them (in process too, parsing afresh as
// the command does). A row of bench/desk.mjs; alone after `npm run build`:
// node bench/desk-list.mjs [--quick]
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { benchWorkspace, isMain, median, printRows, round } from './support.mjs';

const MONTHS = 24;
const SENT = 22;
const MEMBERS = 200;
/**
 * The list of 24 issues may take the time of this many `snippet status` of
 * one issue: it reads and parses the workspace once, as status does (it took
 * 28 when it asked for each issue's status in turn, each reading the whole
 * workspace again).
 */
const GOAL_RATIO = 2;

/** A row for bench/desk.mjs's table, or printed alone. */
export async function listRow({ quick = false } = {}) {
  const runs = quick ? 5 : 20;
  const ws = await benchWorkspace({ members: MEMBERS });
  try {
    const ids = await twoYearsOfIssues(ws.dir);
    const { listIssues } = await import('../dist/actions/list-issues.js');
    const { statusCommand } = await import('../dist/actions/status-command.js');
    const quiet = { info: () => {}, warn: () => {}, problems: () => {}, status: () => {}, interactive: false };
    const lists = [];
    const statuses = [];
    // One warm-up, then interleaved so that noise hits both alike.
    for (let i = 0; i <= runs; i++) {
      let started = process.hrtime.bigint();
      const list = await listIssues(ws.dir);
      const listMs = Number(process.hrtime.bigint() - started) / 1e6;
      if (list.length !== MONTHS) throw new Error(`the list has ${list.length} issues, not ${MONTHS}`);
      if (list.filter((summary) => summary.delivery?.delivered === MEMBERS).length !== SENT) throw new Error(`the list does not show ${SENT} issues sent`);
      started = process.hrtime.bigint();
      await statusCommand({ dir: ws.dir, issue: ids[0], json: true }, quiet);
      const statusMs = Number(process.hrtime.bigint() - started) / 1e6;
      if (i > 0) {
        lists.push(listMs);
        statuses.push(statusMs);
      }
    }
    const list = median(lists);
    const status = median(statuses);
    return {
      name: `desk: list of ${MONTHS} issues (${SENT} sent to ${MEMBERS} members), in process, median of ${runs}`,
      measured: `${round(list)} ms`,
      baseline: `snippet status of one ${round(status)} ms`,
      ratio: round(list / status),
      goal: `≤ ${GOAL_RATIO}`,
      met: list / status <= GOAL_RATIO,
    };
  } finally {
    await ws.remove();
  }
}

/** Issues for 2025-01 to 2026-12 (copies of the sample's December), each but the last two with a ledger of a finished send. */
async function twoYearsOfIssues(dir) {
  const december = await readFile(join(dir, 'issues/2026-12.md'), 'utf8');
  const members = (await readFile(join(dir, 'contacts/members.csv'), 'utf8'))
    .split('\n')
    .slice(1)
    .filter(Boolean)
    .map((row) => row.split(',')[0]);
  await mkdir(join(dir, '.snippet/ledger'), { recursive: true });
  const ids = [];
  for (let i = 0; i < MONTHS; i++) {
    const year = 2025 + Math.floor(i / 12);
    const month = String((i % 12) + 1).padStart(2, '0');
    const id = `${year}-${month}`;
    ids.push(id);
    const text = december.replace(/^subject: .*$/mu, `subject: GGC PMHN snippet — ${id}`).replace(/^send_at: .*$/mu, `send_at: ${id}-01T09:00`);
    await writeFile(join(dir, `issues/${id}.md`), text);
    if (i >= SENT) continue;
    const at = `${id}-01T09:00:00.000Z`;
    const events = [{ type: 'run', at, pid: 1, mode: 'list', transport: 'smtp', recipients: members.length }];
    for (const [n, to] of members.entries()) {
      events.push({ type: 'attempt', at, to, messageId: `<${id}.${n}@bench.invalid>` });
      events.push({ type: 'delivered', at, to, response: '250 2.0.0 Ok: queued' });
    }
    await writeFile(join(dir, `.snippet/ledger/${id}.jsonl`), `${events.map((e) => JSON.stringify(e)).join('\n')}\n`);
  }
  return ids;
}

if (isMain(import.meta)) printRows({ name: 'desk-list', rows: [await listRow({ quick: process.argv.includes('--quick') })], notes: [] });
