// The bench page: one face, speaking without pause, drawn on screen and into its video track.
// `?face=new`: the viseme face, fed a sentence's viseme track on a loop as the audio clock would;
// `?face=old`: the face before visemes (`$old`: its files as of commit 27c2d3b, taken from git by
// bench/avatar-frame.mjs), its mouth following a speech-like level.
import { mount, type Component } from 'svelte';
import type { AvatarLook } from '$lib/avatar/look';
import { LiveAvatar } from '$lib/avatar/live-avatar.svelte';
import { DEFAULT_LOOK } from '$lib/avatar/look';
import { alignVisemes } from '$lib/avatar/visemes';
import { VisemeSchedule } from '$lib/avatar/visemes/schedule';
import LiveFace from '$lib/components/call/LiveFace.svelte';
// Written at bench time from git (bench/avatar-frame.mjs); old.d.ts declares them.
import OldFaceModule from '$old/Face.svelte';
import { LiveAvatar as OldAvatarModule } from '$old/live-avatar.svelte';

interface OldPose {
	mouth: number;
	blink: boolean;
	tilt: number;
}
const OldFace = OldFaceModule as Component<{
	look: AvatarLook;
	label: string;
	mouthOpen: number;
	blink: boolean;
	tilt: number;
}>;
const OldAvatar = OldAvatarModule as new (look: AvatarLook) => {
	pose: OldPose;
	track: MediaStreamTrack | null;
	start(level: () => number): void;
};

const SENTENCE = 'Hallo! Schön, dich zu sehen. Wie geht es dir heute?';
const SECONDS = 3.2;
const which = new URLSearchParams(location.search).get('face') ?? 'new';
const target = document.getElementById('app')!;
target.style.width = target.style.height = '320px';
const clock = () => performance.now() / 1000;
const video = document.createElement('video');
video.muted = true;
document.body.append(video);

if (which === 'new') {
	const cues = alignVisemes({ text: SENTENCE, lang: 'de', duration: SECONDS });
	const schedule = new VisemeSchedule();
	const avatar = new LiveAvatar(DEFAULT_LOOK);
	avatar.start({
		level: () => 0,
		phase: () => 'speaking',
		clause: () => true,
		mouth: () => {
			if (schedule.size === 0) schedule.add(cues, clock(), SECONDS);
			return schedule.at(clock());
		}
	});
	mount(LiveFace, { target, props: { avatar, label: 'Lena' } });
	video.srcObject = new MediaStream([avatar.track!]);
} else {
	const avatar = new OldAvatar(DEFAULT_LOOK);
	avatar.start(() => Math.abs(Math.sin(performance.now() / 90)) * 0.8);
	// As the old LiveFace did: the pose's parts as the face's props, every frame.
	const props = $state({ look: DEFAULT_LOOK, label: 'Lena', mouthOpen: 0, blink: false, tilt: 0 });
	mount(OldFace, { target, props });
	const follow = () => {
		Object.assign(props, {
			mouthOpen: avatar.pose.mouth,
			blink: avatar.pose.blink,
			tilt: avatar.pose.tilt
		});
		requestAnimationFrame(follow);
	};
	requestAnimationFrame(follow);
	video.srcObject = new MediaStream([avatar.track!]);
}
void video.play();
Object.assign(globalThis, { __faceReady: true });
