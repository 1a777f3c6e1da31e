import { describe, expect, it } from 'vitest';
import { closestWord } from '../../src/schema/closest-word.js';

describe('closestWord', () => {
  it('suggests the candidate a few edits away, in any case', () => {
    expect(closestWord('Glasgow Nroth', ['Glasgow South', 'Glasgow North', 'Inverclyde'])).toBe('Glasgow North');
    expect(closestWord('RENFREWSHIRE', ['Renfrewshire'])).toBe('Renfrewshire');
  });

  it('suggests nothing when every candidate is too far off', () => {
    expect(closestWord('Inverclyde', ['Glasgow North', 'Renfrewshire'])).toBeUndefined();
  });

  it('still finds a candidate whose length differs by less than the allowed edits', () => {
    // "peer supports group" is 19 letters, so 7 edits are allowed; "peer support" is 7 shorter, and 7 edits away.
    expect(closestWord('peer supports group', ['peer support'])).toBe('peer support');
    expect(closestWord('peer supports groups', ['peer support'])).toBeUndefined();
    expect(closestWord('peer support', ['peer supports'])).toBe('peer supports');
    expect(closestWord('counselling service', ['counselling servic', 'counselling'])).toBe('counselling servic');
  });

  it('rules out by length alone a pasted page against many candidates', () => {
    // Not a timing: measuring every edit distance here is some 14 billion steps, far past the test's time limit;
    // the length bound answers without measuring one.
    const page = 'A long pasted answer. '.repeat(50_000);
    const candidates = Array.from({ length: 500 }, (_, index) => `Organisation number ${index}`);
    expect(closestWord(page, candidates)).toBeUndefined();
  });
});
