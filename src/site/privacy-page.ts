import { html } from './html.js';
import type { Page } from './page-layout.js';
import { relativeHref } from './relative-href.js';
import type { SiteInput } from './site-input.js';
import { sitePaths } from '../render/site-urls.js';

/**
 * What the network keeps and why, in the terms of PECR and UK GDPR, and
 * exactly what snippet stores: the mailing list, the suppression list and
 * the delivery ledger. docs/website.md says how a network adapts it.
 */
export function privacyPage(input: SiteInput): Page {
  const path = sitePaths.privacy;
  const to = (target: string): string => relativeHref(path, target);
  const name = input.network.name;
  const contact = input.site.joinEmail ?? input.networkAddress;
  return {
    path,
    title: 'Privacy',
    description: `What personal data the ${name} keeps for its mailing list, why, and for how long.`,
    body: html`<h1>Privacy note</h1>
<p>The ${name} sends its snippet by email to the people who asked to get it. This note explains what we keep about you, why, who sees it and for how long, as UK GDPR and the Privacy and Electronic Communications Regulations (PECR) require.</p>
<h2>This website</h2>
<p>This website sets no cookies, runs no analytics and loads nothing from other websites. It shows past issues and the services directory; it never shows who is on the mailing list.</p>
<h2>The mailing list</h2>
<p>For each member we keep an email address and, where you gave them, your name, the name we greet you by, your organisation and which of the network's lists you are on (for example managers or health visitors).</p>
<p>We use them only to send you the snippet and news of the network. We send marketing-style email only with your consent or, for colleagues in member organisations, because it is about the network you take part in; PECR lets you refuse at any time, and every email tells you how.</p>
<p>We keep your entry for as long as you are a member. When you leave, your address goes on the suppression list at once, so nothing more is sent to you, and the coordinator then deletes your entry from the mailing list.</p>
<h2>The suppression list</h2>
<p>When you unsubscribe, or when your address stops accepting mail, we add the address to a suppression list with the date and the reason. We keep it so that we never email you again, even if the address comes back in a later import: this is the minimum needed to respect your choice, and it is kept for as long as the network sends the snippet.</p>
<h2>The delivery record</h2>
<p>For each issue, the sending tool records which addresses it was delivered to, and any address the mail server refused with the server's reply, so that nobody gets an issue twice and failed deliveries can be put right. These records hold your email address and the time of sending. We delete an issue's delivery record twelve months after it was sent.</p>
<h2>Who sees it</h2>
<p>Only the network's coordinator and the mail provider that sends the email. We do not sell or share the list, and we do not track whether you open the email or click its links.</p>
<h2>Your rights</h2>
<p>You can ask to see what we hold about you, to correct it, or to be removed. To leave, use the unsubscribe link in any snippet or write to <a href="mailto:${input.unsubscribeMailto}">${input.unsubscribeMailto}</a>. For anything else, write to <a href="mailto:${contact}">${contact}</a>. If you are not happy with our answer, you can complain to the Information Commissioner's Office (ico.org.uk).</p>
<p><a href="${to(sitePaths.join)}">How to join</a></p>
`,
  };
}
