import type { NetworkArea } from '../config/config.js';
import type { Problem } from '../errors.js';
import { namesInOneLine } from './names-in-one-line.js';
import type { Organisation } from './organisation.js';

/**
 * Pure: what would make the directory more use to a referrer, as at most two
 * warnings (never one per organisation): profiles that say how to refer only
 * in free text, and areas written freely because the config has no list.
 */
export function suggestProfileFields(
  organisations: readonly Organisation[],
  networkAreas: readonly NetworkArea[],
  files: { organisations: string; config: string },
): Problem[] {
  const listed = organisations.filter((organisation) => organisation.directory !== false);
  const problems: Problem[] = [];
  const freeText = listed.filter(
    (organisation) =>
      (organisation.referral !== undefined || organisation.contact !== undefined) &&
      organisation.refer === undefined &&
      organisation.phone === undefined &&
      organisation.email === undefined,
  );
  if (freeText.length > 0) {
    problems.push({
      severity: 'warning',
      file: files.organisations,
      message: `${freeText.length} directory profile${freeText.length === 1 ? ' says' : 's say'} how to refer only in free text (referral:, contact:): ${namesInOneLine(freeText)}`,
      hint: 'Add refer: (how a professional refers, and what to include), phone: and email:, and for:, stages: and self_referral:, so that the website shows tap-to-call links and whom each service is for.',
    });
  }
  if (networkAreas.length === 0 && listed.some((organisation) => organisation.areas.length > 0)) {
    problems.push({
      severity: 'warning',
      file: files.config,
      message: "the config has no list of the network's areas, so the organisations' areas are not checked",
      hint: "Add the list, e.g.\n  areas:\n    - Glasgow City\n    - { name: Renfrewshire, code: S12000038 }\nthen each organisation's areas must come from it, and areas: all lists a service under every area.",
    });
  }
  return problems;
}
