import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Ajv, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { ROOT } from '../support/workspace.js';

// ajv-formats is CommonJS: under NodeNext its function is the module's `default`.
const addFormats = addFormatsModule.default;

/** The Open Referral UK profile's own schemas (kept in test/fixtures/openreferral-uk): a listed service and a full one. */
export async function openReferralValidators(): Promise<{ listed: ValidateFunction; full: ValidateFunction }> {
  const load = async (file: string): Promise<object> => JSON.parse(await readFile(join(ROOT, 'test/fixtures/openreferral-uk', file), 'utf8')) as object;
  const ajv = new Ajv({ strict: false, allErrors: true });
  addFormats(ajv);
  return { listed: ajv.compile(await load('service_list.json')), full: ajv.compile(await load('service_with_definitions.json')) };
}
