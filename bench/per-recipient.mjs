// Per-recipient cost: snippet's per-recipient work (personalise and build the
// complete MIME message from the issue rendered once) against rendering the
// issue with MJML for each recipient (the naive way).
// Run after `npm run build`: node bench/per-recipient.mjs [--quick]
import { benchWorkspace, isMain, ISSUE, median, printRows, round, UNSUBSCRIBE_SECRET } from './support.mjs';

const GOAL_RATIO = 200;

export async function run({ quick = false } = {}) {
  const recipients = quick ? 1_000 : 5_000;
  const renders = quick ? 5 : 20;
  const runs = quick ? 3 : 7;
  const { prepareIssue, requireRendered } = await import('../dist/actions/prepare-issue.js');
  const { compileTemplates } = await import('../dist/render/compile-templates.js');
  const { readTemplates } = await import('../dist/render/read-templates.js');
  const { renderIssue } = await import('../dist/render/render-issue.js');
  const { prepareMessageBuilder } = await import('../dist/mail/message-builder.js');
  const ws = await benchWorkspace({ members: 1 });
  try {
    const { issue, config, sendAt, rendered, workspace } = requireRendered(await prepareIssue(ws.dir, ISSUE));
    const templates = compileTemplates(await readTemplates(ws.dir));
    const members = Array.from({ length: recipients }, (_, i) => ({ email: `member${String(i + 1).padStart(6, '0')}@example.org`, name: `Member ${i + 1}` }));

    // snippet: everything a send does per recipient before handing the message to the mailer.
    const snippetRun = () => {
      const build = prepareMessageBuilder({ config, issueId: ISSUE, rendered, test: false, unsubscribeSecret: UNSUBSCRIBE_SECRET, now: () => new Date() });
      const started = process.hrtime.bigint();
      let bytes = 0;
      for (const member of members) bytes += build(member).raw.length;
      if (bytes === 0) throw new Error('no message built');
      return Number(process.hrtime.bigint() - started) / 1e3 / recipients;
    };
    // Naive: the whole MJML render for each recipient (timed on a sample, per recipient).
    const mjmlRun = async () => {
      const started = process.hrtime.bigint();
      for (let i = 0; i < renders; i++) await renderIssue({ issue, config, organisations: workspace.organisations, sendAt, templates });
      return Number(process.hrtime.bigint() - started) / 1e3 / renders;
    };
    snippetRun();
    await mjmlRun(); // warm-up: the first of each is slower
    const snippet = [];
    const mjml = [];
    for (let i = 0; i < runs; i++) {
      snippet.push(snippetRun());
      mjml.push(await mjmlRun());
    }
    const perRecipient = median(snippet);
    const perRender = median(mjml);
    const ratio = perRender / perRecipient;
    return {
      name: 'per-recipient cost',
      rows: [
        {
          name: `build + personalise, ${recipients.toLocaleString('en-GB')} recipients`,
          measured: `${round(perRecipient)} µs/recipient`,
          baseline: `MJML render ${round(perRender / 1000)} ms/recipient`,
          ratio: `${round(ratio)}× cheaper`,
          goal: `≥ ${GOAL_RATIO}× cheaper`,
          met: ratio >= GOAL_RATIO,
        },
      ],
      notes: [
        `In one process after a warm-up; medians of ${runs} runs: snippet's message builder (personal headers, signed unsubscribe link, quoted-printable personal values, one Buffer.concat) over ${recipients.toLocaleString('en-GB')} recipients, against renderIssue (Handlebars → MJML → HTML, plain text) timed over ${renders} renders.`,
      ],
    };
  } finally {
    await ws.remove();
  }
}

if (isMain(import.meta)) printRows(await run({ quick: process.argv.includes('--quick') }));
