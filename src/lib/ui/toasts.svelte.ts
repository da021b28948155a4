import type { ErrorAction } from '$lib/errors';

export type ToastKind = 'info' | 'success' | 'error';

export type ToastAction = ErrorAction;

export interface Toast {
	id: number;
	kind: ToastKind;
	message: string;
	action?: ToastAction;
}

const DEFAULT_TIMEOUT_MS: Record<ToastKind, number> = { info: 5000, success: 4000, error: 12000 };

/** The app's transient notifications. Errors stay longer; every toast can be dismissed. */
export class ToastManager {
	items = $state.raw<readonly Toast[]>([]);
	#nextId = 1;
	// eslint-disable-next-line svelte/prefer-svelte-reactivity -- timers are bookkeeping, not state
	#timers = new Map<number, ReturnType<typeof setTimeout>>();

	show(kind: ToastKind, message: string, action?: ToastAction, timeoutMs?: number): number {
		const id = this.#nextId++;
		// The same message twice in a row (a retried failure) replaces rather than stacks.
		const rest = this.items.filter((toast) => toast.message !== message);
		this.items = [...rest, { id, kind, message, action }].slice(-4);
		const ms = timeoutMs ?? DEFAULT_TIMEOUT_MS[kind];
		if (ms > 0)
			this.#timers.set(
				id,
				setTimeout(() => this.dismiss(id), ms)
			);
		return id;
	}

	info(message: string, action?: ToastAction) {
		return this.show('info', message, action);
	}

	success(message: string, action?: ToastAction) {
		return this.show('success', message, action);
	}

	error(message: string, action?: ToastAction) {
		return this.show('error', message, action);
	}

	dismiss(id: number) {
		clearTimeout(this.#timers.get(id));
		this.#timers.delete(id);
		this.items = this.items.filter((toast) => toast.id !== id);
	}

	reset() {
		for (const timer of this.#timers.values()) clearTimeout(timer);
		this.#timers.clear();
		this.items = [];
	}
}

export const toasts = new ToastManager();
