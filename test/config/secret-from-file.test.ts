import { describe, expect, it } from 'vitest';
import { secretFromFile } from '../../src/config/secret-from-file.js';

describe('secretFromFile', () => {
  it("takes off the one line end an editor or echo adds, LF or CRLF, and nothing of the secret's own", () => {
    expect(secretFromFile('s3cret\n')).toBe('s3cret');
    expect(secretFromFile('s3cret\r\n')).toBe('s3cret');
    expect(secretFromFile('s3cret')).toBe('s3cret');
    expect(secretFromFile(' s3cret \n\n')).toBe(' s3cret \n');
  });
});
