import { z } from 'zod';
import { hasErrors, type Problem } from '../errors.js';
import { parseLocatedYaml, type YamlPath } from '../schema/located-yaml.js';
import { isEmailAddress } from '../schema/mailbox.js';
import { httpUrlField, isoDateField, text } from '../schema/schema-fields.js';
import { schemaProblems } from '../schema/schema-problems.js';
import { controlProblems } from '../schema/control-problems.js';
import { wordListField } from '../schema/word-list-field.js';
import { ALL_AREAS, AUDIENCES, STAGES, type Organisation } from './organisation.js';

const textList = z
  .union([text.transform((v) => [v]), z.array(text)])
  .optional()
  .transform((v) => v ?? []);

const organisationSchema = z.strictObject({
  id: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/u, 'must be kebab-case: lower-case letters, digits and hyphens, e.g. home-start-glasgow-north'),
  name: text,
  description: z.string().optional(),
  website: httpUrlField('must start with http:// or https://').optional(),
  areas: textList,
  services: textList,
  referral: z.string().optional(),
  contact: text.optional(),
  for: wordListField(AUDIENCES, '[fathers or partners, infants]').optional(),
  stages: wordListField(STAGES, '[pregnancy, birth to 1 year]').optional(),
  self_referral: z
    .union([z.boolean(), z.string()])
    .refine((v) => typeof v === 'boolean' || /^(yes|no|true|false)$/iu.test(v.trim()), 'must be yes or no')
    .transform((v) => (typeof v === 'boolean' ? v : /^(yes|true)$/iu.test(v.trim())))
    .optional(),
  refer: text.optional(),
  phone: text.refine((v) => /^\+?\d[\d ()-]{5,}\d$/u.test(v), 'must be a phone number written with digits and spaces, e.g. "0141 000 0000"').optional(),
  email: z.string().trim().refine(isEmailAddress, 'must be an email address, e.g. referrals@example.org').optional(),
  languages: textList,
  cost: text.optional(),
  waiting_time: text.optional(),
  spotlight: z.boolean({ error: 'must be true or false' }).default(true),
  directory: z.boolean({ error: 'must be true or false' }).default(true),
  reviewed: isoDateField('2026-11-30').optional(),
});

const fileSchema = z.strictObject({
  organisations: z.array(organisationSchema, { error: 'must be a list of organisations, each starting with "- id: …"' }),
});

export interface ParsedOrganisations {
  organisations: Organisation[];
  lineOf: (path: YamlPath) => number | undefined;
  /** The line of one organisation's field, by its id. */
  lineOfField: (id: string, field: string) => number | undefined;
  problems: Problem[];
}

/** Pure: the text of `contacts/organisations.yaml` in, organisations in file order and every problem out. */
export function parseOrganisations(source: string, file: string): ParsedOrganisations {
  const none = (): undefined => undefined;
  const control = controlProblems(source, file);
  if (control.length > 0) return { organisations: [], lineOf: none, lineOfField: none, problems: control };
  const yaml = parseLocatedYaml(source, file);
  if (hasErrors(yaml.problems)) return { organisations: [], lineOf: yaml.lineOf, lineOfField: none, problems: yaml.problems };
  const result = fileSchema.safeParse(yaml.value ?? {}, { reportInput: true });
  if (!result.success) {
    return {
      organisations: [],
      lineOf: yaml.lineOf,
      lineOfField: none,
      problems: [...yaml.problems, ...schemaProblems(fileSchema, result.error, file, yaml.lineOf)],
    };
  }
  const problems = [...yaml.problems];
  const seen = new Map<string, number>();
  const organisations: Organisation[] = [];
  result.data.organisations.forEach((raw, index) => {
    const first = seen.get(raw.id);
    if (first !== undefined) {
      problems.push({
        severity: 'error',
        file,
        line: yaml.lineOf(['organisations', index, 'id']),
        message: `duplicate organisation id "${raw.id}" (first used on line ${yaml.lineOf(['organisations', first, 'id']) ?? '?'})`,
        hint: 'Each organisation needs its own id; issues refer to organisations by it.',
      });
      return;
    }
    seen.set(raw.id, index);
    const allAreas = raw.areas.some((area) => area.toLowerCase() === ALL_AREAS);
    if (allAreas && raw.areas.length > 1) {
      problems.push({
        severity: 'error',
        file,
        line: yaml.lineOf(['organisations', index, 'areas']),
        message: `${raw.name}: areas: "all" already means the whole network area`,
        hint: 'Write either areas: all, or the list of areas it covers, not both.',
      });
    }
    organisations.push({
      id: raw.id,
      name: raw.name,
      areas: allAreas ? [] : raw.areas,
      ...(allAreas ? { allAreas: true as const } : {}),
      services: raw.services,
      spotlight: raw.spotlight,
      ...(raw.directory ? {} : { directory: false as const }),
      ...(raw.reviewed !== undefined ? { reviewed: raw.reviewed } : {}),
      ...(raw.description !== undefined ? { description: raw.description } : {}),
      ...(raw.website !== undefined ? { website: raw.website } : {}),
      ...(raw.referral !== undefined ? { referral: raw.referral } : {}),
      ...(raw.contact !== undefined ? { contact: raw.contact } : {}),
      ...(raw.for !== undefined && raw.for.length > 0 ? { for: raw.for } : {}),
      ...(raw.stages !== undefined && raw.stages.length > 0 ? { stages: raw.stages } : {}),
      ...(raw.self_referral !== undefined ? { selfReferral: raw.self_referral } : {}),
      ...(raw.refer !== undefined ? { refer: raw.refer } : {}),
      ...(raw.phone !== undefined ? { phone: raw.phone } : {}),
      ...(raw.email !== undefined ? { email: raw.email } : {}),
      ...(raw.languages.length > 0 ? { languages: raw.languages } : {}),
      ...(raw.cost !== undefined ? { cost: raw.cost } : {}),
      ...(raw.waiting_time !== undefined ? { waitingTime: raw.waiting_time } : {}),
    });
  });
  const lineOfField = (id: string, field: string): number | undefined => {
    const index = seen.get(id);
    return index === undefined ? undefined : yaml.lineOf(['organisations', index, field]);
  };
  return { organisations, lineOf: yaml.lineOf, lineOfField, problems };
}
