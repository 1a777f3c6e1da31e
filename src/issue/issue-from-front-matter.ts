import type { Problem } from '../errors.js';
import type { YamlPath } from '../schema/located-yaml.js';
import { schemaProblems } from '../schema/schema-problems.js';
import type { FundingItem, Issue, IssueId, NewsItem, ResearchItem, TrainingItem } from './issue.js';
import { frontMatterSchema, type FrontMatter } from './issue-schema.js';
import { salvageFrontMatter } from './salvage-front-matter.js';
import { probableUrl } from '../schema/probable-url.js';

export interface IssueFromFrontMatter {
  /** Undefined when the front matter breaks the schema. */
  issue: Issue | undefined;
  /** The schema's problems, each at the line `lineOf` gives. */
  problems: Problem[];
  /** When it breaks the schema: the issue made of its right fields (salvageFrontMatter), for checking only. */
  salvaged?: Issue;
}

/**
 * Pure: front matter as fields (YAML already read) and the body in, the
 * Issue and the schema's problems out. parseIssue reads the file's text into
 * fields first; the form import checks a response's fields here directly.
 */
export function issueFromFrontMatter(
  front: Record<string, unknown>,
  body: string,
  where: { file: string; id: IssueId; lineOf: (path: YamlPath) => number | undefined },
): IssueFromFrontMatter {
  const { file, id } = where;
  const result = frontMatterSchema.safeParse(front, { reportInput: true });
  if (result.success) return { issue: toIssue(result.data, body, file, id), problems: [] };
  const salvaged = salvageFrontMatter(front, frontMatterSchema);
  return {
    issue: undefined,
    problems: schemaProblems(frontMatterSchema, result.error, file, where.lineOf, 'error', itemFieldHint),
    ...(salvaged ? { salvaged: toIssue(salvaged, body, file, id) } : {}),
  };
}

/** What to write in an item's field that is wrong or empty: the hints a typed item needs as much as an imported one. */
function itemFieldHint(path: YamlPath, input: unknown): string | undefined {
  const [section, , field] = path;
  if (path.length !== 3 || typeof section !== 'string') return undefined;
  if (field === 'deadline' && section === 'funding')
    return 'Write the closing date as YYYY-MM-DD (e.g. deadline: 2027-01-31), or "deadline: rolling" for a fund that is open all year.';
  if (field === 'deadline') return 'Write the booking deadline as YYYY-MM-DD (e.g. deadline: 2027-01-14), or delete the line if there is none.';
  if (field === 'url') {
    const guess = probableUrl(input);
    return guess ? `Probably ${guess}: write the address with https:// in front.` : "Copy the address from the browser's address bar, with https:// in front.";
  }
  if (field === 'date' || field === 'published' || field === 'end_date') return `Write the date as YYYY-MM-DD, e.g. ${field}: 2027-01-21.`;
  return undefined;
}

function toIssue(front: FrontMatter, body: string, file: string, id: IssueId): Issue {
  const base = (item: FrontMatter['research'][number]) => ({
    title: item.title,
    url: item.url,
    ...(item.summary !== undefined ? { summary: item.summary } : {}),
    ...(item.organisation !== undefined ? { organisation: item.organisation } : {}),
    ...(item.carried_from !== undefined ? { carriedFrom: item.carried_from } : {}),
    ...(item.submitted_by !== undefined ? { submittedBy: defined(item.submitted_by) } : {}),
  });
  const research: ResearchItem[] = front.research.map((item) => ({ ...base(item), ...defined({ source: item.source, published: item.published }) }));
  const training: TrainingItem[] = front.training.map((item) => ({
    ...base(item),
    ...defined({
      date: item.date,
      time: item.time,
      endDate: item.end_date,
      endTime: item.end_time,
      location: item.location,
      cost: item.cost,
      deadline: item.deadline,
    }),
  }));
  const funding: FundingItem[] = front.funding.map((item) => ({
    ...base(item),
    ...defined({ funder: item.funder, amount: item.amount }),
    deadline: item.deadline,
  }));
  const news: NewsItem[] = front.news.map((item) => ({
    title: item.title,
    ...defined({ url: item.url, summary: item.summary, organisation: item.organisation, carriedFrom: item.carried_from }),
    ...(item.submitted_by !== undefined ? { submittedBy: defined(item.submitted_by) } : {}),
  }));
  return {
    id,
    file,
    subject: front.subject,
    ...defined({
      preheader: front.preheader,
      sendAtText: front.send_at,
      lists: front.lists,
      spotlight: front.spotlight,
      spotlightNote: front.spotlight_note,
      meeting: front.meeting,
    }),
    status: front.status,
    archive: front.archive ?? true,
    research,
    training,
    funding,
    news,
    intro: body.trim(),
  };
}

/** Drops undefined fields so optional properties stay absent. */
function defined<T extends Record<string, unknown>>(fields: T): { [K in keyof T]?: Exclude<T[K], undefined> } {
  return Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined)) as never;
}
