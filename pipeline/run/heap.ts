/**
 * Two settings of V8's collector for a run, set once per process (V8 flags are per process, so they hold for the
 * worker threads' heaps too), each unless the user gave node their own (in its flags or NODE_OPTIONS).
 *
 * How far a heap may grow past what is live. By default, after a full collection, V8 allows the heap to grow to up
 * to 4× what survived it. A run allocates much short-lived garbage per article, so the old space kept growing
 * towards that multiple over a long run (measured: 243 MB resident at 2,000 articles, ~380 MB at 20,000) while what
 * was live stayed ~60 MB. A growth factor of 1.3 keeps the heap near what is live: 2,000 articles in the main
 * thread peaked at 173 MiB instead of 216 for 11% more CPU (more full collections; 5 paired runs on a loaded
 * machine, medians). It is not a limit: a large article still gets all the heap it needs.
 *
 * No pretenuring. V8 watches where objects are made, and when most of one place's objects outlive a young
 * collection it makes the place's objects in the old space from then on. A run's first minutes fool it: the caches
 * fill, and articles wait in the queue. After that those places make garbage, which then fills the old space and
 * is found only by full collections (`--trace-pretenuring-statistics`: 53 places of the main thread "tenured"; it
 * then ran 34-73 full collections on 20,000 bench articles, 27-28 without). Without pretenuring, 20,000 bench
 * articles took 0.89× and 0.92× the wall time (two calls of 8 pairs, 0.84-1.02) and peaked lower (233 against
 * 248-253 MiB); 200,000 articles 0.87× (2 pairs), 257 against 266 MiB.
 */
import v8 from 'node:v8';

export const HEAP_GROWING_PERCENT = 30;

/** The flags set, each with the pattern of its own spellings (a user's flag of the same name is left alone). */
export const HEAP_FLAGS: ReadonlyArray<{ flag: string; given: RegExp }> = [
  { flag: `--heap-growing-percent=${HEAP_GROWING_PERCENT}`, given: /^--heap[-_]growing[-_]percent(?:=|$)/ },
  { flag: '--no-allocation-site-pretenuring', given: /^--(?:no[-_]?)?allocation[-_]site[-_]pretenuring(?:=|$)/ },
];
let applied = false;

/** The flags of HEAP_FLAGS that the user did not give node (in `args`, its own flags and NODE_OPTIONS). */
export function flagsToSet(args: readonly string[]): string[] {
  return HEAP_FLAGS.filter(({ given }) => !args.some((arg) => given.test(arg))).map(({ flag }) => flag);
}

/** Sets the collector's flags once per process (see above). */
export function setCollectorFlags(): void {
  if (applied) return;
  applied = true;
  for (const flag of flagsToSet([...process.execArgv, ...(process.env.NODE_OPTIONS ?? '').split(/\s+/)])) v8.setFlagsFromString(flag);
}
