import { describe, expect, it } from 'vitest';
import { corpusFigures } from '../support/bounce-corpus.js';

describe('the reader over 277 real reports (test/fixtures/bounces, Sisimai’s reading as the reference)', () => {
  const figures = corpusFigures();

  it('judges hard or soft as the reference does for at least 95 % of the failure reports', () => {
    expect(figures.agreement.counted).toBe(267);
    expect(figures.agreement.agreed / figures.agreement.counted, figures.agreement.disagreed.join('\n')).toBeGreaterThanOrEqual(0.95);
  });

  it('finds every expected recipient in at least 97 % of the reports that list them', () => {
    expect(figures.recipients.counted).toBe(259);
    expect(figures.recipients.found / figures.recipients.counted, figures.recipients.missed.join('\n')).toBeGreaterThanOrEqual(0.97);
  });

  it('never reads an auto-reply, a success report or a complaint as a hard bounce', () => {
    expect(figures.nonBouncesReadHard).toEqual([]);
    expect(figures.perClass['auto-reply']).toEqual({ counted: 2, agreed: 2 });
    expect(figures.perClass.complaint).toEqual({ counted: 7, agreed: 7 });
    expect(figures.perClass.delivered).toEqual({ counted: 1, agreed: 1 });
  });
});
