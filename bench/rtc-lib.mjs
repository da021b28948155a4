// What the calls-with-people benchmarks share: Chromium's flags for WebRTC on loopback with fake
// devices, and a free port for the signalling server.
import { createServer } from 'node:net';

export const RTC_FLAGS = [
	'--allow-loopback-in-peer-connection',
	'--disable-features=WebRtcHideLocalIpsWithMdns',
	'--use-fake-device-for-media-stream',
	'--use-fake-ui-for-media-stream',
	'--autoplay-policy=no-user-gesture-required'
];

/** @returns {Promise<number>} a port free on 127.0.0.1 right now */
export const freePort = () =>
	new Promise((resolve) => {
		const probe = createServer().listen(0, '127.0.0.1', () => {
			const address = /** @type {import('node:net').AddressInfo} */ (probe.address());
			probe.close(() => resolve(address.port));
		});
	});
