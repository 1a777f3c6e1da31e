import { readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CONFIG_FILE } from '../config/config.js';
import { hasErrors, SnippetError, sortProblems } from '../errors.js';
import { replaceFolder } from '../fs/replace-folder.js';
import type { Issue, IssueId } from '../issue/issue.js';
import { issueFile } from '../issue/issue-id.js';
import { parseIssue } from '../issue/parse-issue.js';
import { ORGANISATIONS_FILE } from '../organisations/organisation.js';
import { buildIssueView } from '../render/build-issue-view.js';
import { buildSite } from '../site/build-site.js';
import { publishedIssues } from '../site/published-issues.js';
import type { SiteInput } from '../site/site-input.js';
import { loadConfigAndOrganisations } from '../workspace/load-workspace.js';
import { readIssueFiles, readText } from '../workspace/read-workspace-files.js';
import type { Output } from '../output.js';

export interface SiteOptions {
  dir: string;
  /** Default `<dir>/out/site`. */
  out: string | undefined;
  /** Decides which issues are published (their send time has passed) and which meetings are to come. */
  now: Date;
}

export interface SiteResult {
  outDir: string;
  issues: IssueId[];
  services: number;
  files: number;
}

/**
 * `snippet site`: the static website, built from the config, the
 * organisations and the published issues only. The mailing list is never
 * read. The whole folder is replaced at once, or not at all.
 */
export async function siteCommand(options: SiteOptions, out: Output): Promise<SiteResult> {
  // Only what the site is made from: the mailing list and the suppressions are never read.
  const read = (file: string): Promise<string | undefined> => readText(join(options.dir, file), file);
  const issueFiles = await readIssueFiles(options.dir);
  const [configText, organisationsText] = await Promise.all([read(CONFIG_FILE), read(ORGANISATIONS_FILE)]);
  const { config, organisations, problems } = loadConfigAndOrganisations(configText, organisationsText);
  if (config && !config.site) {
    problems.push({
      severity: 'error',
      file: CONFIG_FILE,
      message: 'the website needs its address: add `site:` with `url:`',
      hint: 'e.g.\n  site:\n    url: https://example.org/snippet/\nFeeds, shared links and the sitemap need the full address.',
    });
  }

  const issues: Issue[] = [];
  for (const { id, text } of issueFiles) {
    const parsed = text === undefined ? undefined : parseIssue(text, issueFile(id), id);
    if (parsed?.issue && !hasErrors(parsed.problems)) issues.push(parsed.issue);
    else
      problems.push({
        severity: 'warning',
        file: issueFile(id),
        message: 'the file has errors, so it is left out of the website',
        hint: `\`snippet check ${id}\` lists them.`,
      });
  }
  if (hasErrors(problems) || !config?.site) {
    throw new SnippetError('the website was not built', {
      problems: sortProblems(problems),
      hint: 'Fix the errors and run `snippet site` again; the site already published is unchanged.',
    });
  }
  out.problems(sortProblems(problems));

  const { published, leftOut } = publishedIssues(issues, options.now, config.timeZone, config.schedule);
  const input: SiteInput = {
    network: config.network,
    footer: config.footer,
    language: config.language,
    timeZone: config.timeZone,
    site: config.site,
    unsubscribeMailto: config.unsubscribe.mailto,
    networkAddress: config.from.address,
    meetings: config.meetings,
    defaultEventLengthMs: config.meetingsDefaultLengthMs,
    areas: config.areas,
    synonyms: config.directory.synonyms,
    organisations: organisations.filter((organisation) => organisation.directory !== false),
    now: options.now,
    issues: published.map(({ issue, sendAt }) => ({
      id: issue.id,
      sendAt,
      issue,
      // Warnings about a sent issue (a deadline since passed) were the coordinator's to see before sending.
      view: buildIssueView({ issue, config, organisations, sendAt }).view,
    })),
  };
  const site = buildSite(input, { minisearch: await readMiniSearch() });

  const outDir = options.out ?? join(options.dir, 'out', 'site');
  const shown = relative(process.cwd(), outDir) || '.';
  await replaceFolder(outDir, site, { shown, marker: 'Made by `snippet site`, which replaces this whole folder on every build.\n' });

  out.info(
    `Built the website into ${shown}/: ${count(input.issues.length, 'issue')}, ${count(input.organisations.length, 'service')}, ${count(site.length, 'file')}.`,
  );
  for (const reason of ['draft', 'not yet sent', 'archive: false'] as const) {
    const ids = leftOut.filter((entry) => entry.reason === reason).map((entry) => entry.issue.id);
    if (ids.length > 0) out.info(`  left out (${reason}): ${ids.join(', ')}`);
  }
  out.info(`Upload the whole folder to ${config.site.url} (docs/website.md has recipes).`);
  return { outDir, issues: input.issues.map((issue) => issue.id), services: input.organisations.length, files: site.length };
}

/** MiniSearch's browser build, served by the site itself; its licence asks for the notice to travel with it. */
async function readMiniSearch(): Promise<string> {
  const entry = fileURLToPath(import.meta.resolve('minisearch'));
  const umd = join(entry, '../../umd/index.js');
  const licence = join(entry, '../../../LICENSE.txt');
  const [code, notice] = await Promise.all([readFile(umd, 'utf8'), readFile(licence, 'utf8').catch(() => 'MiniSearch, MIT licence, copyright Luca Ongaro.')]);
  return `/*! MiniSearch (https://lucaong.github.io/minisearch/)\n${notice.trim()}\n*/\n${code}`;
}

function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}
