/** A member organisation, from `contacts/organisations.yaml`. */
export interface Organisation {
  /** kebab-case, unique. */
  id: string;
  name: string;
  /** Markdown. */
  description?: string;
  website?: string;
  areas: string[];
  services: string[];
  /** Markdown: how to refer a family. */
  referral?: string;
  contact?: string;
  /** False leaves the spotlight rotation. */
  spotlight: boolean;
  /** False keeps it out of the website's services directory (absent means listed). */
  directory?: false;
  /** `YYYY-MM-DD`: when the profile was last checked with the organisation. */
  reviewed?: string;
}

export const ORGANISATIONS_FILE = 'contacts/organisations.yaml';
