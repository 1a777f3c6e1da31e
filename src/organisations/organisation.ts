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
}

export const ORGANISATIONS_FILE = 'contacts/organisations.yaml';
