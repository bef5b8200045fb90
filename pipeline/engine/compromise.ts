/**
 * compromise, loaded on first use and synchronously from its one-file CommonJS builds: its ES module entry is some
 * hundreds of files (≈ twice the load time), and an article that never asks it should not pay for it.
 *
 * Two builds are used. Questions about tags (`compromiseJson`: a word's tags, a clause's terms) go to the tagger
 * build, `compromise/two`: the full build (`compromise`, "three") runs the same tagger and then a phrase chunker on
 * every text, about a seventh of a question's cost on real news, whose output nothing here reads
 * (test/engine/compromise-helper.test.ts checks that both builds tag alike). The full build is loaded only for its
 * inflection API (`compromise()`: cue entries without listed forms, engine/cue-lexicon.ts).
 *
 * Loading the tagger still costs ≈ 0.2 s of CPU (it unpacks its lexicon), most of a one-article run. The CLI process
 * therefore starts a helper thread (`startCompromiseHelper`) that loads it on the other core while this thread
 * loads the rules and the splitter, and answers the first `HELPER_CALLS` questions (`compromiseJson`)
 * synchronously; after that this thread loads its own copy, so a long run pays no message per question. The answers
 * are read the same way from the same build, so they are the same whichever thread gives them; a helper that fails
 * or does not answer in time is dropped and this thread answers. A run with worker threads shares the helper
 * (`shareHelper`): this thread and every worker thread ask it for the whole run, so the run loads and warms up one
 * compromise instead of one per thread.
 */
import { createRequire } from 'node:module';
import { MessageChannel, receiveMessageOnPort, Worker, type MessagePort } from 'node:worker_threads';
import type nlpType from 'compromise';
import type taggerType from 'compromise/two';

export type Nlp = typeof nlpType;
export type Tagger = typeof taggerType;
/** What is read of compromise's `json()` of a text: one entry per sentence, its terms with their tags. */
export type CompromiseJson = Array<{ terms?: Array<{ text: string; tags: string[]; post?: string }> }>;

const require = createRequire(import.meta.url);
const TAGGER_BUILD = 'compromise/two';
let loaded: Nlp | undefined;
let loadedTagger: Tagger | undefined;

/** compromise's full build in this thread (loaded now if it was not): for its inflection API. */
export function compromise(): Nlp {
  loaded ??= require('compromise') as Nlp;
  return loaded;
}

/** compromise's tagger build in this thread (loaded now if it was not). */
export function tagger(): Tagger {
  loadedTagger ??= require(TAGGER_BUILD) as Tagger;
  return loadedTagger;
}

/**
 * Questions the helper answers before this thread loads its own compromise and the helper ends (an article asks
 * ≈ 10-50): enough for a small run, and few enough that the helper's memory is given back early in a long one
 * (peak RSS on 1,000 articles: 201 MB as without a helper; 236 MB when it served 2,000 questions).
 */
export const HELPER_CALLS = 300;
/**
 * Questions each thread asks a shared helper (a run with worker threads) before it loads its own compromise. A
 * question through the helper costs a round trip between threads (a warm one about 385 µs against 212 in the thread
 * itself), which pays while compromise is cold in every thread but not for ever: 20,000 seed-like articles ask each
 * thread some 300-450 questions, and stay on the helper; unseen real news asks about 15 an article, and a thread
 * moves to its own copy after some 70 articles.
 */
export const SHARED_HELPER_CALLS = 1_000;
/** How long one answer may take: the first waits for the helper to load compromise. */
const HELPER_WAIT_MS = 20_000;
/**
 * The same for a worker thread's channel: the helper has long loaded by then, and a thread that waits longer for a
 * helper that ended would eat into its article's time budget (it then loads its own compromise).
 */
const CHANNEL_WAIT_MS = 3_000;

/** A term as compromise holds it in a parsed document (`docs`): its tags are a Set. */
interface DocTerm { text: string; tags: Set<string>; post?: string }

/**
 * What callers read of `json()` (and all the helper sends): each sentence's terms, their text, tags and what follows.
 * Read straight from the parsed document, as `json()` itself does (one entry per sentence of `docs`, each term's tags
 * `Array.from` its Set), without the copies and the sentence text `json()` also builds: a third of a short question's
 * cost. test/engine/compromise-helper.test.ts checks it against `json()`.
 */
