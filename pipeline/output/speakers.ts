/**
 * speakers.jsonl: one line per `speaker_id`, gathered from the quotes as they are written. The id already says
 * whether a speaker is one across the corpus or one article's unresolved mention (schema/ids.ts), so a line is
 * never shared by two ids and merging quotes with speakers on `speaker_id` never multiplies rows.
 *
 * Memory stays bounded however many articles a run reads: when the table holds more than `maxHeld` entries
 * (a speaker, an article id, a role or a mention), it is written to disk as a run of partial speakers sorted by
 * id (speaker-spill.ts) and emptied. At the end the runs are merged by id into whole speakers, which are sorted
 * the same way, through runs on disk, into the file's order. A run that never fills the table never touches disk,
 * and either way the file is the same.
 */
import type { SpeakerRecord } from '../schema/records.ts';
import type { SpeakerFact } from '../unit-rows.ts';
import { MERGE_FAN_IN, SpillFolder, type Place } from './speaker-spill.ts';

interface Aggregate {
  name: string;
  type: SpeakerRecord['type'];
  scope: SpeakerRecord['scope'];
  roles: Set<string>;
  mentions: Set<string>;
  quotes: number;
  articles: Set<string>;
}

/** Entries held before the table goes to disk: at roughly 100 bytes an entry (a set slot and an id), some 5 MB. */
export const SPEAKERS_HELD = 50_000;

const compare = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** What the file's order reads of a speaker. */
type OrderKey = Pick<SpeakerRecord, 'speaker_id' | 'name' | 'quotes' | 'articles'>;

/** Most quoted first, then by name, then (one article's "company" and another's) by article: the same order every run. */
export const speakerOrder = (a: OrderKey, b: OrderKey): number =>
  b.quotes - a.quotes || a.name.localeCompare(b.name) || compare(a.articles[0] ?? '', b.articles[0] ?? '') || compare(a.speaker_id, b.speaker_id);

const byId = (a: SpeakerRecord, b: SpeakerRecord): number => compare(a.speaker_id, b.speaker_id);

/** A large speaker in the runs sorted into the file's order: its order key (first article only) and where it lies whole. */
interface Placed extends OrderKey {
  place: Place;
}
const isPlaced = (value: SpeakerRecord | Placed): value is Placed => 'place' in value;

/** Entries of a speaker (itself, its roles, mentions and articles), as the table counts them. */
const weightOf = (speaker: SpeakerRecord): number => 1 + speaker.roles.length + speaker.mentions.length + speaker.articles.length;

const record = (id: string, s: Aggregate): SpeakerRecord => ({ speaker_id: id, name: s.name, type: s.type, scope: s.scope, roles: [...s.roles].sort(), mentions: [...s.mentions].sort(), quotes: s.quotes, articles: [...s.articles].sort() });

/** The sorted union of two sorted lists without repeats. */
function union(a: string[], b: string[]): string[] {
  const out: string[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    const x = a[i];
    const y = b[j];
    const next = y === undefined || (x !== undefined && x <= y) ? x : y;
    if (next === x) i++;
    if (next === y) j++;
    if (next !== undefined && out[out.length - 1] !== next) out.push(next);
  }
  return out;
}

export interface SpeakerTableOptions {
  /** Where the table may spill (inside the run's partial folder); without it, everything stays in memory. */
  spillDir?: string;
  /** Entries held before spilling (default SPEAKERS_HELD). */
  maxHeld?: number;
}

export class SpeakerTable {
  private byId = new Map<string, Aggregate>();
  private held = 0;
  private readonly spill: SpillFolder | null;
  private readonly maxHeld: number;
  private readonly runs: string[] = [];
  private total: number | null = null;

  constructor(options: SpeakerTableOptions = {}) {
    this.spill = options.spillDir ? new SpillFolder(options.spillDir) : null;
    this.maxHeld = options.maxHeld ?? SPEAKERS_HELD;
  }

