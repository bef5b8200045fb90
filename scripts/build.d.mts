export declare const ROOT: string;
export declare const DIST: string;
/** Whether dist/ is missing or older than a source. */
export declare function isStale(): boolean;
/** Builds dist/ with tsc, then bundles its two entries with esbuild (throws when the build fails). */
export declare function build(): void;
/** Builds dist/ when it is stale; says so on stderr. */
export declare function ensureBuilt(): void;
