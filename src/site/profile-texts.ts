import type { Organisation } from '../organisations/organisation.js';
import { markdownToUnwrappedText } from '../render/markdown.js';

/** An organisation's description and how to refer (`refer`, else the free-text `referral`) as plain text; '' when not given. */
export interface ProfileText {
  description: string;
  referral: string;
}

/**
 * Hands out each organisation's profile as plain text, converted from
 * Markdown the first time it is asked for: the directory's lists (on every
 * area and type page), its search index and the Open Referral data all read
 * it, so one site converts each profile once.
 */
export function profileTexts(): (organisation: Organisation) => ProfileText {
  const made = new Map<Organisation, ProfileText>();
  return (organisation) => {
    let text = made.get(organisation);
    if (text === undefined) {
      text = { description: plain(organisation.description), referral: plain(organisation.refer ?? organisation.referral) };
      made.set(organisation, text);
    }
    return text;
  };
}

function plain(markdown: string | undefined): string {
  return markdown === undefined ? '' : markdownToUnwrappedText(markdown);
}
