import fc from 'fast-check';
import iconv from 'iconv-lite';
import { controlRatio } from '../../pipeline/input/decode.ts';
import { describe, expect, it } from 'vitest';
import { loadBytes } from './helpers.ts';

const bytes = (...parts: Array<number[] | Buffer | string>): Buffer =>
  Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'utf8') : Buffer.from(p))));

/** Windows-1252 bytes for: `Le président a déclaré : « Nous allons gagner. » Il a ajouté que l’économie était “forte”.` */
const CP1252_FRENCH = bytes(
  'Le pr', [0xe9], 'sident a d', [0xe9], 'clar', [0xe9], ' : ', [0xab], ' Nous allons gagner. ', [0xbb],
  ' Il a ajout', [0xe9], ' que l', [0x92], [0xe9], 'conomie ', [0xe9], 'tait ', [0x93], 'forte', [0x94], '.\r\n',
);
const FRENCH = 'Le président a déclaré : « Nous allons gagner. » Il a ajouté que l’économie était “forte”.\r\n';

describe('decoding', () => {
  it('reads UTF-8 without a BOM, keeping CRLF and lone CR exactly', async () => {
    const text = 'Zoë Müller said: “Ça va.”\r\nSecond line\rThird line\n😀 emoji\n';
    const { articles, problems } = await loadBytes('a.txt', text);
    expect(problems).toEqual([]);
    expect(articles).toEqual([{ articleId: 'a', sourcePath: 'a.txt', text, format: 'text', encoding: 'UTF-8' }]);
  });

  it('strips a UTF-8 BOM and reports UTF-8', async () => {
    const { articles } = await loadBytes('bom.md', bytes([0xef, 0xbb, 0xbf], 'Café au lait\r\n'));
    expect(articles[0]).toMatchObject({ text: 'Café au lait\r\n', encoding: 'UTF-8', format: 'markdown', articleId: 'bom' });
  });

  it('decodes UTF-16LE with a BOM (not mistaken for binary despite the NUL bytes)', async () => {
    const text = 'Zoë said “hello”\r\nnaïve café\n';
    const { articles, problems } = await loadBytes('le.txt', bytes([0xff, 0xfe], Buffer.from(text, 'utf16le')));
    expect(problems).toEqual([]);
    expect(articles[0]).toMatchObject({ text, encoding: 'UTF-16LE' });
  });

  it('decodes UTF-16BE with a BOM', async () => {
    const text = 'Zoë said “hello”\r\nnaïve café\n';
    const be = Buffer.from(text, 'utf16le').swap16();
    const { articles, problems } = await loadBytes('be.txt', bytes([0xfe, 0xff], be));
    expect(problems).toEqual([]);
    expect(articles[0]).toMatchObject({ text, encoding: 'UTF-16BE' });
  });

  it('detects Windows-1252 (curly quotes, accents) and decodes it', async () => {
    const { articles, problems } = await loadBytes('fr.txt', CP1252_FRENCH);
    expect(problems).toEqual([]);
    expect(articles[0]).toMatchObject({ text: FRENCH, encoding: 'windows-1252' });
  });

  it('decodes Latin-1 German text, reported as windows-1252 (its superset)', async () => {
    const latin1 = Buffer.from('Der Bürgermeister sagte: »Wir schaffen das.« Über München und Köln.\n', 'latin1');
    const { articles } = await loadBytes('de.txt', latin1);
    expect(articles[0]).toMatchObject({ text: 'Der Bürgermeister sagte: »Wir schaffen das.« Über München und Köln.\n', encoding: 'windows-1252' });
  });

  it('decodes a short Latin-1 snippet', async () => {
    const { articles } = await loadBytes('short.txt', Buffer.from('Señor Pérez, naïve café', 'latin1'));
    expect(articles[0]?.text).toBe('Señor Pérez, naïve café');
    expect(articles[0]?.encoding).toBe('windows-1252');
  });

  it('detects non-Western legacy code pages with chardet (windows-1251, ISO-8859-2)', async () => {
    const russian = 'Президент заявил, что правительство будет бороться с инфляцией.\n';
    const ru = await loadBytes('ru.txt', iconv.encode(russian, 'windows-1251'));
    expect(ru.articles[0]).toMatchObject({ text: russian, encoding: 'windows-1251' });
    const polish = 'Przewodniczący powiedział, że rząd zapłaci za szkody.\n';
    const pl = await loadBytes('pl.txt', iconv.encode(polish, 'ISO-8859-2'));
    expect(pl.articles[0]).toMatchObject({ text: polish, encoding: 'ISO-8859-2' });
  });

  it('prefers UTF-8 whenever the bytes are valid UTF-8', async () => {
    // Two-byte UTF-8 sequences are also valid Windows-1252 bytes ("CafÃ©"); UTF-8 must win.
    const { articles } = await loadBytes('u.txt', 'Café');
    expect(articles[0]).toMatchObject({ text: 'Café', encoding: 'UTF-8' });
  });

  it('keeps the decoded text otherwise untouched (no trimming, no normalisation)', async () => {
    const text = '  e\u0301 decomposed, \u00e9 composed\u00a0\t\r\n\r\n';
    const { articles } = await loadBytes('raw.txt', text);
    expect(articles[0]?.text).toBe(text);
  });
});

describe('controlRatio', () => {
  /** The count as the module describes it, one code unit at a time. */
  const reference = (text: string): number => {
    const end = Math.min(text.length, 16384);
    if (end === 0) return 0;
    let bad = 0;
    for (let i = 0; i < end; i++) {
      const c = text.charCodeAt(i);
      if ((c < 0x20 && ![0x09, 0x0a, 0x0b, 0x0c, 0x0d].includes(c)) || (c >= 0x7f && c <= 0x9f) || c === 0xfffd) bad++;
    }
    return bad / end;
  };
  const someControls = fc.string({ unit: fc.oneof(fc.constantFrom('\u0000', '\u0008', '\t', '\n', '\r', '\u000e', '\u001f', ' ', 'a', '\u007f', '\u0085', '\u009f', '\u00a0', '\ufffd', '“'), fc.string({ unit: 'binary', minLength: 1, maxLength: 1 })), maxLength: 300 });

  it('counts what a loop over the code units counts (the regex pre-check finds every such character)', () => {
    fc.assert(fc.property(someControls, (text) => controlRatio(text) === reference(text)), { numRuns: 2000 });
  });

  it('reads the first 16,384 code units only, also when the controls come after them', () => {
    const clean = 'a'.repeat(16384);
    expect(controlRatio(`${clean}\u0000\u0000`)).toBe(0);
    expect(controlRatio(`\u0001${clean}`)).toBe(1 / 16384);
    expect(controlRatio('plain text, “quoted”, with tabs\tand\r\nline ends')).toBe(0);
  });
});
