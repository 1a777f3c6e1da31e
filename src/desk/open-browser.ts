import { spawn } from 'node:child_process';

/**
 * IO: asks the platform to open `url` in the coordinator's browser, without a
 * shell (the address carries the token, and `cmd /c start` would read `&`).
 * Resolves false when no opener could be started.
 */
export function openBrowser(url: string, platform: NodeJS.Platform = process.platform): Promise<boolean> {
  const [command, ...args] = platform === 'win32' ? ['explorer.exe', url] : platform === 'darwin' ? ['open', url] : ['xdg-open', url];
  return new Promise((resolve) => {
    const child = spawn(command, args, { stdio: 'ignore', detached: true, shell: false });
    child.once('error', () => resolve(false));
    child.once('spawn', () => {
      child.unref();
      resolve(true);
    });
  });
}
