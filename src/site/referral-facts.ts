import type { Organisation } from '../organisations/organisation.js';

/** "Fathers or partners", "Mothers, fathers or partners": who the service is for, as a sentence starts. */
export function whoFor(organisation: Organisation): string | undefined {
  const audiences = organisation.for ?? [];
  return audiences.length === 0 ? undefined : capitalise(audiences.join(', '));
}

/** "In pregnancy and up to 2 years": when the service helps. */
export function when(organisation: Organisation): string | undefined {
  const stages = organisation.stages ?? [];
  if (stages.length === 0) return undefined;
  const pregnancy = stages.includes('pregnancy');
  const upTo = stages.includes('1 to 2 years') ? '2 years' : stages.includes('birth to 1 year') ? '1 year' : undefined;
  const from = stages.includes('birth to 1 year') ? 'from birth' : 'from the first birthday';
  if (pregnancy && upTo) return `In pregnancy and up to ${upTo}`;
  if (pregnancy) return 'In pregnancy';
  return `${capitalise(from)} to ${upTo ?? '2 years'}`;
}

/** "Families can refer themselves." or its opposite; undefined when the profile does not say. */
export function selfReferralText(organisation: Organisation): string | undefined {
  if (organisation.selfReferral === undefined) return undefined;
  return organisation.selfReferral ? 'Families can refer themselves.' : 'A professional refers: families cannot refer themselves.';
}

/** `tel:` address of a phone number as written: digits and a leading plus only. */
export function telHref(phone: string): string {
  return `tel:${phone.replace(/[^\d+]/gu, '')}`;
}

/** The contact line for print and plain text: phone, email, or the free-text contact. */
export function contactLine(organisation: Organisation): string | undefined {
  const parts = [organisation.phone, organisation.email].filter((part) => part !== undefined);
  return parts.length > 0 ? parts.join(' · ') : organisation.contact;
}

/**
 * The referral details as plain text, to paste into a referral letter or a
 * case note: who, for whom, how to refer, how to get in touch, where it is.
 */
export function referralDetails(organisation: Organisation, referral: string, pageUrl: string): string {
  const line = (label: string, value: string | undefined): string[] => (value ? [`${label}: ${value.replace(/\s+/gu, ' ').trim()}`] : []);
  return [
    organisation.name,
    ...line('For', [whoFor(organisation), when(organisation)].filter(Boolean).join('; ')),
    ...line('Areas', organisation.allAreas ? 'the whole network area' : organisation.areas.join(', ')),
    ...line('Self-referral', organisation.selfReferral === undefined ? undefined : organisation.selfReferral ? 'yes' : 'no'),
    ...line('How to refer', referral),
    ...line('Phone', organisation.phone),
    ...line('Email', organisation.email),
    ...line('Contact', organisation.phone || organisation.email ? undefined : organisation.contact),
    ...line('Cost', organisation.cost),
    ...line('Waiting time', organisation.waitingTime),
    ...line('Website', organisation.website),
    ...line('Directory page', pageUrl),
  ].join('\n');
}

/** "fathers or partners" → "Fathers or partners". */
export function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
