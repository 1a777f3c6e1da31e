import type { Config } from '../../src/config/config.js';
import type { Issue } from '../../src/issue/issue.js';
import type { Organisation } from '../../src/organisations/organisation.js';
import { compileTemplates, type CompiledTemplates } from '../../src/render/compile-templates.js';
import { readTemplates } from '../../src/render/read-templates.js';
import { renderIssue, type RenderedIssue } from '../../src/render/render-issue.js';

/** The smallest valid snippet.config.yaml: every required key, nothing else. */
export const MINIMAL_CONFIG_YAML = `network:
  name: Example Perinatal Network
from: snippet@example.org
footer:
  postal_address: 1 Example Street
  endorsement: Membership is not an endorsement.
unsubscribe:
  mailto: unsubscribe@example.org
`;

/** Inline fixtures for the render tests: small, readable, overridable. */
export function config(overrides: Partial<Config> = {}): Config {
  return {
    network: { name: 'Test Perinatal Network', shortName: 'TPN', website: 'https://example.org/network' },
    from: { name: 'Test Network', address: 'snippet@example.org' },
    timeZone: 'Europe/London',
    language: 'en-GB',
    footer: { postalAddress: '1 Example Street, Glasgow G1 1AA', endorsement: 'Membership is not an endorsement.' },
    unsubscribe: { mailto: 'unsubscribe@example.org', url: 'https://example.org/unsubscribe' },
    sending: { rates: [], connections: 1, retries: 3, retryDelayMs: 30_000, stopAfterFailures: 10, maxWaitMs: 600_000, staleAfterMs: 604_800_000 },
    smtp: {},
    schedule: { sendDay: 'first-working-day', sendTime: '09:00' },
    spotlight: { repeatMonths: 12 },
    meetings: [],
    meetingsShowWithin: { count: 4, unit: 'month' },
    meetingsDefaultLengthMs: 2 * 3_600_000,
    areas: [],
    directory: { synonyms: {} },
    submissions: { deadlineDays: 7, columns: {} },
    mailbox: { urls: [], processedFolder: 'snippet/processed', softBounceIssues: 3, beforeSend: false },
    ...overrides,
  };
}

export function issue(overrides: Partial<Issue> = {}): Issue {
  return {
    id: '2026-12',
    file: 'issues/2026-12.md',
    subject: 'The snippet, December 2026',
    preheader: 'Research, training and funding for December',
    status: 'draft',
    archive: true,
    research: [],
    training: [],
    funding: [],
    news: [],
    intro: 'Welcome to the December snippet.',
    ...overrides,
  };
}

export const organisations: Organisation[] = [
  {
    id: 'home-start',
    name: 'Home-Start Example',
    description: 'Volunteers who **visit families** at home.',
    website: 'https://example.org/home-start',
    areas: ['Glasgow', 'Renfrewshire'],
    services: ['Home visiting', 'Family groups'],
    referral: 'Families can refer themselves, or a health visitor can refer them.',
    contact: 'hello@example.org or 0141 000 0000',
    spotlight: true,
  },
];

export const SEND_AT = new Date('2026-12-01T09:00:00Z');

let built: CompiledTemplates | undefined;
/** The built-in templates, compiled once per test file. */
export async function builtInTemplates(): Promise<CompiledTemplates> {
  built ??= compileTemplates(await readTemplates('/nonexistent-workspace'));
  return built;
}

export async function render(overrides: Partial<Issue> = {}, configOverrides: Partial<Config> = {}): Promise<RenderedIssue> {
  return renderIssue({ issue: issue(overrides), config: config(configOverrides), organisations, sendAt: SEND_AT, templates: await builtInTemplates() });
}
