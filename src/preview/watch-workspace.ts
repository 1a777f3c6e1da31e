import { watch, type FSWatcher } from 'node:fs';
import { join } from 'node:path';

/** What the rendered issue depends on; `out/` and the state folder are not. */
const FOLDERS = [
  { name: 'issues', recursive: false },
  { name: 'contacts', recursive: false },
  { name: 'templates', recursive: true },
] as const;
const ROOT_FILES = new Set<string>(['snippet.config.yaml', ...FOLDERS.map((f) => f.name)]);

export interface WorkspaceWatcher {
  close(): void;
}

/**
 * Calls `onChange` with the workspace-relative path of every change to the
 * files a render reads. The workspace folder itself is watched (not the config
 * file) because editors save by writing a new file and renaming it over the
 * old one, which would orphan a watch on the file; a folder created later
 * (`templates/`, say) is picked up when it appears. Editor swap and backup
 * files are ignored.
 */
export function watchWorkspace(dir: string, onChange: (file: string) => void): WorkspaceWatcher {
  const watchers = new Map<string, FSWatcher>();
  const watchFolders = (): void => {
    for (const folder of FOLDERS) {
      if (watchers.has(folder.name)) continue;
      const watcher = tryWatch(join(dir, folder.name), folder.recursive, (file) => {
        if (isEditorLeftover(file)) return;
        onChange(`${folder.name}/${file.split('\\').join('/')}`);
      });
      if (watcher) {
        watcher.on('error', () => {
          // The folder went away (deleted or renamed): watch it again if it comes back.
          watcher.close();
          watchers.delete(folder.name);
        });
        watchers.set(folder.name, watcher);
      }
    }
  };
  const root = tryWatch(dir, false, (file) => {
    if (!ROOT_FILES.has(file)) return;
    watchFolders();
    onChange(file);
  });
  watchFolders();
  return {
    close() {
      root?.close();
      for (const watcher of watchers.values()) watcher.close();
      watchers.clear();
    },
  };
}

function tryWatch(path: string, recursive: boolean, onFile: (file: string) => void): FSWatcher | undefined {
  try {
    return watch(path, { recursive, persistent: true }, (_event, file) => {
      if (file) onFile(file.toString());
    });
  } catch {
    return undefined;
  }
}

/** vim's `.x.swp` and `4913` probe, emacs's `#x#` and `.#x`, and `x~` backups. */
function isEditorLeftover(file: string): boolean {
  const name = file.split(/[\\/]/u).at(-1) ?? file;
  return name.startsWith('.') || name.startsWith('#') || name.endsWith('~') || name === '4913';
}
