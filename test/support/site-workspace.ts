import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { beforeEach } from 'vitest';
import { tempDirPerTest } from './temp-dir.js';

/** Everyone on the mailing list of the site workspace: none of it may reach the website. */
export const SITE_MEMBERS = [
  { email: 'morag.coordinator@example.org', name: 'Morag Quinnell', organisation: 'bluebell-centre' },
  { email: 'aileen.member@example.net', name: 'Aileen Strathdee', organisation: 'harbour-peer-support' },
  { email: 'ruairi.member@example.org', name: 'Ruairí Ó Fearghail', organisation: 'harbour-peer-support' },
];

/** Who sent the news item through the form: kept in the issue file, never shown. */
export const SUBMITTER = { name: 'Fenella Submitter', email: 'fenella.submits@example.net' };

/** 15 December 2026, midday: October and November are out, December is a draft, January is still to come. */
export const SITE_NOW = new Date('2026-12-15T12:00:00Z');

const CONFIG = `network:
  name: Riverside Perinatal Mental Health Network
  short_name: Riverside PMHN
from: Riverside PMHN <snippet@example.org>
reply_to: Morag Quinnell <morag.coordinator@example.org>
time_zone: Europe/London
language: en-GB
footer:
  postal_address: 1 Example Street, Glasgow G1 1AA
  endorsement: Membership is not an endorsement; we are curious but critical.
unsubscribe:
  mailto: unsubscribe@example.org
site:
  url: https://example.org/riverside/
  join_email: join@example.org
meetings:
  - date: 2027-02-11
    time: "10:00"
    end_time: "12:30"
    venue: Sample Hall, Glasgow; room 2
    link: https://example.org/meet/riverside
    details: Bring updates, questions and funding bids.
  - date: 2027-06-10
    venue: Sample Hall, Glasgow
`;

const ORGANISATIONS = `organisations:
  - id: bluebell-centre
    name: Bluebell Centre
    description: Counselling for parents in pregnancy and the **first year**.
    website: https://example.org/bluebell
    areas: [Glasgow North, Glasgow South]
    services: [counselling]
    referral: Self-referral or through a health visitor.
    contact: "0141 000 0000, bluebell@example.org"
    reviewed: 2026-06-01
  - id: harbour-peer-support
    name: Harbour Peer Support
    description: Peer support groups for mothers and fathers.
    areas: [Inverclyde]
    services: [peer support, infant massage]
    reviewed: 2024-01-10
  - id: nightlight-doulas
    name: Nightlight Doulas
    description: Volunteer doulas for parents facing birth alone.
    areas: [Glasgow South]
    services: [doula support, peer support]
  - id: dads-together
    name: Dads Together
    description: Peer support for dads and partners after a birth.
    areas: all
    services: [peer support]
    for: [fathers or partners]
    stages: [pregnancy, birth to 1 year]
    self_referral: yes
    refer: Use the [referral form](https://example.org/dads/refer), and include the baby's age.
    phone: 0141 496 0303
    email: dads@example.org
    languages: [English, Polish]
    cost: Free
    waiting_time: About a week
    reviewed: 2025-06-01
  - id: hidden-helpers
    name: Hidden Helpers
    description: A member that prefers not to be listed.
    directory: false
`;

const MEMBERS = `email,name,organisation,lists\n${SITE_MEMBERS.map((m) => `${m.email},${m.name},${m.organisation},members`).join('\n')}\n`;

function issue(id: string, front: string, intro = "Welcome to this month's snippet."): string {
  return `---\nsubject: Riverside snippet ${id}\n${front.trim()}\n---\n${intro}\n`;
}

const ISSUES: Record<string, string> = {
  '2026-09': issue(
    '2026-09',
    `send_at: 2026-09-01T09:00
status: approved
spotlight: bluebell-centre
spotlight_note: Groups start again in October.
research:
  - title: Fathers and perinatal mental health
    url: https://example.org/research/fathers
    summary: A study of what helps fathers talk.
funding:
  - title: Autumn small grants
    url: https://example.org/funding/autumn
    funder: Sample Trust
    deadline: 2026-09-10
news:
  - title: Harbour opens a Saturday group
    summary: Saturday mornings in Greenock.
    organisation: harbour-peer-support
    submitted_by:
      name: ${SUBMITTER.name}
      email: ${SUBMITTER.email}`,
  ),
  '2026-10': issue(
    '2026-10',
    `send_at: 2026-10-01T09:00
status: approved
spotlight: harbour-peer-support
training:
  - title: Trauma-informed practice
    url: https://example.org/training/trauma
    date: 2026-10-20
    location: Online
    cost: Free
    submitted_by:
      name: ${SUBMITTER.name}
      email: ${SUBMITTER.email}
      organisation: Harbour (typed by the submitter)
  - title: Infant mental health in practice
    url: https://example.org/training/infant-mental-health
    organisation: harbour-peer-support
    date: 2027-01-20
    time: "10:00"
    location: Online
    deadline: 2027-01-10
    summary: >-
      A morning for health visitors, midwives and family support workers on noticing
      and responding to early signs of distress in babies and their parents.
funding:
  - title: Winter wellbeing grants
    url: https://example.org/funding/winter
    deadline: rolling`,
  ),
  '2026-11': issue('2026-11', 'send_at: 2026-11-02T09:00\nstatus: approved\narchive: false'),
  '2026-12': issue('2026-12', 'send_at: 2026-12-01T09:00\nstatus: draft', 'A draft nobody has approved.'),
  '2027-01': issue('2027-01', 'send_at: 2027-01-05T09:00\nstatus: approved', 'Approved, but not yet sent.'),
};

export interface SiteWorkspace {
  dir: string;
  /** Where `snippet site` writes the site (out/site). */
  out: string;
  write(file: string, text: string): Promise<void>;
  remove(): Promise<void>;
}

/** A workspace with two published issues, one kept off the site, a draft and a future approved issue, in a folder of its own (the caller removes it). */
export async function siteWorkspace(): Promise<SiteWorkspace> {
  const dir = await mkdtemp(join(tmpdir(), 'snippet-site-'));
  await writeSite(dir);
  return siteWorkspaceAt(() => dir);
}

/** The same workspace for every test of the file (or `describe` block) that calls this, in `tempDirPerTest`'s folder, removed after each test. */
export function useSiteWorkspace(): SiteWorkspace {
  const temp = tempDirPerTest('snippet-site-');
  beforeEach(() => writeSite(temp.dir));
  return siteWorkspaceAt(() => temp.dir);
}

async function writeSite(dir: string): Promise<void> {
  const write = siteWorkspaceAt(() => dir).write;
  await write('snippet.config.yaml', CONFIG);
  await write('contacts/organisations.yaml', ORGANISATIONS);
  await write('contacts/members.csv', MEMBERS);
  for (const [id, text] of Object.entries(ISSUES)) await write(`issues/${id}.md`, text);
}

function siteWorkspaceAt(folder: () => string): SiteWorkspace {
  return {
    get dir() {
      return folder();
    },
    get out() {
      return join(folder(), 'out', 'site');
    },
    write: async (file, text) => {
      await mkdir(dirname(join(folder(), file)), { recursive: true });
      await writeFile(join(folder(), file), text);
    },
    remove: () => rm(folder(), { recursive: true, force: true }),
  };
}
