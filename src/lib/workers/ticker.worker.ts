// A clock that keeps time while the page is hidden: timers in a dedicated worker are not
// throttled the way a hidden page's timers and animation frames are. The page draws on its ticks
// and answers each one; the next tick waits for the answer, so a busy page is never flooded
// with ticks it cannot keep up with (it gets fewer frames instead).
let interval = 0;
let due = 0;
let timer: ReturnType<typeof setTimeout> | undefined;

const tick = () => {
	due = performance.now() + interval;
	self.postMessage(0);
};

self.onmessage = (event: MessageEvent<{ start: number } | 'done' | 'stop'>) => {
	clearTimeout(timer);
	if (event.data === 'stop') return;
	if (event.data === 'done') {
		timer = setTimeout(tick, Math.max(0, due - performance.now()));
		return;
	}
	interval = event.data.start;
	tick();
};
