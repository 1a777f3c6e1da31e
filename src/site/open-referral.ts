import { v5 as uuidV5 } from 'uuid';
import type { Organisation } from '../organisations/organisation.js';
import type { ProfileText } from './profile-texts.js';
import { sitePaths, siteUrl } from '../render/site-urls.js';
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
  organization: { id: string; name: string; description: string; website?: string; uri: string };
  service_areas: Array<{ id: string; service_id: string; name: string; service_area: string }>;
  contacts: Array<{ id: string; service_id: string; name: string }>;
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
  contents: Array<Omit<OpenReferralService, 'service_areas' | 'contacts' | 'attributes'>>;
}

/** The service's UUID: its `services/ID.json` name. */
export function serviceUuid(base: string, organisationId: string): string {
  return uuidV5(siteUrl(base, sitePaths.service(organisationId)), uuidV5.URL);
}

/** `GET /services/{id}`: the service with its organization, areas, contact and types of service. */
export function openReferralService(base: string, organisation: Organisation, text: ProfileText, networkName: string): OpenReferralService {
  const page = siteUrl(base, sitePaths.service(organisation.id));
  const id = serviceUuid(base, organisation.id);
  const part = (name: string): string => uuidV5(`${page}#${name}`, uuidV5.URL);
  const description = text.description || `A member of the ${networkName}.`;
  const referral = text.referral;
  const email = organisation.contact === undefined ? undefined : /[^\s<>(),;:]+@[^\s<>(),;:]+\.[a-z]{2,}/iu.exec(organisation.contact)?.[0];
  return {
    id,
    organization_id: part('organization'),
    name: organisation.name,
    description: referral === '' ? description : `${description}\n\nHow to refer: ${referral}`,
    url: organisation.website ?? page,
    ...(email === undefined ? {} : { email }),
    status: 'active',
    ...(organisation.reviewed === undefined ? {} : { assured_date: organisation.reviewed }),
    organization: {
      id: part('organization'),
      name: organisation.name,
      description,
      ...(organisation.website === undefined ? {} : { website: organisation.website }),
      uri: page,
    },
    service_areas: organisation.areas.map((area) => ({ id: part(`area-${slug(area)}`), service_id: id, name: area, service_area: area })),
    contacts: organisation.contact === undefined ? [] : [{ id: part('contact'), service_id: id, name: organisation.contact }],
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
    contents: services.map(({ service_areas: _areas, contacts: _contacts, attributes: _attributes, ...listed }) => listed),
  };
}
