import { userInfo } from 'node:os';

/**
 * Who is running the command, for records such as resubscriptions.csv's
 * `by`. A container's user often has no passwd entry, where os.userInfo()
 * throws (ENOENT): then the login name from the environment, or the uid.
 */
export function currentUserName(
  env: NodeJS.ProcessEnv = process.env,
  lookUp: () => { username: string } = () => userInfo(),
  uid: number | undefined = process.getuid?.(),
): string {
  try {
    const name = lookUp().username;
    if (name !== '') return name;
  } catch {
    // No passwd entry for this uid: fall through to the environment.
  }
  const fromEnv = [env.USER, env.LOGNAME, env.USERNAME].find((name) => name !== undefined && name.trim() !== '');
  if (fromEnv !== undefined) return fromEnv.trim();
  return uid === undefined ? 'unknown user' : `uid ${uid}`;
}
