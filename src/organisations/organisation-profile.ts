import type { Organisation } from './organisation.js';

/**
 * The organisation's profile as short plain lines, for the terminal and for
 * YAML comments: what the coordinator needs in view to write the spotlight
 * note. Markdown is shown as written, each field on one line.
 */
export function organisationProfile(organisation: Organisation): string[] {
  const line = (label: string, value: string | undefined): string[] => {
    const flat = value?.replace(/\s+/gu, ' ').trim();
    return flat ? [`${label}: ${flat}`] : [];
  };
  return [
    `${organisation.name} (${organisation.id})`,
    ...line('About', organisation.description),
    ...line('Areas', organisation.areas.join(', ')),
    ...line('Services', organisation.services.join(', ')),
    ...line('How to refer', organisation.referral),
    ...line('Contact', organisation.contact),
    ...line('Website', organisation.website),
  ];
}
