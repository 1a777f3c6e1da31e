// `snippet site` for ten years of monthly issues and 200 organisations,
// against two baselines measured in the same run: `snippet build` of one
// issue (the everyday command), and copying the finished site's files.
// Run after `npm run build`: node bench/site-build.mjs [--quick]
import { cp, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expectSuccess, isMain, median, printRows, ROOT, round, runCli } from './support.mjs';

/**
 * The issue's promise is "a few seconds at most" for the whole site. Wall
 * time on a shared machine drifts with its load, so the goal is set against
 * the baseline: the whole site in at most three times what one issue's
 * `snippet build` takes (about a second on an idle machine).
 */
const GOAL_RATIO = 3;
/** The sample config's areas: an organisation's area must be one of the network's. */
const AREAS = ['Glasgow North', 'Glasgow South', 'East Dunbartonshire', 'East Renfrewshire', 'Inverclyde', 'Renfrewshire', 'West Dunbartonshire'];
const SERVICES = [
  'peer support',
  'counselling',
  'infant massage',
  'doula support',
  'parenting groups',
  'family support',
  'specialist perinatal care',
  'money advice',
];

export async function run({ quick = false } = {}) {
  const years = quick ? 3 : 10;
  const organisations = quick ? 60 : 200;
  const runs = quick ? 3 : 5;
  const ws = await siteBenchWorkspace({ years, organisations });
  try {
    const site = [];
    const build = [];
    const copy = [];
    const siteArgs = ['site', '--dir', ws.dir, '--out', join(ws.dir, 'out/site')];
    expectSuccess(await runCli(siteArgs, { cwd: ws.dir }), 'snippet site'); // warm-up
    const files = await countFiles(join(ws.dir, 'out/site'));
    for (let i = 0; i < runs; i++) {
      site.push(expectSuccess(await runCli(siteArgs, { cwd: ws.dir }), 'snippet site').ms);
      build.push(expectSuccess(await runCli(['build', ws.latest, '--dir', ws.dir], { cwd: ws.dir }), 'snippet build').ms);
      const copied = join(ws.dir, `copy-${i}`);
      const started = process.hrtime.bigint();
      await cp(join(ws.dir, 'out/site'), copied, { recursive: true });
      copy.push(Number(process.hrtime.bigint() - started) / 1e6);
      await rm(copied, { recursive: true, force: true });
    }
    const siteMs = median(site);
    const buildMs = median(build);
    const copyMs = median(copy);
    const label = `${years} years (${years * 12} issues), ${organisations} organisations, ${files} files`;
    return {
      name: 'site',
      rows: [
        {
          name: `snippet site, ${label}`,
          measured: `${round(siteMs)} ms`,
          baseline: `snippet build of one issue ${round(buildMs)} ms`,
          ratio: `${round(siteMs / buildMs)}×`,
          goal: `≤ ${GOAL_RATIO}× snippet build`,
          met: siteMs / buildMs <= GOAL_RATIO,
        },
        {
          name: `snippet site against copying its ${files} files`,
          measured: `${round(siteMs)} ms`,
          baseline: `cp -r ${round(copyMs)} ms`,
          ratio: `${round(siteMs / copyMs)}×`,
          goal: '—',
        },
      ],
      notes: [
        `Wall time of the built CLI, median of ${runs} runs after a warm-up, each writing and syncing every file into a new folder and swapping it in; the baselines are \`snippet build\` of one issue (MJML, in the same run) and an in-process recursive copy of the finished site (bench/site-build.mjs).`,
      ],
    };
  } finally {
    await ws.remove();
  }
}

/** The sample workspace with `years` of approved monthly issues and `organisations` generated members of the directory. */
export async function siteBenchWorkspace({ years, organisations }) {
  const dir = await mkdtemp(join(tmpdir(), 'snippet-bench-site-'));
  for (const part of ['snippet.config.yaml', 'contacts', 'templates']) await cp(join(ROOT, part), join(dir, part), { recursive: true });
  const config = await readFile(join(dir, 'snippet.config.yaml'), 'utf8');
  await writeFile(
    join(dir, 'snippet.config.yaml'),
    `${config.replace(/^site:[\s\S]*?(?=^\S|$(?![\s\S]))/mu, '')}\nsite:\n  url: https://example.org/snippet/\n  join_email: join@example.org\n`,
  );
  const ids = Array.from({ length: organisations }, (_, i) => `member-service-${i + 1}`);
  const orgs = ids.map(
    (id, i) => `  - id: ${id}
    name: Member Service ${i + 1}
    description: >-
      Support for parents in pregnancy and the first year: groups, one-to-one
      support and signposting. Generated profile number ${i + 1}.
    website: https://example.org/services/${id}
    areas: [${AREAS[i % AREAS.length]}, ${AREAS[(i + 3) % AREAS.length]}]
    services: [${SERVICES[i % SERVICES.length]}, ${SERVICES[(i + 5) % SERVICES.length]}]
    referral: Self-referral, or through a health visitor or midwife.
    contact: "0141 000 ${String(i).padStart(4, '0')}"
    reviewed: 2026-0${(i % 9) + 1}-15`,
  );
  await writeFile(join(dir, 'contacts/organisations.yaml'), `organisations:\n${orgs.join('\n')}\n`);
  await mkdir(join(dir, 'issues'));
  const months = [];
  for (let y = 0; y < years; y++) for (let m = 1; m <= 12; m++) months.push(`${2016 + y}-${String(m).padStart(2, '0')}`);
  for (const [n, id] of months.entries()) await writeFile(join(dir, 'issues', `${id}.md`), issueText(id, ids[n % ids.length]));
  return { dir, latest: months.at(-1), remove: () => rm(dir, { recursive: true, force: true }) };
}

function issueText(id, spotlight) {
  const item = (section, n) => `  - title: "${section} item ${n} of ${id}"
    url: https://example.org/${section}/${id}/${n}
    summary: >-
      A generated ${section} item with a summary of a couple of lines, as a
      coordinator writes them, with **emphasis** and a [link](https://example.org/more).`;
  return `---
subject: Snippet ${id}
status: approved
spotlight: ${spotlight}
spotlight_note: This month's news from the service in the spotlight.
research:
${[1, 2, 3].map((n) => `${item('research', n)}\n    source: Generated Journal`).join('\n')}
training:
${[1, 2].map((n) => `${item('training', n)}\n    date: ${id}-20\n    location: Online\n    cost: Free`).join('\n')}
funding:
${[1, 2].map((n) => `${item('funding', n)}\n    deadline: ${id}-25`).join('\n')}
news:
  - title: News item of ${id}
    summary: A member's news.
---
The coordinator's introduction to ${id}: a paragraph or two about the month.
`;
}

async function countFiles(folder) {
  let count = 0;
  for (const entry of await readdir(folder, { withFileTypes: true, recursive: true })) if (entry.isFile()) count += 1;
  return count;
}

if (isMain(import.meta)) printRows(await run({ quick: process.argv.includes('--quick') }));
