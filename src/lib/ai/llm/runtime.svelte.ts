import type { DeviceCapabilities } from '$lib/ai/capabilities';
import { ortWasmPaths } from '$lib/ai/source';
import { isAbortError, toAppError, type AppError } from '$lib/errors';
import { keepForOffline } from '$lib/pwa/offline';
import { chooseEngine, isProblem, type EngineChoice, type LlmSettings } from './choice';
import { AiError } from '../errors';
import type { ChatTurn, GenerateOptions, GenerateResult, LlmEngine, LoadProgress } from './engine';

export type RuntimeStatus = 'idle' | 'loading' | 'ready' | 'error';

export interface RuntimeDeps {
	settings: () => Promise<LlmSettings>;
	apiKey: () => Promise<string>;
	capabilities: () => Promise<DeviceCapabilities>;
	/** Base URL the app is served from, for onnxruntime's files. */
	appBase: () => string;
}

export interface RuntimeGenerateOptions extends GenerateOptions {
	/**
	 * Work nobody waits for (memory formation, summaries): it runs only on a loaded model that is
	 * not answering anyone, and a reply the person waits for stops it (AbortError: try later).
	 */
	background?: boolean;
}

export interface Reply extends GenerateResult {
	engine: EngineChoice['engine'];
	model: string;
}

const keyOf = (choice: EngineChoice) => JSON.stringify(choice);
const busy = () =>
	new DOMException('The model is busy with a reply; try again later.', 'AbortError');

/**
 * The companion's mind for the whole app: picks the engine from settings and the device, loads
 * the model once (with progress and cancel), runs generations one at a time, and turns a crashed
 * worker or a lost GPU into a typed error with a way on. Engines load lazily, in workers.
 */
export class LlmRuntime {
	status = $state<RuntimeStatus>('idle');
	progress = $state.raw<LoadProgress | null>(null);
	error = $state.raw<AppError | null>(null);
	choice = $state.raw<EngineChoice | null>(null);
	/** The loaded model and its runtime code are stored: it works offline now. */
	availableOffline = $state(false);

	#engine: LlmEngine | null = null;
	#engineKey = '';
	#loading: Promise<LlmEngine> | null = null;
	#loadController: AbortController | null = null;
	#detaching: (() => void) | null = null;
	/** Generations someone waits for, in flight. */
	#foreground = 0;
	#background: AbortController | null = null;

	constructor(private readonly deps: RuntimeDeps) {}

