import { readFile } from 'node:fs/promises';
import { readError } from '../fs/read-error.js';
import { decodeCsvBytes, type DecodedCsv } from './decode-csv-bytes.js';

/**
 * IO: a CSV file's bytes, decoded by decodeCsvBytes; undefined when it does
 * not exist. Any other failure names the file (`label`, as the user knows it).
 */
export async function readCsvFile(path: string, label: string): Promise<DecodedCsv | undefined> {
  try {
    return decodeCsvBytes(await readFile(path), label);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw readError(error as NodeJS.ErrnoException, label);
  }
}
