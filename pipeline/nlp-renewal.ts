/**
 * wink-nlp keeps every word type it has not seen before in a cache (its lexicon) that is never emptied, so over a
 * long run one instance grows with the vocabulary of everything it read (measured: 1.5 MB of heap for 1,000 mixed
 * news articles, 3 MB of text). A fresh instance, built from a fresh copy of the model in 60–80 ms, after every
 * `afterChars` of text keeps that bounded. On news, sentence boundaries do not depend on what the cache holds
 * (test/stages/wink-renewal.test.ts); in general they can (engine/sentence-boundaries.ts), so the sentence splitter
 * that stands in for wink starts afresh at the same points (nlp.ts).
 *
 * The English model's `metaCER()` JSON-encodes its own data in place on every call, so each new instance would get
 * a string about twice as long as the last (after some 25, longer than V8 allows): a renewable model calls it once.
 */
export const winkRenewal = {
  /** Text read by one instance before the next is made (20 MB: a few minutes of a run). */
  afterChars: 20_000_000,
  seen: 0,
  renewals: 0,
  /** Counts `chars` about to be read; true when a fresh instance should read them. */
  due(chars: number): boolean {
    const renew = this.seen > 0 && this.seen + chars > this.afterChars;
    if (renew) {
      this.seen = 0;
      this.renewals++;
    }
    this.seen += chars;
    return renew;
  },
};

const renewable = new WeakMap<object, object>();

/** `model` with its `metaCER()` called once and its result kept, so that instances can be made again and again. */
export function renewableModel<M extends object>(model: M): M {
  let made = renewable.get(model) as M | undefined;
  if (!made) {
    const load: unknown = (model as { metaCER?: unknown }).metaCER;
    if (typeof load !== 'function') return model;
    const meta: unknown = load.call(model);
    made = { ...model, metaCER: () => meta };
    renewable.set(model, made);
  }
  return made;
}
