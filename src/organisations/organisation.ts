/** Who a service is for, in the words the directory shows and filters by. */
export const AUDIENCES = ['mothers', 'fathers or partners', 'parents', 'young parents', 'infants', 'families'] as const;
export type Audience = (typeof AUDIENCES)[number];

/** When in the perinatal period a service helps. */
export const STAGES = ['pregnancy', 'birth to 1 year', '1 to 2 years'] as const;
export type Stage = (typeof STAGES)[number];

/** A member organisation, from `contacts/organisations.yaml`. */
export interface Organisation {
  /** kebab-case, unique. */
  id: string;
  name: string;
  /** Markdown. */
  description?: string;
  website?: string;
  /** The areas it covers, as written (or as the config's list spells them); empty when `allAreas`. */
  areas: string[];
  /** `areas: all`: the whole network area, so it is listed under every area. */
  allAreas?: true;
  services: string[];
  /** Markdown: how to refer a family (free text, the older field). */
  referral?: string;
  contact?: string;
  /** Who the service is for. */
  for?: Audience[];
  stages?: Stage[];
  /** Whether families can refer themselves. */
  selfReferral?: boolean;
  /** Markdown: how a professional refers (a form, an email or a phone) and what to include. */
  refer?: string;
  /** As written, e.g. `0141 000 0000`. */
  phone?: string;
  email?: string;
  languages?: string[];
  cost?: string;
  waitingTime?: string;
  /** False leaves the spotlight rotation. */
  spotlight: boolean;
  /** False keeps it out of the website's services directory (absent means listed). */
  directory?: false;
  /** `YYYY-MM-DD`: when the profile was last checked with the organisation. */
  reviewed?: string;
}

export const ORGANISATIONS_FILE = 'contacts/organisations.yaml';

/** `areas: all`, in organisations.yaml and in the directory's filter. */
export const ALL_AREAS = 'all';
