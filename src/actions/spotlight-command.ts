import { ORGANISATIONS_FILE } from '../organisations/organisation.js';
import { lastFeatured } from '../organisations/pick-spotlight.js';
import { spotlightQueue } from '../organisations/spotlight-queue.js';
import { SnippetError, sortProblems } from '../errors.js';
import { loadWorkspace } from '../workspace/load-workspace.js';
import { readWorkspaceFiles } from '../workspace/read-workspace-files.js';
import { spotlightHistory } from '../organisations/spotlight-history.js';
import type { Output } from '../output.js';
import { monthAfterLatest, warnUncountedSpotlights } from '../workspace/rotation-context.js';

export interface SpotlightOptions {
  dir: string;
  /** How many upcoming months to project. */
  months: number;
  json: boolean;
  now: Date;
}

/** What `snippet spotlight --json` prints. */
export interface SpotlightReport {
  /** Every issue's spotlight, oldest first; `name` is null for an organisation no longer in the file. */
  history: Array<{ month: string; organisation: string; name: string | null }>;
  /** The rotation's picks from the month after the latest issue on. */
  next: Array<{ month: string; organisation: string; name: string; lastFeatured: string | null }>;
  neverFeatured: Array<{ organisation: string; name: string }>;
  /** `spotlight: false`. */
  outOfRotation: Array<{ organisation: string; name: string }>;
}

/** `snippet spotlight`: who was featured when, who is next, and who is still waiting. */
export async function spotlightCommand(options: SpotlightOptions, out: Output): Promise<SpotlightReport> {
  const workspace = loadWorkspace(await readWorkspaceFiles(options.dir));
  const blocking = workspace.problems.filter((p) => p.severity === 'error' && p.file === ORGANISATIONS_FILE);
  if (blocking.length > 0) {
    throw new SnippetError('contacts/organisations.yaml must be right to show the rotation', { problems: sortProblems(blocking) });
  }
  warnUncountedSpotlights(workspace.issues, out);

  const { organisations } = workspace;
  const byId = new Map(organisations.map((o) => [o.id, o]));
  const history = spotlightHistory(workspace.issues);
  // The config is optional here: without one, its documented default zone applies.
  const from = monthAfterLatest(workspace.issues, options.now, workspace.config?.timeZone ?? 'Europe/London');
  const featured = lastFeatured(history, from);
  const report: SpotlightReport = {
    history: history.map((f) => ({ month: f.month, organisation: f.organisation, name: byId.get(f.organisation)?.name ?? null })),
    next: spotlightQueue(organisations, history, from, options.months).map((pick) => ({
      month: pick.month,
      organisation: pick.organisation.id,
      name: pick.organisation.name,
      lastFeatured: pick.lastFeatured ?? null,
    })),
    neverFeatured: organisations.filter((o) => o.spotlight && !featured.has(o.id)).map((o) => ({ organisation: o.id, name: o.name })),
    outOfRotation: organisations.filter((o) => !o.spotlight).map((o) => ({ organisation: o.id, name: o.name })),
  };

  if (options.json) {
    out.info(JSON.stringify(report, null, 2));
    return report;
  }
  out.info(`Featured (${report.history.length}):`);
  if (report.history.length === 0) out.info('  nobody yet');
  for (const f of report.history) out.info(`  ${f.month}  ${f.name ?? `${f.organisation} (no longer in ${ORGANISATIONS_FILE})`}`);
  out.info('');
  out.info(`Next ${report.next.length === 1 ? 'month' : `${report.next.length} months`}:`);
  if (report.next.length === 0) out.info('  nobody: every organisation has left the rotation (spotlight: false)');
  for (const n of report.next) out.info(`  ${n.month}  ${n.name} (${n.lastFeatured === null ? 'never featured' : `last featured ${n.lastFeatured}`})`);
  out.info('');
  out.info(`Never featured (${report.neverFeatured.length}):`);
  for (const o of report.neverFeatured) out.info(`  ${o.name} (${o.organisation})`);
  if (report.outOfRotation.length > 0) {
    out.info('');
    out.info('Out of the rotation (spotlight: false):');
    for (const o of report.outOfRotation) out.info(`  ${o.name} (${o.organisation})`);
  }
  return report;
}
