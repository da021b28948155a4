import * as v from 'valibot';

/**
 * Where a call's signalling happens (a PeerJS server) and which STUN/TURN servers help the two
 * browsers find each other. Nothing here names a third party: without settings the server is the
 * build's (`VITE_PEER_*`) or the app's own host, and there are no STUN/TURN servers at all, so
 * only devices on the same network can connect until the person configures some.
 */

const IceUrl = v.pipe(
	v.string(),
	v.trim(),
	v.maxLength(300),
	v.regex(/^(stun|turn|turns):[^\s]+$/i, 'A STUN/TURN address starts with stun:, turn: or turns:.')
);

export const IceServerSchema = v.strictObject({
	urls: IceUrl,
	username: v.optional(v.pipe(v.string(), v.maxLength(200))),
	credential: v.optional(v.pipe(v.string(), v.maxLength(200)))
});

export const ServerConfigSchema = v.strictObject({
	host: v.pipe(
		v.string(),
		v.trim(),
		v.minLength(1, 'Enter the host of the call server.'),
		v.maxLength(253),
		v.regex(/^[\w.-]+$|^\[[0-9a-f:]+\]$/i, 'The host is a name or an address, without http://.')
	),
	port: v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(65535)),
	path: v.pipe(v.string(), v.maxLength(200), v.regex(/^\/[\w./-]*$/, 'The path starts with /.')),
	key: v.pipe(v.string(), v.maxLength(100), v.regex(/^[\w-]*$/)),
	secure: v.boolean(),
	iceServers: v.pipe(v.array(IceServerSchema), v.maxLength(10))
});
export type ServerConfig = v.InferOutput<typeof ServerConfigSchema>;

/** The signalling setting as stored: empty fields fall back to the build's default. */
export interface StoredServer {
	host: string;
	port: number;
	path: string;
	key: string;
	secure: boolean;
	/** One STUN/TURN address a line. */
	ice: string;
	iceUsername: string;
	iceCredential: string;
}

interface BuildEnv {
	VITE_PEER_HOST?: string;
	VITE_PEER_PORT?: string;
	VITE_PEER_PATH?: string;
	VITE_PEER_KEY?: string;
	VITE_PEER_SECURE?: string;
	VITE_ICE_SERVERS?: string;
}

/** The deploy-time default: `VITE_PEER_*` at build time, else a PeerJS server on the app's host. */
export function buildDefault(
	env: BuildEnv = import.meta.env as BuildEnv,
	location: Pick<Location, 'hostname' | 'protocol'> = globalThis.location
): ServerConfig {
	return {
		host: env.VITE_PEER_HOST || location?.hostname || '127.0.0.1',
		port: Number(env.VITE_PEER_PORT) || 9000,
		path: env.VITE_PEER_PATH || '/kompanion',
		key: env.VITE_PEER_KEY || 'peerjs',
		secure: env.VITE_PEER_SECURE
			? env.VITE_PEER_SECURE === 'true'
			: location?.protocol === 'https:',
		iceServers: parseIce(env.VITE_ICE_SERVERS ?? '')
	};
}

/** The server a call uses: the person's settings over the build's default. Throws ValiError. */
export function resolveServer(stored: StoredServer, fallback = buildDefault()): ServerConfig {
	const ice = parseIce(stored.ice, stored.iceUsername, stored.iceCredential);
	return v.parse(ServerConfigSchema, {
		host: stored.host.trim() || fallback.host,
		port: stored.port || fallback.port,
		path: stored.path.trim() || fallback.path,
		key: stored.key.trim() || fallback.key,
		secure: stored.host.trim() ? stored.secure : fallback.secure,
		iceServers: ice.length ? ice : fallback.iceServers
	});
}

/** `resolveServer`, but a stored value that no longer passes falls back to the build's default. */
export function serverFromSettings(stored: StoredServer): ServerConfig {
	try {
		return resolveServer(stored);
	} catch (error) {
		console.warn('The call server settings are not valid; using the default server:', error);
		return buildDefault();
	}
}

function parseIce(text: string, username = '', credential = ''): ServerConfig['iceServers'] {
	return text
		.split(/[\s,]+/)
		.filter(Boolean)
		.map((urls) =>
			v.parse(IceServerSchema, {
				urls,
				...(/^turns?:/i.test(urls) && username ? { username, credential } : {})
			})
		);
}

/** Whether calls can only work between devices on one network (no STUN/TURN server). */
export function sameNetworkOnly(config: ServerConfig): boolean {
	return config.iceServers.length === 0;
}

/** The server settings as they travel in an invite link (base64url JSON). */
export function encodeServer(config: ServerConfig): string {
	const bytes = new TextEncoder().encode(JSON.stringify(config));
	let binary = '';
	for (const byte of bytes) binary += String.fromCharCode(byte);
	return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** Reads a link's server settings; null when they are missing or not valid. */
export function decodeServer(text: string | null): ServerConfig | null {
	if (!text || text.length > 4000) return null;
	try {
		const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
		const json = new TextDecoder().decode(Uint8Array.from(binary, (c) => c.charCodeAt(0)));
		const parsed = v.safeParse(ServerConfigSchema, JSON.parse(json));
		return parsed.success ? parsed.output : null;
	} catch (error) {
		console.warn('The invite link’s server settings could not be read:', error);
		return null;
	}
}

/** The server as a person reads it: `host:port/path`. */
export function describeServer(config: ServerConfig): string {
	return `${config.secure ? 'wss' : 'ws'}://${config.host}:${config.port}${config.path}`;
}
