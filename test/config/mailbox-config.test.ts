import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/parse-config.js';
import { MINIMAL_CONFIG_YAML } from '../render/fixtures.js';

const FILE = 'snippet.config.yaml';
const base = MINIMAL_CONFIG_YAML;

describe('the mailbox settings', () => {
  it('default to no mailbox, snippet/processed, 3 issues and no reading before a send', () => {
    expect(parseConfig(base, FILE).config?.mailbox).toEqual({ urls: [], processedFolder: 'snippet/processed', softBounceIssues: 3, beforeSend: false });
  });

  it('read one address or a list, and the other keys', () => {
    const one = parseConfig(
      `${base}mailbox:\n  url: imaps://snippet@nhs.scot@outlook.office365.com/INBOX\n  soft_bounce_issues: 2\n  before_send: true\n`,
      FILE,
    );
    expect(one.problems).toEqual([]);
    expect(one.config?.mailbox).toEqual({
      urls: ['imaps://snippet@nhs.scot@outlook.office365.com/INBOX'],
      processedFolder: 'snippet/processed',
      softBounceIssues: 2,
      beforeSend: true,
    });
    const two = parseConfig(
      `${base}mailbox:\n  url:\n    - imaps://a@mail.example.org/INBOX\n    - imaps://b@mail.example.org/Unsubscribe\n  processed_folder: Reports/Done\n`,
      FILE,
    );
    expect(two.config?.mailbox.urls).toHaveLength(2);
    expect(two.config?.mailbox.processedFolder).toBe('Reports/Done');
  });

  it('points at every mistake with its line: plain imap to another computer, a password in the address, a typo', () => {
    const { problems } = parseConfig(
      `${base}mailbox:\n  url: imap://snippet@mail.example.org/INBOX\n  soft_bounce_issue: 2\n  processed_folder: INBOX\n`,
      FILE,
    );
    expect(problems.map((p) => [p.line, p.message, p.hint]).sort((a, b) => Number(a[0]) - Number(b[0]))).toEqual([
      [10, expect.stringContaining('mailbox, url: uses plain imap:// to another computer: use imaps://'), undefined],
      [11, 'mailbox: unknown field "soft_bounce_issue"', 'Did you mean "soft_bounce_issues"?'],
      [12, 'mailbox, processed_folder: must not be the inbox: reports are moved out of it', undefined],
    ]);
    const secret = parseConfig(`${base}mailbox:\n  url: imaps://snippet:hunter2@mail.example.org/INBOX\n`, FILE).problems;
    expect(secret[0]?.message).toContain('must not hold a password');
    expect(secret[0]?.message).not.toContain('hunter2');
  });
});
