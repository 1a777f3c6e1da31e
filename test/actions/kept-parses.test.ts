import { rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openIssue } from '../../src/actions/issue-editor.js';
import { previewIssue } from '../../src/actions/issue-preview.js';
import { ParseMemo } from '../../src/workspace/parse-memo.js';
import { useSampleWorkspace } from '../support/workspace.js';

const ws = useSampleWorkspace();

describe('what the desk keeps between calls', () => {
  it('a memo gives back the last result for the same text, and parses a changed text again', () => {
    const memo = new ParseMemo();
    let parses = 0;
    const parse = (text: string): { text: string } => memo.get('slot', text, () => ((parses += 1), { text }));
    const first = parse('a');
    expect(parse('a')).toBe(first);
    expect(parse('b')).toEqual({ text: 'b' });
    expect(parse('a')).not.toBe(first);
    expect(parses).toBe(3);
  });

  it('sees a hand edit of the organisations at once, between two opens of the issue', async () => {
    expect((await openIssue(ws.dir, '2026-12')).problems.filter((p) => p.severity === 'error')).toEqual([]);
    const file = 'contacts/organisations.yaml';
    await ws.write(file, (await ws.read(file)).replace('  - id: 3d-drumchapel\n', '  - id: drumchapel-3d\n'));
    const errors = (await openIssue(ws.dir, '2026-12')).problems.filter((p) => p.severity === 'error');
    expect(errors.map((p) => p.message).join('\n')).toContain('3d-drumchapel');
  });

  it('sees a hand edit of a template at once, between two previews', async () => {
    const before = await previewIssue(ws.dir, '2026-12', undefined);
    expect(before.html).not.toContain('A word from the template');
    const file = 'templates/partials/intro.mjml.hbs';
    await ws.write(file, (await ws.read(file)).replace('<p>{{recipient.greeting}}</p>', '<p>A word from the template</p><p>{{recipient.greeting}}</p>'));
    expect((await previewIssue(ws.dir, '2026-12', undefined)).html).toContain('A word from the template');
  });

  it("shows another editor's save of the issue in the next preview, of the same length, written in place or renamed over it", async () => {
    const file = 'issues/2026-12.md';
    const original = await ws.read(file);
    expect((await previewIssue(ws.dir, '2026-12', undefined)).html).toContain('3D Drumchapel');
    // Saved in place at once, the same number of bytes: only the file's times (and its bytes) tell.
    await ws.write(file, original.replace('Welcome to', 'Wilkommen '));
    expect(original.replace('Welcome to', 'Wilkommen ').length).toBe(original.length);
    const inPlace = await previewIssue(ws.dir, '2026-12', undefined);
    expect(inPlace.html).toContain('Wilkommen');
    // Saved as many editors do: a new file renamed over the old one.
    await writeFile(join(ws.dir, 'issues/.2026-12.md.tmp'), original.replace('Welcome to', 'Bienvenue '));
    await rename(join(ws.dir, 'issues/.2026-12.md.tmp'), join(ws.dir, file));
    const renamed = await previewIssue(ws.dir, '2026-12', undefined);
    expect(renamed.html).toContain('Bienvenue');
    expect(renamed.html).not.toContain('Wilkommen');
  });
});
