/**
 * The yardstick `npm run bench` compares against: what a developer writes in an afternoon with compromise.
 * Each article is split into sentences; each sentence's `quotations()` are its quotes, and the speaker is the
 * nearest person compromise finds (`people()` in the sentence, else the last person of an earlier sentence).
 * Quotes are written as JSON Lines, one file read at a time, so it does the same reading and writing as a run.
 */
import { createWriteStream, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import nlp from 'compromise';

export interface NaiveResult { articles: number; quotes: number; bytes: number }

/** The .txt files under `dir`, sorted (what the bench writes). */
export function articleFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.txt'))
    .map((entry) => path.join(entry.parentPath, entry.name))
    .sort();
}

export async function naiveExtract(files: string[], outFile: string): Promise<NaiveResult> {
  const out = createWriteStream(outFile);
  let quotes = 0;
  let bytes = 0;
  for (const file of files) {
    const text = readFileSync(file, 'utf8');
    bytes += Buffer.byteLength(text);
    let lastPerson: string | null = null;
    for (const sentence of nlp(text).sentences().out('array') as string[]) {
      const doc = nlp(sentence);
      const people = doc.people().out('array') as string[];
      const speaker = people[0] ?? lastPerson;
      if (people.length) lastPerson = people[people.length - 1] ?? lastPerson;
      for (const quote of doc.quotations().out('array') as string[]) {
        quotes++;
        if (!out.write(`${JSON.stringify({ article_id: path.basename(file, '.txt'), text: quote, speaker })}\n`)) await new Promise<void>((resolve) => out.once('drain', () => resolve()));
      }
    }
  }
  await new Promise<void>((resolve, reject) => out.end((error?: Error | null) => (error ? reject(error) : resolve())));
  return { articles: files.length, quotes, bytes };
}
