// Rate-limit fidelity: `snippet send --rate 20/second` to 200 recipients
// against an SMTP server on loopback that notes when each message arrives,
// by its own clock.
// Run after `npm run build`: node bench/rate-fidelity.mjs [--quick]
import { SMTPServer } from 'smtp-server';
import { benchWorkspace, expectSuccess, isMain, ISSUE, printRows, round, runCli, UNSUBSCRIBE_SECRET } from './support.mjs';

const PER_SECOND = 20;
const GOAL_TIME = 1.05;

export async function run({ quick = false } = {}) {
  const recipients = quick ? 60 : 200;
  const connections = 3;
  const arrivals = [];
  const server = new SMTPServer({
    secure: false,
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, _session, callback) {
      stream.on('data', () => {});
      stream.on('end', () => {
        arrivals.push(Date.now());
        callback();
      });
    },
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const ws = await benchWorkspace({ members: recipients, sending: `rate: []\n  connections: ${connections}` });
  try {
    const env = { SNIPPET_SMTP_URL: `smtp://127.0.0.1:${server.server.address().port}`, SNIPPET_UNSUBSCRIBE_SECRET: UNSUBSCRIBE_SECRET };
    expectSuccess(await runCli(['send', ISSUE, '--yes', '--early', '--rate', `${PER_SECOND}/second`], { cwd: ws.dir, env }), 'snippet send');
    if (arrivals.length !== recipients) throw new Error(`the server received ${arrivals.length} of ${recipients} messages`);
    arrivals.sort((a, b) => a - b);
    const busiest = busiestSecond(arrivals);
    const span = arrivals.at(-1) - arrivals[0];
    const minimum = (recipients / PER_SECOND - 1) * 1000;
    const ratio = span / minimum;
    return {
      name: 'rate-limit fidelity',
      rows: [
        {
          name: `most messages in any 1 s window, --rate ${PER_SECOND}/second`,
          measured: String(busiest),
          baseline: `the limit, ${PER_SECOND}`,
          ratio: round(busiest / PER_SECOND),
          goal: `≤ ${PER_SECOND} messages`,
          met: busiest <= PER_SECOND,
        },
        {
          name: `time for ${recipients} messages vs the minimum`,
          measured: `${round(span / 1000)} s`,
          baseline: `minimum ${round(minimum / 1000)} s`,
          ratio: round(ratio),
          goal: `≤ ${GOAL_TIME}`,
          met: ratio <= GOAL_TIME,
        },
      ],
      notes: [
        `${recipients} recipients over ${connections} connections to smtp-server on 127.0.0.1, which stamps each message when its data ends. The busiest window is the most arrivals within any 1,000 ms (sliding, from each arrival); the time is first to last arrival, and its minimum is (${recipients} / ${PER_SECOND} − 1) s: ${PER_SECOND} at once, then ${PER_SECOND} more each second.`,
      ],
    };
  } finally {
    await ws.remove();
    await new Promise((resolve) => server.close(resolve));
  }
}

/** The most arrivals in any window [t, t + 1000 ms), t an arrival; `times` sorted. */
function busiestSecond(times) {
  let most = 0;
  let end = 0;
  for (let start = 0; start < times.length; start++) {
    while (end < times.length && times[end] < times[start] + 1000) end++;
    most = Math.max(most, end - start);
  }
  return most;
}

if (isMain(import.meta)) printRows(await run({ quick: process.argv.includes('--quick') }));