	/** Loads the configured model if it is not loaded yet. Concurrent callers share one load. */
	async ensureReady(): Promise<LlmEngine> {
		// Settings change only through reconfigure(), so a loaded engine is still the right one:
		// no database reads on the way to the first token.
		if (this.status === 'ready' && this.#engine?.model) return this.#engine;
		const choice = await this.#choose();
		if (this.#engine && this.#engineKey === keyOf(choice) && this.#engine.model)
			return this.#engine;
		if (this.#loading && this.#engineKey === keyOf(choice)) return this.#loading;
		this.#loading = this.#load(choice).finally(() => (this.#loading = null));
		return this.#loading;
	}

	async generate(
		messages: readonly ChatTurn[],
		{ background = false, ...options }: RuntimeGenerateOptions = {}
	): Promise<Reply> {
		if (background) return this.#generateInBackground(messages, options);
		this.#foreground++;
		this.#background?.abort(busy());
		try {
			return await this.#run(await this.ensureReady(), messages, options);
		} finally {
			this.#foreground--;
		}
	}

	async #generateInBackground(
		messages: readonly ChatTurn[],
		options: GenerateOptions
	): Promise<Reply> {
		const engine = this.#engine;
		// Background work never loads a model (a download nobody asked for) nor queues behind a reply.
		if (this.status !== 'ready' || !engine?.model || this.#foreground > 0 || this.#background)
			throw busy();
		const controller = new AbortController();
		this.#background = controller;
		const signal = options.signal
			? AbortSignal.any([options.signal, controller.signal])
			: controller.signal;
		try {
			const reply = await this.#run(engine, messages, { ...options, signal });
			if (reply.finishReason === 'abort') throw busy();
			return reply;
		} finally {
			if (this.#background === controller) this.#background = null;
		}
	}

	async #run(
		engine: LlmEngine,
		messages: readonly ChatTurn[],
		options: GenerateOptions
	): Promise<Reply> {
		const choice = this.choice!;
		try {
			const result = await engine.generate(messages, options);
			return { ...result, engine: choice.engine, model: choice.label };
		} catch (error) {
			if (!isAbortError(error) && error instanceof AiError && error.code.startsWith('gpu/')) {
				this.#fail(error);
			}
			throw error;
		}
	}

	/** Stops a model download or load in progress. */
	cancelLoad(): void {
		this.#loadController?.abort();
	}

	/** Forgets the loaded engine, e.g. after the settings changed; the next call loads anew. */
	async reconfigure(): Promise<void> {
		this.cancelLoad();
		await this.#dispose();
		this.status = 'idle';
		this.error = null;
		this.progress = null;
	}

	async #choose(): Promise<EngineChoice> {
		const [settings, caps] = await Promise.all([this.deps.settings(), this.deps.capabilities()]);
		const choice = chooseEngine(settings, caps);
		if (isProblem(choice)) {
			const error = new AiError(choice.problem, 'model/not-found');
			this.#fail(error);
			throw error;
		}
		return choice;
	}

	async #load(choice: EngineChoice): Promise<LlmEngine> {
		await this.#dispose();
		this.choice = choice;
		this.#engineKey = keyOf(choice);
		this.status = 'loading';
		this.availableOffline = false;
		this.error = null;
		this.progress = { progress: 0, text: `Preparing ${choice.label}` };
		const controller = new AbortController();
		this.#loadController = controller;
		try {
			const engine = await this.#create(choice);
			this.#engine = engine;
			this.#detaching = engine.onFailure((error) => this.#fail(toAppError(error)));
			await engine.load(choice.model, {
				signal: controller.signal,
				onProgress: (progress) => (this.progress = progress)
			});
			this.status = 'ready';
			this.progress = null;
			keepForOffline(engine.offlineFiles).then(
				() => (this.availableOffline = this.#engine === engine),
				(error: unknown) =>
					console.warn('[kompanion] keeping the runtime for offline use failed:', error)
			);
			return engine;
		} catch (error) {
			await this.#dispose();
			if (isAbortError(error)) {
				this.status = 'idle';
				this.progress = null;
			} else {
				this.#fail(toAppError(error));
			}
			throw error;
		} finally {
			this.#loadController = null;
		}
	}

	async #create(choice: EngineChoice): Promise<LlmEngine> {
		switch (choice.engine) {
			case 'webllm': {
				const { WebLlmEngine } = await import('./webllm/engine');
				return new WebLlmEngine({
					record: () => choice.record,
					contextWindow: choice.contextWindow
				});
			}
			case 'onnx': {
				const { OnnxEngine } = await import('./onnx/engine');
				return new OnnxEngine({
					device: choice.device,
					dtype: choice.dtype,
					source: choice.source,
					wasmPaths: ortWasmPaths(this.deps.appBase())
				});
			}
			case 'endpoint': {
				const { EndpointEngine } = await import('./endpoint/engine');
				return new EndpointEngine({
					url: choice.url,
					apiKey: (await this.deps.apiKey()) || undefined
				});
			}
		}
	}

	#fail(error: AppError) {
		this.status = 'error';
		this.error = error;
		this.progress = null;
		this.#engine = null;
		this.#engineKey = '';
	}

	async #dispose() {
		this.#detaching?.();
		this.#detaching = null;
		const engine = this.#engine;
		this.#engine = null;
		this.#engineKey = '';
		await engine
			?.unload()
			.catch((error: unknown) => console.warn('[kompanion] unloading the model failed:', error));
	}
}
