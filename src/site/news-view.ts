import type { NewsItem } from '../issue/issue.js';
import type { Organisation } from '../organisations/organisation.js';
import { htmlToText, markdownToHtml } from '../render/markdown.js';
import type { NewsView } from './site-input.js';

/** News from members as the page shows it: Markdown made safe once; `submitted_by` never comes along. */
export function newsView(news: readonly NewsItem[], organisations: readonly Organisation[]): NewsView[] {
  const names = new Map(organisations.map((organisation) => [organisation.id, organisation.name]));
  return news.map((item) => {
    const summaryHtml = item.summary === undefined || item.summary.trim() === '' ? undefined : markdownToHtml(item.summary);
    return {
      title: item.title,
      url: item.url ?? null,
      summary: summaryHtml === undefined ? null : { html: summaryHtml, text: htmlToText(summaryHtml) },
      organisationName: item.organisation === undefined ? null : (names.get(item.organisation) ?? null),
    };
  });
}
