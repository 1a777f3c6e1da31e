import { mkdir, mkdtemp, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { SnippetError } from '../../src/errors.js';
import { compileTemplates } from '../../src/render/compile-templates.js';
import { readTemplates, type TemplateSources } from '../../src/render/read-templates.js';
import { renderIssue } from '../../src/render/render-issue.js';
import { config, issue, organisations, SEND_AT } from './fixtures.js';

async function builtInWith(changes: Record<string, string>): Promise<TemplateSources> {
  const sources = await readTemplates('/nonexistent-workspace');
  const files = new Map(sources.files);
  for (const [file, source] of Object.entries(changes)) files.set(file, source);
  return { dir: 'templates', files };
}

function thrown(action: () => unknown): SnippetError {
  try {
    action();
  } catch (error) {
    if (error instanceof SnippetError) return error;
    throw error;
  }
  throw new Error('expected a SnippetError');
}

describe('compileTemplates', () => {
  it('names the file and line of a syntax error in a partial', async () => {
    const sources = await builtInWith({ 'partials/footer.mjml.hbs': '<mj-section>\n  <mj-column>\n    <mj-text>{{footer.endorsement</mj-text>\n' });
    const error = thrown(() => compileTemplates(sources));
    expect(error.kind).toBe('user');
    expect(error.problems).toEqual([
      expect.objectContaining({
        severity: 'error',
        file: 'templates/partials/footer.mjml.hbs',
        line: 3,
        message: expect.stringMatching(/syntax error/u),
        hint: expect.any(String),
      }),
    ]);
  });

  it('reports every broken file at once, including mismatched blocks', async () => {
    const sources = await builtInWith({
      'partials/intro.mjml.hbs': 'a\n{{#if intro}}\nb\n{{/each}}',
      'text.hbs': '{{#if}}',
    });
    const error = thrown(() => compileTemplates(sources));
    expect(error.problems.map((p) => `${p.file}:${p.line}`)).toEqual(['templates/partials/intro.mjml.hbs:2', 'templates/text.hbs:1']);
  });

  it('names the template that uses a field that does not exist', async () => {
    const templates = compileTemplates(await builtInWith({ 'partials/item.mjml.hbs': '<mj-text>\n{{titel}}\n</mj-text>' }));
    const input = { issue: issue({ research: [{ title: 'R', url: 'https://example.org' }] }), config: config(), organisations, sendAt: SEND_AT, templates };
    await expect(renderIssue(input)).rejects.toMatchObject({
      problems: [expect.objectContaining({ file: 'templates/partials/item.mjml.hbs', line: 2, message: expect.stringContaining('"titel"') })],
    });
  });

  it('turns MJML validation errors into problems pointing at the template line', async () => {
    const templates = compileTemplates(
      await builtInWith({
        'partials/intro.mjml.hbs': '<mj-section>\n  <mj-column>\n    <mj-text colour="red">{{recipient.greeting}}</mj-text>\n  </mj-column>\n</mj-section>\n',
      }),
    );
    const input = { issue: issue(), config: config(), organisations, sendAt: SEND_AT, templates };
    await expect(renderIssue(input)).rejects.toMatchObject({
      kind: 'user',
      problems: [expect.objectContaining({ file: 'templates/partials/intro.mjml.hbs', line: 3, message: expect.stringContaining('colour') })],
    });
  });

  it('requires the layout and the text template', async () => {
    const error = thrown(() => compileTemplates({ dir: 'templates', files: new Map([['partials/x.mjml.hbs', '']]) }));
    expect(error.problems.map((p) => p.file)).toEqual(['templates/layout.mjml.hbs', 'templates/text.hbs']);
  });
});

describe('readTemplates', () => {
  it('uses the built-in templates when the workspace has none', async () => {
    const sources = await readTemplates(await mkdtemp(path.join(tmpdir(), 'snippet-render-')));
    expect(sources.files.has('layout.mjml.hbs')).toBe(true);
    expect(sources.files.has('partials/footer.mjml.hbs')).toBe(true);
    expect(sources.dir).not.toBe('templates');
  });

  it('reads the workspace templates folder, with forward-slash paths', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'snippet-render-'));
    await mkdir(path.join(dir, 'templates', 'partials'), { recursive: true });
    await writeFile(path.join(dir, 'templates', 'layout.mjml.hbs'), 'L');
    await writeFile(path.join(dir, 'templates', 'partials', 'a.mjml.hbs'), 'A');
    const sources = await readTemplates(dir);
    expect(sources).toEqual({
      dir: 'templates',
      files: new Map([
        ['layout.mjml.hbs', 'L'],
        ['partials/a.mjml.hbs', 'A'],
      ]),
    });
  });

  it('reads a template that is a link to a file', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'snippet-render-'));
    await mkdir(path.join(dir, 'templates'), { recursive: true });
    await writeFile(path.join(dir, 'elsewhere.hbs'), 'L');
    await symlink(path.join(dir, 'elsewhere.hbs'), path.join(dir, 'templates', 'layout.mjml.hbs'));
    expect((await readTemplates(dir)).files.get('layout.mjml.hbs')).toBe('L');
  });

  it('refuses a templates that is not a folder, rather than quietly using the built-in ones', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'snippet-render-'));
    await writeFile(path.join(dir, 'templates'), 'oops');
    await expect(readTemplates(dir)).rejects.toMatchObject({ message: 'templates/ is not a folder', file: 'templates/' });
  });
});