export function readParsed(doc: { docs: DocTerm[][] }): CompromiseJson {
  return doc.docs.map((terms) => ({ terms: terms.map((term) => ({ text: term.text, tags: Array.from(term.tags), post: term.post })) }));
}

/** Cells of the buffer both threads share: replies sent so far, and who holds the helper. */
const ANSWERED = 0;
const STATE = 1;
/** FREE: no question open; ASKING: this thread asked and waits; CLOSED: the helper closed (idle). */
const FREE = 0;
const ASKING = 1;
const CLOSED = 2;
/** The helper thread's young generation (MB). */
const HELPER_YOUNG_GENERATION_MB = 8;
/** The helper closes when nobody asked for this long (a run with worker threads never asks). */
const HELPER_IDLE_MS = 5_000;

/** The helper thread's code (CommonJS, evaluated as is: no build step): answers `json()` of each text. */
const HELPER_SOURCE = `
const [ANSWERED, STATE, FREE, CLOSED] = [${ANSWERED}, ${STATE}, ${FREE}, ${CLOSED}];
const { workerData } = require('node:worker_threads');
const { port, shared, compromisePath, idleMs } = workerData;
const cells = new Int32Array(shared);
// Worker threads of a pool attached to this helper (helperChannel): while any is, the helper stays.
let attached = 0;
const readParsed = ${readParsed.toString()};
let nlp;
let failure;
try {
  nlp = require(compromisePath);
  // compromise's first call sets itself up (some 25 ms): done here, before the first question comes.
  nlp('Officials said on Monday that the plan had worked.').json();
} catch (error) {
  failure = String(error && error.message || error);
}
// Nobody asking for a while (the run uses worker threads, or has not started): close, unless a question is coming.
let idle;
const closeWhenIdle = () => {
  clearTimeout(idle);
  idle = setTimeout(() => {
    if (attached === 0 && Atomics.compareExchange(cells, STATE, FREE, CLOSED) === FREE) process.exit(0);
    closeWhenIdle();
  }, idleMs);
};
closeWhenIdle();
const answer = (clientPort, clientCells, text) => {
  let reply;
  try {
    reply = failure === undefined ? { json: readParsed(nlp(text)) } : { error: failure };
  } catch (error) {
    reply = { error: String(error && error.message || error) };
  }
  clientPort.postMessage(reply);
  Atomics.add(clientCells, ANSWERED, 1);
  Atomics.notify(clientCells, ANSWERED);
  closeWhenIdle();
};
port.on('message', (message) => {
  if (typeof message === 'string') return answer(port, cells, message);
  // Another thread's own channel: it asks on it as the main thread asks here, with cells of its own.
  const client = message.attach;
  const clientCells = new Int32Array(message.shared);
  attached++;
  client.on('message', (text) => answer(client, clientCells, text));
  client.on('close', () => { attached--; closeWhenIdle(); });
});
`;

interface Helper {
  /** The helper thread (only in the thread that started it; a worker thread of a pool holds just a channel to it). */
  worker: Worker | undefined;
  port: MessagePort;
  /** ANSWERED and STATE (see above). */
  cells: Int32Array;
  asked: number;
  /**
   * Other threads of the run ask it too: this thread asks it up to {@link SHARED_HELPER_CALLS} questions (else
   * {@link HELPER_CALLS}), and then leaves it (closes its own channel) instead of ending it.
   */
  sharedByRun: boolean;
  /** How long this thread waits for one answer before it gives up on the helper. */
  waitMs: number;
}

/** What a worker thread needs to ask the helper itself (sent with its warm-up, the port transferred). */
export interface HelperChannel { port: MessagePort; shared: SharedArrayBuffer }

let helper: Helper | undefined;

