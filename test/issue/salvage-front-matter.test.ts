import { describe, expect, it } from 'vitest';
import { frontMatterSchema } from '../../src/issue/issue-schema.js';
import { salvageFrontMatter } from '../../src/issue/salvage-front-matter.js';

describe('salvageFrontMatter', () => {
  it('keeps every right field and each item in its place', () => {
    const salvaged = salvageFrontMatter(
      {
        subject: 'S',
        status: 'ready',
        colour: 'blue',
        research: [{ url: 'https://example.org/r' }, 'not an item'],
        training: [{ title: 'T', url: 'https://example.org/t', date: '9 Dec 2026', location: 'Glasgow' }],
        funding: [
          { title: 'F', url: 'nope', deadline: 'next year' },
          { title: 'G', url: 'https://example.org/g', deadline: '2026-11-10' },
        ],
      },
      frontMatterSchema,
    );
    expect(salvaged).toMatchObject({
      subject: 'S',
      status: 'draft',
      research: [{ title: '(untitled)', url: 'https://example.org/r' }, { title: '(untitled)' }],
      training: [{ title: 'T', location: 'Glasgow' }],
      funding: [
        { title: 'F', deadline: '9999-12-31' },
        { title: 'G', deadline: '2026-11-10' },
      ],
    });
    expect(salvaged?.training[0]).not.toHaveProperty('date');
    expect(salvaged).not.toHaveProperty('colour');
  });

  it('stands in for a missing subject and drops a section that is not a list', () => {
    expect(salvageFrontMatter({ research: 'papers' }, frontMatterSchema)).toMatchObject({ subject: '(no subject)', research: [] });
  });
});
