// Send throughput: `snippet send` into Postfix's smtp-sink on loopback,
// measured whole-process (spawn to exit: start-up, reading the workspace,
// rendering, the ledger and the sending), at 1 and at 3 connections, against
// smtp-source (the physical limit: a C client sending messages of the same
// size over the same number of connections to the same sink) and against
// plain nodemailer, pooled, one sendMail per message (the naive way). Beside
// them, the floor under snippet's promise (bench/promise-floor.mjs): a bare
// client that does only what "nothing lost, nothing twice" requires, so that
// what the promise costs on this machine and what snippet adds to it are
// two figures, not one.
// Run after `npm run build`: node bench/send-throughput.mjs [--quick]
import nodemailer from 'nodemailer';
import { postfixTools, runSource, startSink } from './postfix-tools.mjs';
import { floorSend } from './promise-floor.mjs';
import { benchWorkspace, expectSuccess, freePort, isMain, ISSUE, median, printRows, round, runCli, UNSUBSCRIBE_SECRET } from './support.mjs';

const GOAL_VS_SOURCE = 0.6;
const GOAL_VS_NAIVE = 2;
const CONNECTIONS = [1, 3];

export async function run({ quick = false } = {}) {
  // 20,000: over fewer, smtp-source is done in about a second, less than snippet's start-up alone.
  const recipients = quick ? 1_000 : 20_000;
  const runs = quick ? 1 : 3;
  const name = `send throughput, ${recipients.toLocaleString('en-GB')} recipients, ${CONNECTIONS.join(' and ')} connections`;
  const tools = await postfixTools();
  if (tools.skip)
    return {
      name,
      rows: CONNECTIONS.flatMap((c) => [
        { name: `send vs smtp-source, ${c} connection${c === 1 ? '' : 's'}`, skipped: tools.skip },
        { name: `send vs nodemailer sendMail, ${c} connection${c === 1 ? '' : 's'}`, skipped: tools.skip },
        { name: `the promise's floor vs smtp-source, ${c} connection${c === 1 ? '' : 's'}`, skipped: tools.skip },
      ]),
    };

  const port = await freePort();
  const sink = await startSink(tools, port);
  const ws = await benchWorkspace({ members: recipients, sending: 'rate: []\n  connections: 3' });
  try {
    const issue = await loadIssue(ws.dir);
    const raw = issue.build({ email: 'member000001@example.org', name: 'Member 1' }).raw;
    const bytes = raw.length;
    const env = { SNIPPET_SMTP_URL: `smtp://127.0.0.1:${port}`, SNIPPET_UNSUBSCRIBE_SECRET: UNSUBSCRIBE_SECRET };
    const rows = [];
    // Start-up on its own: the same command with --dry-run (spawn, reading the workspace and the
    // ledger, rendering, the plan) sends nothing; what a send takes beyond it is the sending.
    const startups = [];
    for (let i = 0; i < runs; i++) startups.push(await timeDryRun(ws.dir, env));
    const startup = median(startups);
    rows.push({ name: 'send start-up (the same send with --dry-run: spawn, read, render, plan)', measured: `${round(startup)} ms`, goal: 'none, shown apart' });
    for (const connections of CONNECTIONS) {
      const rates = { source: [], snippet: [], naive: [], bare: [], floor: [] };
      // Interleaved, so that a noisy neighbour slows all three alike.
      for (let i = 0; i < runs; i++) {
        rates.source.push(recipients / ((await runSource(tools, { port, sessions: connections, messages: recipients, bytes })) / 1000));
        await ws.resetState();
        rates.snippet.push(recipients / ((await timeSend(ws.dir, env, connections)) / 1000));
        rates.naive.push(recipients / ((await naiveSend(issue, { port, connections, recipients })) / 1000));
        rates.bare.push(recipients / ((await floorSend({ port, connections, messages: recipients, raw, durable: false })) / 1000));
        rates.floor.push(recipients / ((await floorSend({ port, connections, messages: recipients, raw, durable: true })) / 1000));
      }
      const snippet = median(rates.snippet);
      const source = median(rates.source);
      const naive = median(rates.naive);
      const vsSource = snippet / source;
      const vsNaive = snippet / naive;
      const bare = median(rates.bare);
      const floor = median(rates.floor);
      const ceiling = recipients / (recipients / floor + startup / 1000);
      const over = `${connections} connection${connections === 1 ? '' : 's'}`;
      rows.push(
        {
          name: `send vs smtp-source, ${over} (msg/s)`,
          measured: `${round(snippet)} msg/s`,
          baseline: `smtp-source ${round(source)} msg/s`,
          ratio: round(vsSource),
          goal: `≥ ${GOAL_VS_SOURCE}`,
          met: vsSource >= GOAL_VS_SOURCE,
        },
        {
          name: `send vs nodemailer sendMail, pooled, ${over}`,
          measured: `${round(snippet)} msg/s`,
          baseline: `nodemailer ${round(naive)} msg/s`,
          ratio: round(vsNaive),
          goal: `≥ ${GOAL_VS_NAIVE}`,
          met: vsNaive >= GOAL_VS_NAIVE,
        },
        {
          name: `a bare Node client (PIPELINING, no ledger) vs smtp-source, ${over}`,
          measured: `${round(bare)} msg/s`,
          baseline: `smtp-source ${round(source)} msg/s`,
          ratio: round(bare / source),
          goal: 'none, context',
        },
        {
          name: `the promise's floor (that client, each attempt fdatasync'd before its data) vs smtp-source, ${over}`,
          measured: `${round(floor)} msg/s`,
          baseline: `smtp-source ${round(source)} msg/s`,
          ratio: round(floor / source),
          goal: 'none, context',
        },
        {
          name: `the promise's floor with snippet's start-up added (the most a whole-process send keeping the promise could reach) vs smtp-source, ${over}`,
          measured: `${round(ceiling)} msg/s`,
          baseline: `smtp-source ${round(source)} msg/s`,
          ratio: round(ceiling / source),
          goal: 'none, context',
        },
        {
          name: `send (whole process) vs the promise's floor, ${over}`,
          measured: `${round(snippet)} msg/s`,
          baseline: `floor ${round(floor)} msg/s`,
          ratio: round(snippet / floor),
          goal: 'none, context',
        },
      );
    }
    return {
      name,
      rows,
      notes: [
        `Messages of ${bytes.toLocaleString('en-GB')} bytes to ${recipients.toLocaleString('en-GB')} recipients; medians of ${runs} run${runs === 1 ? '' : 's'} each, interleaved; smtp-sink on 127.0.0.1. snippet's rate is recipients over its whole process, from spawn to exit (start-up, reading and rendering the issue, and every attempt and outcome fdatasync'd to a fresh ledger); its start-up is shown on its own line; smtp-source's is over its whole run (-d: connections kept open); nodemailer's from the first sendMail to the last reply, in a process that has already rendered the issue.`,
        `The promise's floor (bench/promise-floor.mjs) sends one fixed message of the same size, with no start-up and no rendering, over PIPELINING as snippet does; with each message it fdatasyncs the previous outcome and this attempt through snippet's own ledger (shared by the connections, group commit) before any byte of the data: the least any send keeping "nothing lost, nothing twice" must wait for. The bare client is the same without the ledger: what Node itself costs against smtp-source.`,
      ],
    };
  } finally {
    await ws.remove();
    await sink.stop();
  }
}

