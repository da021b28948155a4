// AudioWorklet: forwards the microphone as 512-sample frames (32 ms at 16 kHz), each with its
// capture time on the audio clock, to the voice activity detector's worker, through a MessagePort
// handed over at start. The audio never passes through the page's main thread. Plain JavaScript:
// worklets load as-is, without the bundler.

const FRAME = 512;

class MicCapture extends AudioWorkletProcessor {
	constructor() {
		super();
		/** @type {MessagePort | null} */
		this.target = null;
		this.frame = new Float32Array(FRAME);
		this.filled = 0;
		this.port.onmessage = (event) => {
			if (event.data?.type === 'connect') this.target = event.data.port;
			if (event.data?.type === 'disconnect') this.target = null;
		};
	}

	/** @param {Float32Array[][]} inputs */
	process(inputs) {
		const channel = inputs[0]?.[0];
		if (!channel || !this.target) return true;
		let offset = 0;
		while (offset < channel.length) {
			const take = Math.min(FRAME - this.filled, channel.length - offset);
			this.frame.set(channel.subarray(offset, offset + take), this.filled);
			this.filled += take;
			offset += take;
			if (this.filled === FRAME) {
				// The audio clock at the end of the frame's last sample: the detector's worker times
				// the frame by when it was captured, however late it gets to read it.
				const time = currentTime + offset / sampleRate;
				this.target.postMessage({ audio: this.frame, time }, [this.frame.buffer]);
				this.frame = new Float32Array(FRAME);
				this.filled = 0;
			}
		}
		return true;
	}
}

registerProcessor('mic-capture', MicCapture);
