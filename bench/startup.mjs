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
      otherRows.push(timeRow(`snippet --help on Node ${version} (compile cache)`, otherHelp, ['node -e 0', otherNode], GOAL_HELP));
    }
    return {
      name: 'start-up',
      rows: [
        timeRow('snippet --help', help, ['node -e 0', node], GOAL_HELP),
        timeRow('floor: node importing commander only', floor, ['node -e 0', node]),
        ...otherRows,
        timeRow('snippet check (sample workspace)', check, ['node -e 0', node]),
        timeRow('snippet check vs node importing mjml only', check, ['mjml import', mjml]),
      ],
      notes: [
        `Wall time from spawn to exit, medians of ${runs} runs each after one warm-up, interleaved; \`check\` reads, validates and renders the sample issue with MJML; its floor is loading MJML at all (node importing mjml and nothing else). \`snippet\` is the bundled entry, dist/bin/snippet.js.`,
      ],
    };
  } finally {
    await ws.remove();
  }
}

/** A row of wall times in ms against a baseline's; held to `goal` (the ratio at most) when one is given, else only reported. */
function timeRow(name, ms, [baselineName, baselineMs], goal) {
  return {
    name,
    measured: `${round(ms)} ms`,
    baseline: `${baselineName} ${round(baselineMs)} ms`,
    ratio: round(ms / baselineMs),
    goal: goal === undefined ? '(reported)' : `≤ ${goal}`,
    met: goal === undefined ? undefined : ms / baselineMs <= goal,
  };
}

if (isMain(import.meta)) printRows(await run({ quick: process.argv.includes('--quick') }));
