import { describe, expect, it } from 'vitest';
import { render } from 'vitest-browser-svelte';
import LiveFace from '$lib/components/call/LiveFace.svelte';
import type { CallPhase } from '$lib/avatar/face-state';
import { LiveAvatar } from '$lib/avatar/live-avatar.svelte';
import { DEFAULT_LOOK } from '$lib/avatar/look';
import type { MouthFrame } from '$lib/avatar/visemes/schedule';

const frames = (count: number) =>
	new Promise<void>((done) => {
		let left = count;
		const next = () => (--left <= 0 ? done() : requestAnimationFrame(next));
		requestAnimationFrame(next);
	});

/** A call's face driven by a fake turn: the phase, the first clause and the viseme are set here. */
function face(options: { reducedMotion?: boolean } = {}) {
	const drive = {
		phase: 'idle' as CallPhase,
		clause: false,
		mouth: null as MouthFrame | null
	};
	const avatar = new LiveAvatar(DEFAULT_LOOK, { random: () => 0.5, ...options });
	avatar.start({
		level: () => 0,
		phase: () => drive.phase,
		clause: () => drive.clause,
		mouth: () => drive.mouth
	});
	const screen = render(LiveFace, { avatar, label: 'Lena' });
	const element = () =>
		screen.container.querySelector<HTMLElement>('[data-testid="companion-face"]')!;
	/** What the drawn face looks like now: the SVG's markup. */
	const picture = () => element().querySelector('svg')!.innerHTML;
	return { drive, avatar, element, picture, stop: () => avatar.stop() };
}

describe('the companion’s face', () => {
	it('renders every state of the turn', async () => {
		const { drive, element, picture, stop } = face();
		const seen = new Map<string, string>();
		const show = async (phase: CallPhase, clause = false, mouth: MouthFrame | null = null) => {
			Object.assign(drive, { phase, clause, mouth });
			await frames(12);
		};

		await show('idle');
		expect(element().dataset.face).toBe('idle');
		seen.set('idle', picture());

		await show('hearing');
		expect(element().dataset.face).toBe('listening');
		seen.set('listening', picture());

		await show('thinking');
		expect(element().dataset.face).toBe('thinking');
		seen.set('thinking', picture());

		await show('thinking', true, { viseme: 'O', next: 'O', blend: 0, stress: 1 });
		expect(element().dataset.face).toBe('speaking');
		expect(element().dataset.viseme).toBe('O');
		expect(element().dataset.mouth).toBe('open');
		seen.set('speaking', picture());

		await show('speaking', true, { viseme: 'PP', next: 'PP', blend: 0, stress: 0 });
		expect(element().dataset.viseme).toBe('PP');
		expect(element().dataset.mouth).toBe('closed');

		// Each state draws its own face (eyes away while thinking, the mouth's shape speaking).
		expect(new Set(seen.values()).size).toBe(4);
		expect(element().querySelector('svg')?.getAttribute('aria-label')).toBe('Lena');
		stop();
	});

	it('holds still when motion is reduced, and moves otherwise', async () => {
		const still = face({ reducedMotion: true });
		expect(still.element().dataset.motion).toBe('reduced');
		await frames(3);
		const first = still.picture();
		for (let i = 0; i < 5; i++) {
			await frames(6);
			expect(still.picture()).toBe(first);
		}
		still.stop();

		const alive = face({ reducedMotion: false });
		expect(alive.element().dataset.motion).toBe('full');
		await frames(3);
		const pictures = new Set<string>();
		for (let i = 0; i < 5; i++) {
			await frames(6);
			pictures.add(alive.picture());
		}
		expect(pictures.size).toBeGreaterThan(1);
		alive.stop();
	});

	it('follows prefers-reduced-motion', () => {
		const avatar = new LiveAvatar(DEFAULT_LOOK);
		avatar.start(() => 0);
		expect(avatar.reducedMotion).toBe(matchMedia('(prefers-reduced-motion: reduce)').matches);
		avatar.stop();
	});
});
