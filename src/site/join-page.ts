import { html } from './html.js';
import type { Page } from './page-layout.js';
import { relativeHref } from './relative-href.js';
import type { SiteInput } from './site-input.js';
import { sitePaths } from '../render/site-urls.js';

/** How to join, what members get and how often; the address "Forwarded to you? Join the network" points at. */
export function joinPage(input: SiteInput): Page {
  const path = sitePaths.join;
  const to = (target: string): string => relativeHref(path, target);
  const { joinUrl, joinEmail } = input.site;
  const subject = encodeURIComponent(`Please add me to the ${input.network.shortName} snippet`);
  return {
    path,
    title: 'Join the network',
    description: `How to join the ${input.network.name} and get its monthly snippet by email.`,
    body: html`<h1>Join the network</h1>
<p>The ${input.network.name} is open to people who work with parents and babies in the perinatal period: NHS and local-authority teams and third-sector organisations.</p>
<h2>What members get</h2>
<ul>
<li>The snippet, by email once a month: research, training and events, funding opportunities, news from members, and one member service in the spotlight.</li>
<li>An invitation to the network's meetings, held quarterly.</li>
<li>A place in the <a href="${to(sitePaths.services)}">services directory</a> for your organisation, if you wish.</li>
</ul>
<h2>How to join</h2>
${joinUrl ? html`<p><a class="button" href="${joinUrl}">Ask to join</a> (a short form).</p>\n` : ''}${
      joinEmail
        ? html`<p>${joinUrl ? 'Or write' : 'Write'} to <a href="mailto:${joinEmail}?subject=${subject}">${joinEmail}</a> with your name, your organisation and your work email address.</p>\n`
        : ''
    }${
      joinUrl || joinEmail
        ? ''
        : html`<p>Write to <a href="mailto:${input.networkAddress}?subject=${subject}">${input.networkAddress}</a> with your name, your organisation and your work email address.</p>\n`
    }<p>You can leave at any time: every snippet has an unsubscribe link, or write to <a href="mailto:${input.unsubscribeMailto}">${input.unsubscribeMailto}</a>.</p>
<p>The <a href="${to(sitePaths.privacy)}">privacy note</a> says what the network keeps about you, why, and for how long.</p>
`,
  };
}
