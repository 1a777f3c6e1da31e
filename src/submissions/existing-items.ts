import { formatLocation } from '../errors.js';
import { ITEM_SECTIONS, type Issue, type SubmittedBy } from '../issue/issue.js';
import type { YamlPath } from '../schema/located-yaml.js';

/** An item already in an issue, as far as telling a duplicate needs. */
export interface ExistingItem {
  title: string;
  url?: string;
  organisation?: string;
  submittedBy?: SubmittedBy;
  /** `issues/2026-12.md:34`. */
  where: string;
}

/** Pure: every item of the issues given, with the line it starts on. */
export function existingItems(issues: ReadonlyArray<{ issue: Issue | undefined; lineOf: (path: YamlPath) => number | undefined }>): ExistingItem[] {
  return issues.flatMap(({ issue, lineOf }) =>
    issue === undefined
      ? []
      : ITEM_SECTIONS.flatMap((section) =>
          (issue[section] as ReadonlyArray<Omit<ExistingItem, 'where'>>).map((item, index) => {
            const line = lineOf([section, index]);
            return {
              title: item.title,
              ...(item.url !== undefined ? { url: item.url } : {}),
              ...(item.organisation !== undefined ? { organisation: item.organisation } : {}),
              ...(item.submittedBy !== undefined ? { submittedBy: item.submittedBy } : {}),
              where: formatLocation({ file: issue.file, ...(line !== undefined ? { line } : {}) }),
            };
          }),
        ),
  );
}
