// See https://svelte.dev/docs/kit/types#app.d.ts
declare global {
	/** package.json's version, injected by vite.config.ts. */
	const __APP_VERSION__: string;
	/** Where onnxruntime-web's files are served, relative to the app: `runtime/ort/<version>/`. */
	const __ORT_DIR__: string;

	namespace App {
		interface Error {
			message: string;
			code?: string;
		}
	}
}

export {};
