import { userInfo } from 'node:os';
import { describe, expect, it } from 'vitest';
import { currentUserName } from '../../src/fs/current-user-name.js';

const noPasswdEntry = (): never => {
  throw Object.assign(new Error('uv_os_get_passwd returned ENOENT (no such file or directory)'), { code: 'ERR_SYSTEM_ERROR' });
};

describe('currentUserName', () => {
  it('is the passwd name when there is one', () => {
    expect(currentUserName({}, () => userInfo())).toBe(userInfo().username);
  });

  it('falls back to $USER, then $LOGNAME, then the uid when the user has no passwd entry (regression: "internal error: uv_os_get_passwd returned ENOENT")', () => {
    expect(currentUserName({ USER: 'morag' }, noPasswdEntry, 54321)).toBe('morag');
    expect(currentUserName({ USER: ' ', LOGNAME: 'ewan' }, noPasswdEntry, 54321)).toBe('ewan');
    expect(currentUserName({}, noPasswdEntry, 54321)).toBe('uid 54321');
  });
});
