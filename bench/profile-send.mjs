// Where a whole-process send spends its time: `snippet send` to generated
// members into smtp-sink under `node --cpu-prof`, then the profile's self
// time summed by file (and by function for the top files).
// Run after `npm run build`: node bench/profile-send.mjs [RECIPIENTS] [CONNECTIONS]
import { readdir, readFile, rm, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { postfixTools, startSink } from './postfix-tools.mjs';
import { benchWorkspace, CLI, expectSuccess, freePort, ISSUE, timedSpawn, UNSUBSCRIBE_SECRET } from './support.mjs';

const recipients = Number(process.argv[2] ?? 3_000);
const connections = Number(process.argv[3] ?? 1);
const tools = await postfixTools();
if (tools.skip) throw new Error(tools.skip);
const port = await freePort();
const sink = await startSink(tools, port);
const ws = await benchWorkspace({ members: recipients, sending: `rate: []\n  connections: ${connections}` });
const profiles = await mkdtemp(join(tmpdir(), 'snippet-prof-'));
try {
  const env = { PATH: process.env.PATH ?? '', HOME: ws.dir, TZ: 'UTC', SNIPPET_SMTP_URL: `smtp://127.0.0.1:${port}`, SNIPPET_UNSUBSCRIBE_SECRET: UNSUBSCRIBE_SECRET };
  const started = process.hrtime.bigint();
  let sendingAfter = Number.NaN;
  const watch = (child) =>
    child.stdout.on('data', (chunk) => {
      if (Number.isNaN(sendingAfter) && / sending /u.test(String(chunk))) sendingAfter = Number(process.hrtime.bigint() - started) / 1e6;
    });
  const result = expectSuccess(await timedSpawn(process.execPath, ['--cpu-prof', `--cpu-prof-dir=${profiles}`, CLI, 'send', ISSUE, '--yes', '--early'], { cwd: ws.dir, env, onSpawn: watch }), 'snippet send');
  console.log(`${recipients} recipients, ${connections} connection(s): ${Math.round(result.ms)} ms spawn to exit, of which ${Math.round(sendingAfter)} ms before its "sending" line (start-up, reading, rendering in the child, planning)`);
  // The sending process only (the render child's time shows as idle here).
  for (const file of await readdir(profiles)) {
    const profile = JSON.parse(await readFile(join(profiles, file), 'utf8'));
    const byId = new Map(profile.nodes.map((node) => [node.id, node]));
    const byFile = new Map();
    const byFunction = new Map();
    let total = 0;
    profile.samples.forEach((id, i) => {
      const frame = byId.get(id).callFrame;
      const ms = (profile.timeDeltas[i] ?? 0) / 1000;
      total += ms;
      const where = frame.url ? frame.url.replace(/^.*\/node_modules\//u, '').replace(/^file:\/\/.*\/(dist|src)\//u, '$1/') : `(${frame.functionName || 'native'})`;
      byFile.set(where, (byFile.get(where) ?? 0) + ms);
      const fn = `${frame.functionName || '(anonymous)'} ${where}:${frame.lineNumber + 1}`;
      byFunction.set(fn, (byFunction.get(fn) ?? 0) + ms);
    });
    console.log(`\n${file}: ${Math.round(total)} ms sampled`);
    for (const [where, ms] of [...byFile].sort((a, b) => b[1] - a[1]).slice(0, 14)) console.log(`${ms.toFixed(0).padStart(7)} ms ${((100 * ms) / total).toFixed(1).padStart(5)} %  ${where}`);
    console.log('  top functions:');
    for (const [fn, ms] of [...byFunction].sort((a, b) => b[1] - a[1]).slice(0, 12)) console.log(`${ms.toFixed(0).padStart(7)} ms ${((100 * ms) / total).toFixed(1).padStart(5)} %  ${fn}`);
  }
} finally {
  await rm(profiles, { recursive: true, force: true });
  await ws.remove();
  await sink.stop();
}
