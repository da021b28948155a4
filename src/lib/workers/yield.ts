/**
 * Resolves in a new macrotask. CPU inference (onnxruntime on WASM) resolves its promises as
 * microtasks, so a generation loop never lets the worker read its messages: an abort would only
 * arrive after the whole reply. Yielding once per step lets it through within one token.
 */
export function nextMacrotask(): Promise<void> {
	return new Promise((resolve) => {
		const channel = new MessageChannel();
		channel.port1.onmessage = () => {
			channel.port1.close();
			resolve();
		};
		channel.port2.postMessage(null);
	});
}
