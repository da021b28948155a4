// The face before visemes, written at bench time from git (bench/avatar-frame.mjs): typed in
// main.svelte.ts where it is used.
declare module '$old/*';
