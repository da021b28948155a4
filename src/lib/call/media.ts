import { asset } from '$app/paths';
import { AppError } from '$lib/errors';

/** Why a device could not be used, in words a person can act on. */
export type DeviceProblem = 'denied' | 'missing' | 'busy' | 'unsupported';

export class MediaDeviceError extends AppError {
	override name = 'MediaDeviceError';
	constructor(
		readonly device: 'microphone' | 'camera',
		readonly problem: DeviceProblem,
		cause?: unknown
	) {
		super(describe(device, problem), { code: `media/${device}-${problem}`, cause, expected: true });
	}
}

function describe(device: 'microphone' | 'camera', problem: DeviceProblem): string {
	const what = device === 'microphone' ? 'the microphone' : 'the camera';
	switch (problem) {
		case 'denied':
			return `Kompanion may not use ${what}. Allow it in the browser's site settings (the icon left of the address), then press “Try again”.`;
		case 'missing':
			return `No ${device} was found. Connect one, then press “Try again”.`;
		case 'busy':
			return `${what[0].toUpperCase()}${what.slice(1)} is in use by another app. Close it there, then press “Try again”.`;
		case 'unsupported':
			return `This browser cannot use ${what} here (it needs HTTPS or localhost).`;
	}
}

function classify(device: 'microphone' | 'camera', error: unknown): MediaDeviceError {
	const name = (error as { name?: string })?.name;
	const problem: DeviceProblem =
		name === 'NotAllowedError' || name === 'SecurityError'
			? 'denied'
			: name === 'NotFoundError' || name === 'OverconstrainedError'
				? 'missing'
				: name === 'NotReadableError' || name === 'AbortError'
					? 'busy'
					: 'unsupported';
	return new MediaDeviceError(device, problem, error);
}

/** The microphone, with echo cancellation and noise suppression so the companion hears the person, not itself. */
export async function openMicrophone(): Promise<MediaStream> {
	if (!navigator.mediaDevices?.getUserMedia) throw classify('microphone', null);
	try {
		return await navigator.mediaDevices.getUserMedia({
			audio: {
				echoCancellation: true,
				noiseSuppression: true,
				autoGainControl: true,
				channelCount: 1
			}
		});
	} catch (error) {
		throw classify('microphone', error);
	}
}

export async function openCamera(): Promise<MediaStream> {
	if (!navigator.mediaDevices?.getUserMedia) throw classify('camera', null);
	try {
		return await navigator.mediaDevices.getUserMedia({
			video: { width: { ideal: 640 }, height: { ideal: 480 }, facingMode: 'user' }
		});
	} catch (error) {
		throw classify('camera', error);
	}
}

export function stopStream(stream: MediaStream | null | undefined): void {
	for (const track of stream?.getTracks() ?? []) track.stop();
}

/**
 * Feeds the microphone to the voice activity detector: an AudioContext at 16 kHz (the browser
 * resamples), the capture worklet, and a MessagePort straight to the detector's worker.
 * Returns the port to hand to the worker and a function that disconnects everything.
 */
export async function captureMicrophone(context: AudioContext, stream: MediaStream) {
	await context.audioWorklet.addModule(asset('/worklets/mic-capture.js'));
	const source = context.createMediaStreamSource(stream);
	const node = new AudioWorkletNode(context, 'mic-capture', {
		numberOfInputs: 1,
		numberOfOutputs: 0
	});
	const channel = new MessageChannel();
	node.port.postMessage({ type: 'connect', port: channel.port1 }, [channel.port1]);
	source.connect(node);
	return {
		port: channel.port2,
		stop() {
			node.port.postMessage({ type: 'disconnect' });
			source.disconnect();
			node.disconnect();
		}
	};
}
