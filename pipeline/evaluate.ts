/**
 * The accuracy metric of the gold annotations (test/fixtures/GOLD-README.md): spans trimmed of white space,
 * quotation marks, brackets and punctuation; one-to-one greedy matching at overlap ≥ 0.5; optional gold quotes
 * neither rewarded nor penalised; speaker compared after normalisation; end-to-end = matched with the right speaker.
 */
import { z } from 'zod';
import { QuoteRecord } from './schema/records.ts';

/** The gold annotations' own shape (test/fixtures/GOLD-README.md), which is not an output record. */
const GoldQuote = z.object({
  start: z.number(),
  end: z.number(),
  text: z.string(),
  kind: z.string(),
  speaker: z.string().nullable().optional(),
  speaker_alt: z.array(z.string()).optional(),
  optional: z.boolean().optional(),
});
export const GoldDocument = z.object({ id: z.string().optional(), file: z.string().optional(), quotes: z.array(GoldQuote) });
/** Predictions are quote records as the output schema defines them (schema/records.ts). */
export const PredictedQuote = QuoteRecord;
export type GoldDocument = z.infer<typeof GoldDocument>;
/** What the metric reads of a quote record. */
export type PredictedQuote = Pick<QuoteRecord, 'article_id' | 'start' | 'end' | 'text' | 'kind' | 'speaker'>;

