import type { Problem } from '../errors.js';
import { isStale, type MemberHeaders, type PreviewState } from './preview-state.js';
import { previewPanels, type PreviewPanels } from './preview-panels.js';

/**
 * What the page receives on every change (over `/events`) and `/state.json`
 * returns: the state as data, plus the panels already rendered to HTML so the
 * page's script only swaps them in.
 */
export interface PreviewUpdate {
  generation: number;
  /** The generation whose email is on screen (0: none yet). */
  shown: number;
  /** True when the files have errors and the last good version is shown. */
  stale: boolean;
  issue: string | undefined;
  subject: string | undefined;
  preheader: string | undefined;
  headers: MemberHeaders | undefined;
  text: string | undefined;
  problems: Problem[];
  error: string | undefined;
  panels: PreviewPanels;
}

export function previewUpdate(state: PreviewState): PreviewUpdate {
  const message = state.good?.render.message;
  return {
    generation: state.generation,
    shown: state.good?.generation ?? 0,
    stale: isStale(state),
    issue: state.latest.issue ?? state.good?.render.issue,
    subject: message?.headers.subject,
    preheader: message?.headers.preheader,
    headers: message?.headers,
    text: message?.text,
    problems: state.latest.problems,
    error: state.latest.error,
    panels: previewPanels(state),
  };
}
