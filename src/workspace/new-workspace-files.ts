import { CONFIG_FILE } from '../config/config.js';
import { MEMBERS_FILE, SUPPRESSIONS_FILE } from '../contacts/member.js';
import { ORGANISATIONS_FILE } from '../organisations/organisation.js';

/** The files that hold secrets in a workspace, as the docs name them. */
export const ENV_FILE = 'snippet.env';
export const PASSWORD_FILE = 'smtp-password';

export const GITIGNORE = `# Secrets: never commit these (snippet doctor fails when git tracks them).
${ENV_FILE}
${PASSWORD_FILE}

# What snippet writes: delivery state (keep it, back it up, never commit it),
# build output and --outbox folders.
.snippet/
out/
outbox*/
`;

const CONFIG = `# snippet.config.yaml: your network's settings.
# Replace every FILL IN value (and every fill-in-… address); \`snippet check\`
# lists the ones still to do, each with its line.

# The network: its full name (the email's header and footer), a short name of
# up to 40 characters (subject lines) and, optionally, its website.
network:
  name: FILL IN the network's full name
  short_name: FILL IN a short name
  # website: https://example.org/your-network

# Who the snippet comes from, written as "Name <address>": a mailbox your mail
# server lets you send from. Replies go to reply_to when it is set.
from: FILL IN the sender's name <fill-in-sender@example.invalid>
# reply_to: Coordinator <coordinator@example.org>

# Send times in issues (send_at) are read in this time zone, and dates are
# written in this language in the email.
time_zone: Europe/London
language: en-GB

# Printed at the foot of every snippet. Bulk email must carry a postal address.
footer:
  postal_address: FILL IN the network's postal address
  endorsement: >-
    The network shares information and links up services. Membership is not an
    endorsement.

# How members leave the list: the mailto address receives unsubscribe emails.
# An https one-click unsubscribe page can be added as url (docs/contacts.md).
unsubscribe:
  mailto: fill-in-unsubscribe@example.invalid
  # url: https://example.org/snippet/unsubscribe

# What your mail server allows (Microsoft 365: 30 a minute, 10,000 a day, 3
# connections; write "preset: microsoft-365" instead). docs/sending.md has more.
sending:
  rate: [30/minute, 10000/day]
  connections: 1

# When \`snippet new\` sets an issue's send time.
schedule:
  send_day: first-working-day
  send_time: "09:00"

# The network's areas: the website directory's area filter. With this list,
# organisations' \`areas:\` must come from it (\`all\` means all of them). A
# name, or a name with its ONS/GSS code, which the Open Referral UK data passes
# on to other directories (docs/website.md).
# areas:
#   - Glasgow North
#   - { name: Renfrewshire, code: S12000038 }
`;

const ORGANISATIONS = `# contacts/organisations.yaml: the member organisations, featured one after
# another in the service spotlight. Replace the example with your first member
# and add the others below it (docs/drafting.md lists every field).
organisations:
  - id: fill-in-organisation-id          # kebab-case, e.g. home-start-glasgow-north
    name: FILL IN the organisation's name
    description: FILL IN what it does, in a sentence or two
    areas: [FILL IN the areas it covers]
    referral: FILL IN how to refer a family
`;

/**
 * Pure: the files of a new network's workspace, except the templates (copied
 * from the built-in ones) and the first draft (written as \`snippet new\`
 * would). The config comes last: a workspace is a folder with a config, so a
 * crash part-way never leaves a folder that passes for a workspace.
 */
export function newWorkspaceFiles(): Array<{ name: string; data: string }> {
  return [
    { name: '.gitignore', data: GITIGNORE },
    { name: ORGANISATIONS_FILE, data: ORGANISATIONS },
    { name: MEMBERS_FILE, data: 'email,name,organisation,lists\n' },
    { name: SUPPRESSIONS_FILE, data: 'email,date,reason\n' },
    { name: CONFIG_FILE, data: CONFIG },
  ];
}
