/** The Web Lock a recorder holds for as long as it records (so no tab recovers a live one). */
export const lockName = (id: string) => `kompanion-recording:${id}`;

/** Whether a recorder in any tab of this app holds the recording's lock. */
export async function heldByRecorder(id: string): Promise<boolean> {
	if (!navigator.locks) return false;
	const { held = [] } = await navigator.locks.query();
	return held.some((lock) => lock.name === lockName(id));
}