  add(quote: SpeakerFact): void {
    if (quote.speaker === null || quote.speaker_id === null) return;
    let aggregate = this.byId.get(quote.speaker_id);
    if (!aggregate) {
      aggregate = { name: quote.speaker, type: quote.speaker_type, scope: quote.resolution === 'mention' ? 'article' : 'corpus', roles: new Set(), mentions: new Set(), quotes: 0, articles: new Set() };
      this.byId.set(quote.speaker_id, aggregate);
      this.held++;
    }
    this.held += grow(aggregate.roles, quote.speaker_role) + grow(aggregate.mentions, quote.speaker_mention) + grow(aggregate.articles, quote.article_id, true);
    aggregate.quotes++;
  }

  /** Writes the table to disk and empties it when it holds more than its bound (a no-op without a spill folder). */
  async spillIfFull(): Promise<void> {
    if (this.spill && this.held > this.maxHeld) await this.spillHeld(this.spill);
  }

  /** Speakers, once records() has been read to the end. */
  get size(): number {
    return this.total ?? this.byId.size;
  }

  /** The speakers in the file's order (speakerOrder). */
  async *records(): AsyncGenerator<SpeakerRecord> {
    if (!this.spill || this.runs.length === 0) {
      const all = [...this.byId.entries()].map(([id, s]) => record(id, s)).sort(speakerOrder);
      this.total = all.length;
      yield* all;
      return;
    }
    const spill = this.spill;
    await this.spillHeld(spill);
    // Merged by id, a speaker's parts come together (the earliest first, whose name, type and scope stand);
    // whole speakers are then sorted into the file's order through runs of at most maxHeld entries. A merge holds
    // the head of each of up to MERGE_FAN_IN runs: a speaker larger than its share of the bound (one quoted in
    // every article: 100,000 article ids) is written whole to a side file and stands in the runs as its order key
    // and place, so that the heads together stay within the bound.
    const large = Math.max(1, Math.floor(this.maxHeld / MERGE_FAN_IN));
    const side = await spill.placedFile();
    try {
      let total = 0;
      const sorted: string[] = [];
      let batch: Array<SpeakerRecord | Placed> = [];
      let weight = 0;
      const flush = async (): Promise<void> => {
        sorted.push(await spill.writeRun(batch.sort(speakerOrder)));
        batch = [];
        weight = 0;
      };
      let current = null as SpeakerRecord | null;
      const finish = async (speaker: SpeakerRecord): Promise<void> => {
        total++;
        const entries = weightOf(speaker);
        if (entries > large) {
          const { speaker_id, name, quotes, articles } = speaker;
          batch.push({ speaker_id, name, quotes, articles: articles.slice(0, 1), place: await side.append(speaker) });
          weight += 1;
        } else {
          batch.push(speaker);
          weight += entries;
        }
        if (weight > this.maxHeld) await flush();
      };
      for await (const part of spill.merge<SpeakerRecord>(this.runs.splice(0), byId)) {
        const same: SpeakerRecord | null = current?.speaker_id === part.speaker_id ? current : null;
        if (same) {
          current = { ...same, roles: union(same.roles, part.roles), mentions: union(same.mentions, part.mentions), quotes: same.quotes + part.quotes, articles: union(same.articles, part.articles) };
          continue;
        }
        if (current) await finish(current);
        current = part;
      }
      if (current) await finish(current);
      if (batch.length > 0) await flush();
      this.total = total;
      for await (const value of spill.merge<SpeakerRecord | Placed>(sorted, speakerOrder)) {
        yield isPlaced(value) ? await side.read<SpeakerRecord>(value.place) : value;
      }
    } finally {
      await side.close();
    }
    await spill.remove();
  }

  private async spillHeld(spill: SpillFolder): Promise<void> {
    if (this.byId.size === 0) return;
    const held = this.byId;
    this.byId = new Map();
    this.held = 0;
    const ids = [...held.keys()].sort(compare);
    this.runs.push(await spill.writeRun((function* parts() {
      for (const id of ids) yield record(id, held.get(id) as Aggregate);
    })()));
  }
}

/** Adds `value` to `set` (an empty one only when `always`): 1 when it was new. */
function grow(set: Set<string>, value: string | null | undefined, always = false): number {
  if (value === null || value === undefined || (!value && !always) || set.has(value)) return 0;
  set.add(value);
  return 1;
}
