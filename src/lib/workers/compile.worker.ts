// Worker entry. Workers are bundled without the Svelte plugin: nothing imported from here may
// use runes (no *.svelte.ts); the lint rules for workers enforce it.
import { serveCompiles } from './compile';

serveCompiles();