/** Starts the helper thread (once; not when this thread has the tagger already). `idleMs`: for tests. */
export function startCompromiseHelper(options: { idleMs?: number } = {}): void {
  if (helper || loadedTagger) return;
  const { port1, port2 } = new MessageChannel();
  const cells = new Int32Array(new SharedArrayBuffer(8));
  const worker = new Worker(HELPER_SOURCE, {
    eval: true,
    workerData: { port: port2, shared: cells.buffer, compromisePath: require.resolve(TAGGER_BUILD), idleMs: options.idleMs ?? HELPER_IDLE_MS },
    transferList: [port2],
    // compromise's garbage dies young: a small young generation holds it (V8's default would grow to some 48 MB).
    resourceLimits: { maxYoungGenerationSizeMb: HELPER_YOUNG_GENERATION_MB },
  });
  // The helper never keeps the process alive, and an error in it only means this thread answers.
  worker.unref();
  worker.on('error', () => stopHelper());
  port1.unref();
  helper = { worker, port: port1, cells, asked: 0, sharedByRun: false, waitMs: HELPER_WAIT_MS };
}

/**
 * For a run with worker threads: one compromise for the run while compromise is cold. This thread keeps asking the
 * helper past {@link HELPER_CALLS} (up to {@link SHARED_HELPER_CALLS}) instead of loading its own copy, and each
 * worker thread asks it through a channel of its own (`helperChannel`, `useHelperChannel`) instead of loading one:
 * some 30 MB and a load less in every thread, and compromise's code is made fast by one thread's questions instead
 * of each thread's. A thread that has asked its share loads its own copy and leaves the helper to the others. False
 * when there is no helper to share (it was not started, or it ended).
 */
export function shareHelper(): boolean {
  if (!helper || helperState() !== 'serving') return false;
  helper.sharedByRun = true;
  return true;
}

/** A channel for one worker thread to ask the helper on (after `shareHelper`), or undefined when there is none. */
export function helperChannel(): HelperChannel | undefined {
  if (!helper?.sharedByRun) return undefined;
  const { port1, port2 } = new MessageChannel();
  const shared = new SharedArrayBuffer(8);
  helper.port.postMessage({ attach: port2, shared }, [port2]);
  return { port: port1, shared };
}

/** In a worker thread: ask the helper on this channel from now on (this thread then loads compromise only if it fails). */
export function useHelperChannel(channel: HelperChannel): void {
  if (loadedTagger) return;
  channel.port.unref();
  helper = { worker: undefined, port: channel.port, cells: new Int32Array(channel.shared), asked: 0, sharedByRun: true, waitMs: CHANNEL_WAIT_MS };
}

/** This thread stops asking a shared helper (closing its channel) and answers from now on; the others go on asking it. */
function leaveHelper(): void {
  if (!helper) return;
  helper.port.close();
  helper = undefined;
}

/** Ends the helper thread; this thread answers from now on. */
export function stopHelper(): void {
  if (!helper) return;
  const { worker, port } = helper;
  helper = undefined;
  port.close();
  if (worker) void worker.terminate();
}

/** The helper's answer, or undefined when it has none (closed, failed or too slow). */
function askHelper(h: Helper, text: string): CompromiseJson | undefined {
  // The helper may have closed for idleness: it can close only while no question is open.
  if (Atomics.compareExchange(h.cells, STATE, FREE, ASKING) !== FREE) return undefined;
  const before = Atomics.load(h.cells, ANSWERED);
  h.port.postMessage(text);
  h.asked++;
  // Blocks this thread as compromise in it would; the helper counts up and notifies after replying.
  const waited = Atomics.wait(h.cells, ANSWERED, before, h.waitMs);
  if (waited === 'timed-out') return undefined;
  const reply = receiveMessageOnPort(h.port)?.message as { json?: CompromiseJson; error?: string } | undefined;
  Atomics.store(h.cells, STATE, FREE);
  return reply?.json;
}

/** compromise's tags of `text` (as `json()` gives them): from the helper thread while it serves, else from this thread's tagger. */
export function compromiseJson(text: string): CompromiseJson {
  const h = helper;
  if (h) {
    const answer = h.asked < (h.sharedByRun ? SHARED_HELPER_CALLS : HELPER_CALLS) ? askHelper(h, text) : undefined;
    if (answer) return answer;
    if (h.sharedByRun) leaveHelper();
    else stopHelper();
  }
  return readParsed(tagger()(text) as unknown as { docs: DocTerm[][] });
}

/** The helper's state (tests): none started or stopped, serving, or closed for idleness. */
export function helperState(): 'none' | 'serving' | 'closed' {
  if (!helper) return 'none';
  return Atomics.load(helper.cells, STATE) === CLOSED ? 'closed' : 'serving';
}
