import { HtmlValidate } from 'html-validate';
import { describe, expect, it } from 'vitest';
import { notFoundPage } from '../../src/preview/not-found-page.js';

describe("the preview server's not-found page", () => {
  it('has a title and a language, and passes html-validate (regression: neither)', async () => {
    const page = notFoundPage('The preview has no page /<nope>.');
    expect(page).toContain('<html lang="en">');
    expect(page).toContain('<title>Not found: snippet preview</title>');
    expect(page).toContain('/&lt;nope&gt;');
    const report = await new HtmlValidate({ extends: ['html-validate:recommended'] }).validateString(page, 'not-found.html');
    expect(report.results.flatMap((result) => result.messages.map((message) => `${message.ruleId}: ${message.message}`))).toEqual([]);
  });
});
