import { normaliseCode } from './codes';
import { decodeServer, encodeServer, type ServerConfig } from './server-config';

/**
 * Invite links: `<app>#/meet?room=<code>&server=<settings>`. The link carries the host's server
 * settings, so a guest on a first visit needs no setup. Everything read from a link is validated.
 */
export function inviteLink(
	base: Pick<Location, 'origin' | 'pathname'>,
	code: string,
	server: ServerConfig
): string {
	const query = new URLSearchParams({ room: code, server: encodeServer(server) });
	return `${base.origin}${base.pathname}#/meet?${query}`;
}

export interface Invitation {
	code: string | null;
	server: ServerConfig | null;
}

/** The room code and server settings an address carries (in the hash, as hash routing puts them). */
export function invitationFrom(url: URL): Invitation {
	const inHash = url.hash.indexOf('?');
	const query = inHash >= 0 ? new URLSearchParams(url.hash.slice(inHash + 1)) : url.searchParams;
	const room = query.get('room');
	return { code: room ? normaliseCode(room) : null, server: decodeServer(query.get('server')) };
}
