// Start-up: wall time of `snippet --help` and `snippet check` against `node -e 0`.
// Run after `npm run build`: node bench/startup.mjs [--quick]
// With SNIPPET_BENCH_NODE=/path/to/node (e.g. Node 22, which has a compile
// cache), `--help` is measured on that Node too, against its own `node -e 0`.
import { benchWorkspace, CLI, ROOT, expectSuccess, isMain, median, printRows, round, timedSpawn } from './support.mjs';

const GOAL_HELP = 1.3;

export async function run({ quick = false } = {}) {
  const runs = quick ? 5 : 15;
  const ws = await benchWorkspace({ members: 41 });
  try {
    const env = { PATH: process.env.PATH ?? '', HOME: ws.dir, TZ: 'UTC' };
    const commands = {
      node: ['-e', '0'],
      commander: ['--input-type=module', '-e', "import 'commander'"],
      mjml: ['--input-type=module', '-e', "import 'mjml'"],
      help: [CLI, '--help'],
      check: [CLI, 'check'],
    };
    const times = { node: [], commander: [], mjml: [], help: [], check: [], otherNode: [], otherHelp: [] };
    const other = process.env.SNIPPET_BENCH_NODE;
    // One warm-up each (disk cache), then interleaved so that noise hits all alike.
    for (let i = 0; i <= runs; i++) {
      for (const [key, args] of Object.entries(commands)) {
        // The floor imports commander, so it runs where node_modules is.
        const cwd = key === 'commander' || key === 'mjml' ? ROOT : ws.dir;
        const result = expectSuccess(await timedSpawn(process.execPath, args, { cwd, env }), `node ${args.join(' ')}`);
        if (i > 0) times[key].push(result.ms);
      }
      if (other) {
        for (const [key, args] of [
          ['otherNode', ['-e', '0']],
          ['otherHelp', [CLI, '--help']],
        ]) {
          const result = expectSuccess(await timedSpawn(other, args, { cwd: ws.dir, env }), `${other} ${args.join(' ')}`);
          if (i > 0) times[key].push(result.ms);
        }
      }
    }
    const node = median(times.node);
    const help = median(times.help);
    const check = median(times.check);
    const floor = median(times.commander);
    const mjml = median(times.mjml);
    const otherRows = [];
    if (other) {
      const version = (await timedSpawn(other, ['--version'], { cwd: ws.dir, env })).stdout.trim();
      const otherNode = median(times.otherNode);
      const otherHelp = median(times.otherHelp);
      otherRows.push({
        name: `snippet --help on Node ${version} (compile cache)`,
        measured: `${round(otherHelp)} ms`,
        baseline: `node -e 0 ${round(otherNode)} ms`,
        ratio: round(otherHelp / otherNode),
        goal: `≤ ${GOAL_HELP}`,
        met: otherHelp / otherNode <= GOAL_HELP,
      });
    }
    return {
      name: 'start-up',
      rows: [
        {
          name: 'snippet --help',
          measured: `${round(help)} ms`,
          baseline: `node -e 0 ${round(node)} ms`,
          ratio: round(help / node),
          goal: `≤ ${GOAL_HELP}`,
          met: help / node <= GOAL_HELP,
        },
        {
          name: 'floor: node importing commander only',
          measured: `${round(floor)} ms`,
          baseline: `node -e 0 ${round(node)} ms`,
          ratio: round(floor / node),
          goal: '(reported)',
          met: undefined,
        },
        ...otherRows,
        {
          name: 'snippet check (sample workspace)',
          measured: `${round(check)} ms`,
          baseline: `node -e 0 ${round(node)} ms`,
          ratio: round(check / node),
          goal: '(reported)',
          met: undefined,
        },
        {
          name: 'snippet check vs node importing mjml only',
          measured: `${round(check)} ms`,
          baseline: `mjml import ${round(mjml)} ms`,
          ratio: round(check / mjml),
          goal: '(reported)',
          met: undefined,
        },
      ],
      notes: [
        `Wall time from spawn to exit, medians of ${runs} runs each after one warm-up, interleaved; \`check\` reads, validates and renders the sample issue with MJML; its floor is loading MJML at all (node importing mjml and nothing else). \`snippet\` is the bundled entry, dist/bin/snippet.js.`,
      ],
    };
  } finally {
    await ws.remove();
  }
}

if (isMain(import.meta)) printRows(await run({ quick: process.argv.includes('--quick') }));