/** The issue rendered once, as snippet renders it, with snippet's message builder and personalisation. */
async function loadIssue(dir) {
  const { prepareIssue, requireRendered } = await import('../dist/actions/prepare-issue.js');
  const { prepareMessageBuilder } = await import('../dist/mail/message-builder.js');
  const { personalise } = await import('../dist/render/personalise.js');
  const { unsubscribeUrl } = await import('../dist/mail/unsubscribe-token.js');
  const { config, rendered } = requireRendered(await prepareIssue(dir, ISSUE));
  const build = prepareMessageBuilder({ config, issueId: ISSUE, rendered, test: false, unsubscribeSecret: UNSUBSCRIBE_SECRET, now: () => new Date() });
  return { config, rendered, build, personalise, unsubscribeUrl };
}

/** Wall time of the built CLI's `send --dry-run`, from spawn to exit: everything but the sending. */
async function timeDryRun(dir, env) {
  const result = expectSuccess(await runCli(['send', ISSUE, '--yes', '--early', '--dry-run'], { cwd: dir, env }), 'snippet send --dry-run');
  return result.ms;
}

/** Wall time of the built CLI's whole `send`, from spawn to exit. */
async function timeSend(dir, env, connections) {
  const result = expectSuccess(await runCli(['send', ISSUE, '--yes', '--early', '--connections', String(connections)], { cwd: dir, env }), 'snippet send');
  if (!/delivered/u.test(result.stdout)) throw new Error(`snippet send did not report its sending:\n${result.stdout}`);
  return result.ms;
}

/**
 * The naive way: nodemailer's pooled transport and one sendMail per
 * recipient, each message composed by nodemailer from the personalised HTML
 * and text, all handed to the pool at once. No ledger.
 */
async function naiveSend(issue, { port, connections, recipients }) {
  const { config, rendered, personalise, unsubscribeUrl } = issue;
  const transport = nodemailer.createTransport({
    host: '127.0.0.1',
    port,
    secure: false,
    ignoreTLS: true,
    pool: true,
    maxConnections: connections,
    maxMessages: Infinity,
  });
  const from = { name: config.from.name, address: config.from.address };
  const started = process.hrtime.bigint();
  try {
    await Promise.all(
      Array.from({ length: recipients }, (_, i) => {
        const email = `member${String(i + 1).padStart(6, '0')}@example.org`;
        const link = unsubscribeUrl(config.unsubscribe.url, UNSUBSCRIBE_SECRET, email);
        const parts = personalise(rendered, { email, name: `Member ${i + 1}`, unsubscribeUrl: link });
        return transport.sendMail({
          from,
          to: { name: `Member ${i + 1}`, address: email },
          subject: rendered.subject,
          text: parts.text,
          html: parts.html,
          list: { unsubscribe: [link, `mailto:${config.unsubscribe.mailto}`] },
        });
      }),
    );
    return Number(process.hrtime.bigint() - started) / 1e6;
  } finally {
    transport.close();
  }
}

if (isMain(import.meta)) printRows(await run({ quick: process.argv.includes('--quick') }));
