import type { Linter } from 'eslint';

/** The types of module-map.js, for the test that holds lint to the map. */
export declare const parts: Record<string, string[]>;
export declare const nevers: Array<[from: string, to: string, why: string]>;
export declare function neverImportConfigs(): Linter.Config[];
