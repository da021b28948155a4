import type { EndReason, Problem } from './room-state';

/** What each problem means for the person, and what they can do about it. */
export function describeProblem(problem: Problem, server: string): string {
	switch (problem) {
		case 'id-taken':
			return 'This room code is already in use on the call server. Start a new call to get another code.';
		case 'peer-unavailable':
			return 'No call is open with this code. Check the code, or ask the host whether the call is still open.';
		case 'server-unreachable':
			return `The call server (${server}) cannot be reached. Check Settings → Calls with people, or start one with “npm run signal”.`;
		case 'ice-failed':
			return 'The two devices could not connect directly. On different networks, calls need a STUN/TURN server (Settings → Calls with people).';
		case 'denied':
			return 'The host did not let you in.';
		case 'full':
			return 'This call is full.';
		case 'version':
			return 'The other side runs a different version of Kompanion. Both of you reload the app, then try again.';
		case 'connection-lost':
			return 'The connection broke and did not come back within 20 seconds. Check your network (Wi-Fi or mobile data), then join again with the same link or code, or start a new call.';
	}
}

export function describeEnd(reason: EndReason): string {
	switch (reason) {
		case 'you-left':
			return 'You left the call.';
		case 'others-left':
			return 'Everyone else left: the call has ended.';
		case 'denied':
			return 'You were not let in.';
		case 'failed':
			return 'The call could not go on.';
	}
}
