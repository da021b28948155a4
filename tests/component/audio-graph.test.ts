import { describe, expect, it } from 'vitest';
import { userEvent } from 'vitest/browser';
import { CallAudioGraph } from '$lib/call/audio-graph.svelte';
import { AudioPlayer } from '$lib/call/playback.svelte';

/** How loud a stream is, heard through an analyser in a context of its own. */
function listenTo(stream: MediaStream) {
	const context = new AudioContext();
	const analyser = context.createAnalyser();
	context.createMediaStreamSource(stream).connect(analyser);
	const samples = new Float32Array(analyser.fftSize);
	return {
		level() {
			analyser.getFloatTimeDomainData(samples);
			return Math.max(...samples.map(Math.abs));
		},
		close: () => context.close()
	};
}

/** Audio runs only after a person's gesture (a call starts with a click). */
async function click() {
	const button = document.body.appendChild(document.createElement('button'));
	button.textContent = 'Call';
	await userEvent.click(button);
	button.remove();
}

describe('CallAudioGraph (Web Audio in Chromium)', () => {
	it('taps the companion’s voice as a stream, takes peers in, and closes everything', async () => {
		await click();
		const graph = new CallAudioGraph();
		expect(() => graph.voiceOutput).toThrow(/before open/);
		graph.open();
		const player = new AudioPlayer(graph.context, graph.voiceOutput);
		const voice = graph.voiceStream;
		expect(voice.getAudioTracks()).toHaveLength(1);
		const ear = listenTo(voice);
		player.enqueue(new Float32Array(48_000).fill(0.5), 48_000);
		await expect.poll(() => ear.level(), { timeout: 2000 }).toBeGreaterThan(0.2);
		player.stop();
		await expect.poll(() => ear.level(), { timeout: 2000 }).toBeLessThan(0.01);

		// Another person's stream (here: a tone from a context of its own) joins and leaves.
		const peer = new AudioContext();
		const tone = peer.createOscillator();
		const peerOut = peer.createMediaStreamDestination();
		tone.connect(peerOut);
		tone.start();
		const leave = graph.addRemote(peerOut.stream);
		expect(graph.addRemote(peerOut.stream)).toBeTypeOf('function');
		expect(graph.remoteStreams).toEqual([peerOut.stream]);
		leave();
		expect(graph.remoteStreams).toEqual([]);

		// The face as video comes from its source (the drawn avatar, or later a hosted face).
		const face = document.createElement('canvas').captureStream().getVideoTracks()[0];
		graph.useAvatar({ track: face });
		expect(graph.avatarTrack).toBe(face);

		const context = graph.context;
		await graph.close();
		expect(graph.avatarTrack).toBeNull();
		expect(context.state).toBe('closed');
		expect(voice.getAudioTracks()[0].readyState).toBe('ended');
		expect(graph.micStream).toBeNull();
		await ear.close();
		await peer.close();
	});
});
