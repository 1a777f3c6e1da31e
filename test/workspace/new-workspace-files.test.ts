import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/parse-config.js';
import { newWorkspaceFiles } from '../../src/workspace/new-workspace-files.js';

const config = newWorkspaceFiles().find((file) => file.name === 'snippet.config.yaml')!.data;

describe("snippet init's config", () => {
  it("shows the areas list (the directory's area filter) as docs/website.md does, commented out, and valid once uncommented", () => {
    const example = config.split('\n').filter((line) => /^# ( {2}- |areas:)/u.test(line));
    expect(example).toEqual(['# areas:', '#   - Glasgow North', '#   - { name: Renfrewshire, code: S12000038 }']);
    const filled = config
      .replace(/FILL IN the sender's name <fill-in-sender@example\.invalid>/u, 'Network <snippet@example.org>')
      .replace(/^# (areas:| {2}- )/gmu, '$1');
    const parsed = parseConfig(filled, 'snippet.config.yaml');
    expect(parsed.problems.filter((p) => p.severity === 'error' && !/FILL IN|fill-in-/u.test(p.message))).toEqual([]);
    expect(parsed.config?.areas).toEqual([{ name: 'Glasgow North' }, { name: 'Renfrewshire', code: 'S12000038' }]);
  });
});