const EDGE = /[\s"'“”‘’«»„‟‹›,.;:!?—–\-()[\]]/u;

/** The trimmed code-point range of a span whose text starts at `start`. */
export function trimmedRange(text: string, start: number): [number, number] {
  const chars = Array.from(text);
  let a = 0;
  let b = chars.length;
  while (a < b && EDGE.test(chars[a] ?? '')) a++;
  while (b > a && EDGE.test(chars[b - 1] ?? '')) b--;
  return [start + a, start + b];
}

export function overlap(p: [number, number], g: [number, number]): number {
  const intersection = Math.max(0, Math.min(p[1], g[1]) - Math.max(p[0], g[0]));
  const union = Math.max(p[1], g[1]) - Math.min(p[0], g[0]);
  return union > 0 ? intersection / union : 0;
}

export function normalizeSpeaker(name: string | null | undefined): string {
  return (name ?? '').normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase()
    .replace(/^the\s+/, '').replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
}

const documentKey = (value: string): string => value.replace(/^.*[\\/]/, '').replace(/\.(txt|html?|md|json)$/, '');

interface Tally { gold: number; predicted: number; matched: number; speakerRight: number; kindRight: number }
const tally = (): Tally => ({ gold: 0, predicted: 0, matched: 0, speakerRight: 0, kindRight: 0 });

export interface Miss { document: string; kind: string; text: string; speaker: string | null; got: string | null; found: boolean }

export interface Evaluation {
  gold: number;
  predicted: number;
  matched: number;
  quote: { precision: number; recall: number; f1: number };
  speaker_accuracy_on_matched: number;
  kind_accuracy_on_matched: number;
  end_to_end: { precision: number; recall: number; f1: number };
  recall_by_kind: Record<string, { gold: number; found: number; right_speaker: number }>;
  by_document: Array<{ document: string } & Tally>;
  /** Predictions matched to optional gold quotes: neither right nor wrong, left out of `predicted`. */
  optional_matches: number;
  misses: Miss[];
}

const f1 = (p: number, r: number): number => (p + r > 0 ? (2 * p * r) / (p + r) : 0);
const ratio = (a: number, b: number): number => (b > 0 ? a / b : 0);

export function evaluate(gold: GoldDocument[], predictions: PredictedQuote[]): Evaluation {
  const byDocument = new Map<string, PredictedQuote[]>();
  for (const p of predictions) {
    const key = documentKey(p.article_id);
    const list = byDocument.get(key);
    if (list) list.push(p);
    else byDocument.set(key, [p]);
  }
  const total = tally();
  const byKind: Record<string, Tally> = { direct: tally(), mixed: tally(), indirect: tally() };
  const rows: Evaluation['by_document'] = [];
  const misses: Miss[] = [];
  let optionalMatches = 0;
  for (const document of gold) {
    const key = documentKey(document.id ?? document.file ?? '');
    const goldQuotes = document.quotes.map((q) => ({ ...q, range: trimmedRange(q.text, q.start) }));
    const predicted = (byDocument.get(key) ?? []).map((q) => ({ ...q, range: trimmedRange(q.text, q.start) }));
    const pairs: Array<[number, number, number]> = [];
    goldQuotes.forEach((g, gi) => predicted.forEach((p, pi) => {
      const o = overlap(p.range, g.range);
      if (o >= 0.5) pairs.push([o, gi, pi]);
    }));
    pairs.sort((x, y) => y[0] - x[0]);
    const goldUsed = new Map<number, number>();
    const predictedUsed = new Set<number>();
    for (const [, gi, pi] of pairs) {
      if (!goldUsed.has(gi) && !predictedUsed.has(pi)) { goldUsed.set(gi, pi); predictedUsed.add(pi); }
    }
    const row = tally();
    goldQuotes.forEach((g, gi) => {
      if (g.optional) return;
      const kind = (byKind[g.kind] ??= tally());
      row.gold++; kind.gold++;
      const pi = goldUsed.get(gi);
      const p = pi === undefined ? undefined : predicted[pi];
      if (!p) { misses.push({ document: key, kind: g.kind, text: g.text, speaker: g.speaker ?? null, got: null, found: false }); return; }
      row.matched++; kind.matched++;
      const accepted = [g.speaker, ...(g.speaker_alt ?? [])].map(normalizeSpeaker);
      const right = Boolean(p.speaker) && accepted.includes(normalizeSpeaker(p.speaker));
      if (right) { row.speakerRight++; kind.speakerRight++; } else misses.push({ document: key, kind: g.kind, text: g.text, speaker: g.speaker ?? null, got: p.speaker ?? null, found: true });
      if (p.kind === g.kind) { row.kindRight++; kind.kindRight++; }
    });
    const optionalHits = [...goldUsed.keys()].filter((gi) => goldQuotes[gi]?.optional).length;
    optionalMatches += optionalHits;
    row.predicted = predicted.length - optionalHits;
    for (const field of Object.keys(total) as Array<keyof Tally>) total[field] += row[field];
    rows.push({ document: key, ...row });
  }
  const precision = ratio(total.matched, total.predicted);
  const recall = ratio(total.matched, total.gold);
  const e2eP = ratio(total.speakerRight, total.predicted);
  const e2eR = ratio(total.speakerRight, total.gold);
  return {
    gold: total.gold,
    predicted: total.predicted,
    matched: total.matched,
    quote: { precision, recall, f1: f1(precision, recall) },
    speaker_accuracy_on_matched: ratio(total.speakerRight, total.matched),
    kind_accuracy_on_matched: ratio(total.kindRight, total.matched),
    end_to_end: { precision: e2eP, recall: e2eR, f1: f1(e2eP, e2eR) },
    recall_by_kind: Object.fromEntries(Object.entries(byKind).map(([k, v]) => [k, { gold: v.gold, found: v.matched, right_speaker: v.speakerRight }])),
    by_document: rows,
    optional_matches: optionalMatches,
    misses,
  };
}

export function formatEvaluation(result: Evaluation, withMisses: boolean): string {
  const pct = (x: number): string => (100 * x).toFixed(1);
  const lines = [
    `gold ${result.gold}  predicted ${result.predicted}  matched ${result.matched}`,
    `quote span      P ${pct(result.quote.precision)}  R ${pct(result.quote.recall)}  F1 ${pct(result.quote.f1)}`,
    `speaker acc (on matched) ${pct(result.speaker_accuracy_on_matched)}   kind acc ${pct(result.kind_accuracy_on_matched)}`,
    ...Object.entries(result.recall_by_kind).map(([k, v]) => `  ${k.padEnd(9)} gold ${v.gold}  found ${v.found}  right speaker ${v.right_speaker}`),
  ];
  if (result.optional_matches > 0) lines.push(`  (${result.optional_matches} predictions matched optional gold quotes and are not counted)`);
  if (withMisses) {
    if (result.misses.length === 0) lines.push('  no misses');
    for (const miss of result.misses) {
      lines.push(`  ${miss.found ? 'WRONG SPEAKER' : 'MISSED'} ${miss.document} ${miss.kind}: ${JSON.stringify(miss.text.slice(0, 70))} gold=${miss.speaker ?? 'null'}${miss.found ? ` got=${miss.got ?? 'null'}` : ''}`);
    }
  }
  lines.push(`end-to-end F1 ${pct(result.end_to_end.f1)} (P ${pct(result.end_to_end.precision)} R ${pct(result.end_to_end.recall)})`);
  return lines.join('\n');
}
