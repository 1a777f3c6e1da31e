import { v5 as uuidV5 } from 'uuid';
import type { Organisation } from '../organisations/organisation.js';
import type { ProfileText } from './profile-texts.js';
import { sitePaths, siteUrl } from '../render/site-urls.js';
import { selfReferralText, when, whoFor } from './referral-facts.js';
import { slug } from './slug.js';

/**
 * The directory in the shape of Open Referral UK (the UK profile of HSDS
 * 3.0): one service per member organisation, provided by that organisation.
 * Identifiers are UUID v5 of the organisation's page address (site.url and
 * its id), so they stay the same from one build to the next and differ
 * between networks.
 */
export interface OpenReferralService {
  id: string;
  organization_id: string;
  name: string;
  description: string;
  url: string;
  email?: string;
  status: 'active';
  assured_date?: string;
  /** The day the profile was last checked, as the standard's date-time. */
  last_modified?: string;
  /** Whom the service is for and when (HSDS 3.0). */
  eligibility_description?: string;
  /** How to refer (HSDS 3.0's steps to access the service), no longer inside the description. */
  application_process?: string;
  organization: { id: string; name: string; description: string; website?: string; uri: string };
  service_areas: Array<{ id: string; service_id: string; name: string; service_area: string; uri?: string }>;
  contacts: Array<{ id: string; service_id: string; name: string; email?: string; phones?: Array<{ id: string; contact_id: string; number: string }> }>;
  languages: Array<{ id: string; service_id: string; name: string }>;
  cost_options: Array<{ id: string; service_id: string; option: string; amount?: number; amount_description: string }>;
  attributes: Array<{
    id: string;
    link_id: string;
    link_type: string;
    taxonomy_term_id: string;
    taxonomy_term: { id: string; name: string; description: string; taxonomy: string; term_uri: string };
  }>;
}

/** `GET /services`: one page holding every service. */
export interface OpenReferralPage {
  total_items: number;
  total_pages: number;
  page_number: number;
  size: number;
  first_page: boolean;
  last_page: boolean;
  empty: boolean;
  contents: Array<Omit<OpenReferralService, 'service_areas' | 'contacts' | 'attributes' | 'languages' | 'cost_options'>>;
}

/** The service's UUID: its `services/ID.json` name. */
export function serviceUuid(base: string, organisationId: string): string {
  return uuidV5(siteUrl(base, sitePaths.service(organisationId)), uuidV5.URL);
}

/** The network's areas, for their ONS/GSS codes and for a service that covers them all. */
export type AreaCodes = ReadonlyArray<{ name: string; code?: string }>;

/** The ONS's persistent address of a GSS code, the identifier other directories match areas on. */
function gssUri(code: string): string {
  return `http://statistics.data.gov.uk/id/statistical-geography/${code}`;
}

/** `GET /services/{id}`: the service with its organization, areas, contacts, languages, costs and types of service. */
export function openReferralService(
  base: string,
  organisation: Organisation,
  text: ProfileText,
  networkName: string,
  networkAreas: AreaCodes = [],
): OpenReferralService {
  const page = siteUrl(base, sitePaths.service(organisation.id));
  const id = serviceUuid(base, organisation.id);
  const part = (name: string): string => uuidV5(`${page}#${name}`, uuidV5.URL);
  const description = text.description || `A member of the ${networkName}.`;
  const email =
    organisation.email ??
    (organisation.contact === undefined ? undefined : /[^\s<>(),;:]+@[^\s<>(),;:]+\.[a-z]{2,}(?![a-z0-9-]|\.[a-z0-9])/iu.exec(organisation.contact)?.[0]);
  const eligibility = [whoFor(organisation), when(organisation), selfReferralText(organisation)].filter((part) => part !== undefined);
  const areas = organisation.allAreas
    ? networkAreas.length > 0
      ? networkAreas
      : [{ name: `The whole area of the ${networkName}` }]
    : organisation.areas.map((name) => networkAreas.find((area) => area.name === name) ?? { name });
  const contactId = part('contact');
  return {
    id,
    organization_id: part('organization'),
    name: organisation.name,
    description,
    url: organisation.website ?? page,
    ...(email === undefined ? {} : { email }),
    status: 'active',
    ...(organisation.reviewed === undefined ? {} : { assured_date: organisation.reviewed, last_modified: `${organisation.reviewed}T00:00:00.000Z` }),
    ...(eligibility.length === 0 ? {} : { eligibility_description: eligibility.map((sentence) => sentence.replace(/\.?$/u, '.')).join(' ') }),
    ...(text.referral === '' ? {} : { application_process: text.referral }),
    organization: {
      id: part('organization'),
      name: organisation.name,
      description,
      ...(organisation.website === undefined ? {} : { website: organisation.website }),
      uri: page,
    },
    service_areas: areas.map((area) => ({
      id: part(`area-${slug(area.name)}`),
      service_id: id,
      name: area.name,
      service_area: area.name,
      ...(area.code === undefined ? {} : { uri: gssUri(area.code) }),
    })),
    contacts:
      organisation.contact === undefined && email === undefined && organisation.phone === undefined
        ? []
        : [
            {
              id: contactId,
              service_id: id,
              name: organisation.contact ?? organisation.name,
              ...(email === undefined ? {} : { email }),
              ...(organisation.phone === undefined ? {} : { phones: [{ id: part('phone'), contact_id: contactId, number: organisation.phone }] }),
            },
          ],
    languages: (organisation.languages ?? []).map((name) => ({ id: part(`language-${slug(name)}`), service_id: id, name })),
    cost_options:
      organisation.cost === undefined
        ? []
        : [
            {
              id: part('cost'),
              service_id: id,
              option: organisation.cost,
              ...(/^\s*free\b/iu.test(organisation.cost) ? { amount: 0 } : {}),
              amount_description: organisation.cost,
            },
          ],
    attributes: organisation.services.map((name) => {
      const termUri = siteUrl(base, sitePaths.serviceType(slug(name)));
      const termId = uuidV5(termUri, uuidV5.URL);
      return {
        id: part(`type-${slug(name)}`),
        link_id: id,
        link_type: 'service_type',
        taxonomy_term_id: termId,
        taxonomy_term: {
          id: termId,
          name,
          description: `Type of service in the ${networkName} directory`,
          taxonomy: `${networkName} service types`,
          term_uri: termUri,
        },
      };
    }),
  };
}

/** Every service on one page, shaped like the API's paged list. */
export function openReferralPage(services: readonly OpenReferralService[]): OpenReferralPage {
  return {
    total_items: services.length,
    total_pages: 1,
    page_number: 1,
    size: services.length,
    first_page: true,
    last_page: true,
    empty: services.length === 0,
    contents: services.map(
      ({ service_areas: _areas, contacts: _contacts, attributes: _attributes, languages: _languages, cost_options: _costs, ...listed }) => listed,
    ),
  };
}
