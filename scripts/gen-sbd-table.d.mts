/** The sentence-boundary table (pipeline/engine/wink-sbd-table.ts) as TypeScript source, from the installed model. */
export declare function generate(): string;
