import type { Organisation } from '../organisations/organisation.js';
import { REVIEW_PERIOD } from '../organisations/profiles-due.js';
import { dateBefore } from '../time/period-text.js';
import { zonedDate } from '../time/zoned-time.js';
import { formatDate } from '../render/format-date.js';
import { markdownInlineToHtml, markdownToHtml } from '../render/markdown.js';
import { html, raw, type SafeHtml } from './html.js';
import type { Page } from './page-layout.js';
import type { OrganisationItem } from './organisation-items.js';
import type { ProfileText } from './profile-texts.js';
import { referralDetails, selfReferralText, telHref, when, whoFor } from './referral-facts.js';
import { relativeHref } from './relative-href.js';
import type { SiteInput } from './site-input.js';
import { sitePaths, siteUrl } from '../render/site-urls.js';
import { slug } from './slug.js';
import { WHOLE_AREA } from './directory-groups.js';

/**
 * One member organisation's page. On a phone the first screen answers a
 * referrer's questions in order: who it is, whom it is for, how to refer, and
 * how to get in touch (tap to call, tap to email, copy the details). The
 * description, the facts, when the profile was last checked and what the
 * snippet said about it follow.
 */
export function servicePage(input: SiteInput, organisation: Organisation, text: ProfileText, items: readonly OrganisationItem[]): Page {
  const path = sitePaths.service(organisation.id);
  const to = (target: string): string => relativeHref(path, target);
  const audience = [whoFor(organisation), when(organisation)].filter((part) => part !== undefined);
  const referral = organisation.refer ?? organisation.referral;
  const areasText = organisation.allAreas ? WHOLE_AREA.name.toLowerCase() : organisation.areas.join(', ');
  return {
    path,
    title: organisation.name,
    description: `${organisation.name}: a member of the ${input.network.name}${areasText ? `, covering ${areasText}` : ''}.`,
    body: html`<p class="breadcrumb"><a href="${to(sitePaths.services)}">Services directory</a></p>
<h1>${organisation.name}</h1>
${audience.length > 0 ? html`<p class="for"><strong>For:</strong> ${audience.join('. ')}.</p>\n` : ''}<section class="refer" aria-labelledby="how-to-refer">
<h2 id="how-to-refer">How to refer</h2>
${selfReferralText(organisation) ? html`<p><strong>${selfReferralText(organisation)}</strong></p>\n` : ''}${referral ? raw(markdownToHtml(referral)) : html`<p>The profile does not say yet: contact the service.</p>\n`}${contactLinks(organisation)}<p class="copy-row"><button type="button" class="copy" data-copy="referral-details" hidden>Copy referral details</button> <span class="meta" role="status"></span></p>
<pre id="referral-details" hidden>${referralDetails(organisation, text.referral, siteUrl(input.site.url, path))}</pre>
</section>
${organisation.description ? raw(markdownToHtml(organisation.description)) : ''}
<dl class="facts">
${
  organisation.allAreas || organisation.areas.length > 0
    ? html`<dt>Areas covered</dt><dd>${
        organisation.allAreas
          ? html`<a href="${to(sitePaths.area(WHOLE_AREA.slug))}">${WHOLE_AREA.name}</a>`
          : html`<ul class="inline">${organisation.areas.map((name) => html`<li><a href="${to(sitePaths.area(slug(name)))}">${name}</a></li>`)}</ul>`
      }</dd>\n`
    : ''
}${
      organisation.services.length > 0
        ? html`<dt>Services</dt><dd><ul class="inline">${organisation.services.map((name) => html`<li><a href="${to(sitePaths.serviceType(slug(name)))}">${name}</a></li>`)}</ul></dd>\n`
        : ''
    }${fact('Languages', organisation.languages?.join(', '))}${fact('Cost', organisation.cost)}${fact('Waiting time', organisation.waitingTime)}${
      organisation.contact && (organisation.phone || organisation.email)
        ? html`<dt>Contact</dt><dd>${raw(markdownInlineToHtml(organisation.contact))}</dd>\n`
        : ''
    }${organisation.website ? html`<dt>Website</dt><dd><a href="${organisation.website}">${organisation.website}</a></dd>\n` : ''}<dt>Last checked</dt><dd>${lastChecked(organisation, input)}</dd>
</dl>
<p class="endorsement">${input.footer.endorsement}</p>
${
  items.length > 0
    ? html`<h2>In the snippet</h2>
<ul class="from-snippet">
${items.map(
  (item) =>
    html`<li>${item.url ? html`<a href="${item.url}">${item.title}</a>` : item.title} <span class="meta">${item.label}, <a href="${to(`${sitePaths.issue(item.issue.id)}${item.anchor}`)}">${item.issue.view.month}</a></span></li>\n`,
)}</ul>
`
    : ''
}<script src="${to(sitePaths.asset('copy.js'))}" defer></script>
`,
  };
}

/** Tap to call, tap to email; with neither, the free-text contact as written. */
function contactLinks(organisation: Organisation): SafeHtml {
  const { phone, email } = organisation;
  if (phone === undefined && email === undefined) {
    return organisation.contact ? html`<p><strong>Contact:</strong> ${raw(markdownInlineToHtml(organisation.contact))}</p>\n` : html``;
  }
  return html`<ul class="actions">
${phone ? html`<li><a class="button" href="${telHref(phone)}">Call\u00a0${unbroken(phone)}</a></li>\n` : ''}${email ? html`<li><a class="button" href="mailto:${email}">Email ${email}</a></li>\n` : ''}</ul>
`;
}

/** A phone number never breaks across lines. */
function unbroken(phone: string): string {
  return phone.replace(/ /gu, '\u00a0');
}

function fact(label: string, value: string | undefined): SafeHtml {
  return value ? html`<dt>${label}</dt><dd>${value}</dd>\n` : html``;
}

function lastChecked(organisation: Organisation, input: SiteInput): SafeHtml {
  if (organisation.reviewed === undefined) return html`Not yet checked with the organisation: confirm the details with them before you refer.`;
  const date = html`<time datetime="${organisation.reviewed}">${formatDate(organisation.reviewed, input.language)}</time>`;
  // Out of date by the same rule, and from the same day, as `snippet check` warns.
  const stale = organisation.reviewed < dateBefore(zonedDate(input.now, input.timeZone), REVIEW_PERIOD);
  return stale ? html`${date} <strong class="stale">(may be out of date: confirm the details with them before you refer)</strong>` : date;
}
