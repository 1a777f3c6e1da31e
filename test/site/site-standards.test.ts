import { HtmlValidate } from 'html-validate';
import ICAL from 'ical.js';
import { v5 as uuidV5 } from 'uuid';
import { describe, expect, it } from 'vitest';
import { openReferralValidators } from './open-referral-schemas.js';
import { pagesOf, useBuiltSite } from './site-output.js';
import type { OpenReferralPage } from '../../src/site/open-referral.js';

const site = useBuiltSite();

describe('snippet site: standards', () => {
  it('passes html-validate (recommended rules) on every page', async () => {
    const validator = new HtmlValidate({ extends: ['html-validate:recommended'] });
    const failures: string[] = [];
    const pages = pagesOf(site);
    expect(pages.length).toBeGreaterThan(10);
    for (const [name, text] of pages) {
      const report = await validator.validateString(text, name);
      for (const result of report.results)
        for (const message of result.messages) failures.push(`${name}:${message.line}: ${message.ruleId}: ${message.message}`);
    }
    expect(failures).toEqual([]);
  });

  it('publishes Open Referral UK JSON that validates against the UK profile', async () => {
    const { listed, full } = await openReferralValidators();

    const page = JSON.parse(site.get('services.json')!) as OpenReferralPage;
    expect(page).toMatchObject({ total_items: 4, total_pages: 1, page_number: 1, size: 4, first_page: true, last_page: true, empty: false });
    for (const service of page.contents) {
      expect(listed(service), JSON.stringify(listed.errors)).toBe(true);
      const detail = JSON.parse(site.get(`services/${service.id}.json`)!) as object;
      expect(full(detail), JSON.stringify(full.errors)).toBe(true);
    }
    // The same organisation keeps its UUID: a v5 of its page's address.
    const bluebell = uuidV5('https://example.org/riverside/services/bluebell-centre/', uuidV5.URL);
    const detail = JSON.parse(site.get(`services/${bluebell}.json`)!) as Record<string, unknown>;
    expect(detail).toMatchObject({ id: bluebell, name: 'Bluebell Centre', email: 'bluebell@example.org', assured_date: '2026-06-01', status: 'active' });
    expect(detail.service_areas).toHaveLength(2);
  });

  it('rejects a service without its required fields (the validator is not a formality)', async () => {
    const { full } = await openReferralValidators();
    expect(full({ id: 'not-a-uuid', name: 'x', status: 'active' })).toBe(false);
    expect(full({ id: uuidV5('x', uuidV5.URL), name: 'x' })).toBe(false);
  });

  it('writes calendar files that a calendar parser reads: local time in the workspace zone, venue, link', () => {
    const timed = new ICAL.Component(ICAL.parse(site.get('meetings/2027-02-11.ics')!));
    const event = new ICAL.Event(timed.getFirstSubcomponent('vevent')!);
    // 10:00 in Glasgow in February is 10:00 UTC; the end time comes from end_time.
    expect(event.startDate.toJSDate().toISOString()).toBe('2027-02-11T10:00:00.000Z');
    expect(event.endDate.toJSDate().toISOString()).toBe('2027-02-11T12:30:00.000Z');
    expect(event.location).toBe('Sample Hall, Glasgow; room 2');
    expect(event.description).toContain('https://example.org/meet/riverside');
    expect(event.uid).toBe('meeting-2027-02-11@example.org');

    const allDay = new ICAL.Event(new ICAL.Component(ICAL.parse(site.get('meetings/2027-06-10.ics')!)).getFirstSubcomponent('vevent')!);
    expect(allDay.startDate.isDate).toBe(true);
    expect(allDay.startDate.toString()).toBe('2027-06-10');
  });
});
