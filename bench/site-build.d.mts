/** The sample workspace with `years` of approved monthly issues and `organisations` generated members of the directory. */
export function siteBenchWorkspace(options: { years: number; organisations: number }): Promise<{ dir: string; latest: string; remove(): Promise<void> }>;
