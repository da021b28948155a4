// A clock that keeps time while the page is hidden: timers in a dedicated worker are not
// throttled the way a hidden page's timers and animation frames are. The page draws on its ticks.
let timer: ReturnType<typeof setInterval> | undefined;
self.onmessage = (event: MessageEvent<number | null>) => {
	clearInterval(timer);
	if (event.data) timer = setInterval(() => self.postMessage(0), event.data);
};
