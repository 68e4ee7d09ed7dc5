// Types for the build script hashbang.mjs, which the package test imports.
export declare const PLAIN: string;
export declare const FLAGGED: string;
export declare function chooseHashbang(envPath?: string): string;
