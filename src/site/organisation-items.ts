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

/** What published issues said about one organisation (its items and its spotlights), newest issue first. */
export function organisationItems(issues: readonly SiteIssue[], organisationId: string): OrganisationItem[] {
  const found: OrganisationItem[] = [];
  for (const issue of issues) {
    if (issue.issue.spotlight === organisationId && issue.view.spotlight) {
      found.push({ title: issue.view.subject, url: undefined, label: 'Service spotlight', issue, anchor: '#spotlight' });
    }
    // The anchors the issue page gives its items: the section, then the title, unique within the page.
    const anchorOf = uniqueSlugs();
    for (const section of ['research', 'training', 'funding', 'news'] as const) {
      for (const item of issue.issue[section]) {
        const anchor = anchorOf(`${section} ${item.title}`);
        if (item.organisation === organisationId) found.push({ title: item.title, url: item.url, label: LABELS[section], issue, anchor: `#${anchor}` });
      }
    }
  }
  return found;
}
