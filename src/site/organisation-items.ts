import type { SiteIssue } from './site-input.js';
import { uniqueSlugs } from './slug.js';

export interface OrganisationItem {
  title: string;
  url: string | undefined;
  /** "Training", "News", "Research", "Funding" or "Service spotlight". */
  label: string;
  issue: SiteIssue;
  /** The item's anchor on the issue's page, e.g. `#training-trauma-informed-practice`. */
  anchor: string;
}

const LABELS = { research: 'Research', training: 'Training', funding: 'Funding', news: 'News' } as const;

/**
 * What published issues said about each organisation (its items and its
 * spotlights), newest issue first: one pass over the issues for the whole
 * site, not one per organisation. An organisation they never named has none.
 */
export function organisationItems(issues: readonly SiteIssue[]): (organisationId: string) => readonly OrganisationItem[] {
  const found = new Map<string, OrganisationItem[]>();
  const add = (organisationId: string, item: OrganisationItem): void => {
    const list = found.get(organisationId);
    if (list === undefined) found.set(organisationId, [item]);
    else list.push(item);
  };
  for (const issue of issues) {
    if (issue.issue.spotlight !== undefined && issue.view.spotlight) {
      add(issue.issue.spotlight, { title: issue.view.subject, url: undefined, label: 'Service spotlight', issue, anchor: '#spotlight' });
    }
    // The anchors the issue page gives its items: the section, then the title, unique within the page.
    const anchorOf = uniqueSlugs();
    for (const section of ['research', 'training', 'funding', 'news'] as const) {
      for (const item of issue.issue[section]) {
        const anchor = anchorOf(`${section} ${item.title}`);
        if (item.organisation !== undefined) add(item.organisation, { title: item.title, url: item.url, label: LABELS[section], issue, anchor: `#${anchor}` });
      }
    }
  }
  return (organisationId) => found.get(organisationId) ?? [];
}
