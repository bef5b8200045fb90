/** Language detection: English news is told at once; text in other languages goes to franc and is not English. */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { detectLanguage, englishWordCounts, hasLettersAtLeast, rulesRead } from '../../pipeline/language.ts';

const OTHER: Record<string, string> = {
  deu: 'Die Bürgermeisterin der Stadt sagte am Montag, dass die Fähre im nächsten Frühjahr wieder fahren werde. Der Stadtrat hatte zuvor beschlossen, die Mittel für den Hafen zu kürzen, was bei den Anwohnern auf heftige Kritik gestoßen war. Nach Angaben der Verwaltung sollen die Arbeiten an der Anlegestelle bis zum Sommer abgeschlossen sein, und die Gewerkschaft kündigte weitere Gespräche an.',
  fra: 'La maire de la ville a déclaré lundi que le ferry reprendrait son service au printemps prochain. Le conseil municipal avait auparavant décidé de réduire les fonds destinés au port, ce qui avait suscité de vives critiques parmi les habitants. Selon l\'administration, les travaux sur le quai devraient être terminés avant l\'été, et le syndicat a annoncé de nouvelles discussions avec la direction.',
  spa: 'La alcaldesa de la ciudad dijo el lunes que el transbordador volverá a funcionar la próxima primavera. El ayuntamiento había decidido antes recortar los fondos destinados al puerto, lo que provocó duras críticas entre los vecinos. Según la administración, las obras en el muelle deberían terminar antes del verano, y el sindicato anunció nuevas conversaciones con la dirección de la empresa.',
  nld: 'De burgemeester van de stad zei maandag dat de veerboot volgend voorjaar weer zal varen. De gemeenteraad had eerder besloten het geld voor de haven te verminderen, wat bij de bewoners op felle kritiek was gestuit. Volgens het bestuur moeten de werkzaamheden aan de aanlegplaats voor de zomer klaar zijn, en de vakbond kondigde nieuwe gesprekken aan met de directie.',
  rus: 'Мэр города заявила в понедельник, что паром возобновит работу следующей весной. Городской совет ранее решил сократить средства на порт, что вызвало резкую критику со стороны жителей. По данным администрации, работы на причале должны завершиться до лета, а профсоюз объявил о новых переговорах с руководством компании и властями региона.',
};

describe('language detection', () => {
  it('reads every article of the sample corpus and of the Wikinews set as English', () => {
    const folders = [path.resolve('corpus'), path.resolve('test/fixtures/wikinews/texts')];
    for (const folder of folders) {
      for (const name of readdirSync(folder).filter((n) => n.endsWith('.txt'))) {
        expect(detectLanguage(readFileSync(path.join(folder, name), 'utf8')), name).toBe('eng');
      }
    }
  });

  it('does not take news in other languages for English', () => {
    for (const [code, text] of Object.entries(OTHER)) {
      const found = detectLanguage(text);
      expect(found, code).not.toBe('eng');
      expect(rulesRead(found), code).toBe(false);
    }
  });

  it('leaves text too short to tell as undetermined, which the rules read', () => {
    expect(detectLanguage('Okafor said no.')).toBe('und');
    expect(rulesRead('und')).toBe(true);
  });
});

describe('the checks before franc, read in one pass', () => {
  // What they replaced: the letters counted after removing every other code point, and the words as /\p{L}+/gu
  // finds them in the lower-cased text.
  const FUNCTION_WORDS = new Set(['the', 'of', 'and', 'to', 'a', 'in', 'is', 'that', 'for', 'on', 'was', 'with', 'said', 'as', 'by', 'it', 'at', 'he', 'she', 'from', 'his', 'her', 'be', 'are', 'were', 'has', 'have', 'had', 'not', 'this', 'an', 'will', 'which', 'who', 'but', 'they', 'their', 'been', 'would', 'its']);
  const letterCount = (text: string): number => [...text.replace(/\P{L}+/gu, '')].length;
  function byRegex(sample: string): { words: number; functionWords: number; the: number } {
    const words = sample.toLowerCase().match(/\p{L}+/gu) ?? [];
    return { words: words.length, functionWords: words.filter((word) => FUNCTION_WORDS.has(word)).length, the: words.filter((word) => word === 'the').length };
  }
  // Words and characters where the two could part: capitals, accents, astral letters and lone surrogates, the
  // dotted capital I (lower-cased to two code points), digits, marks, apostrophes; and the function words.
  const piece = fc.constantFrom(...FUNCTION_WORDS, 'The', 'THE', 'Which', 'WOULD', 'theirs', 'whom', 'Okafor', 'ferry', 'İt', 'İ', 'é', 'thé', 'the\u0301',
    '𝐀', '𝐀the', 'the𝐀', '\ud835', '\udc00', 'a\ud835', '12', 'x2y', "it's", '’', '-', 'Σ', 'ΣΑΣ', 'мэр', '日本');
  const separator = fc.constantFrom('', ' ', ' ', ' ', ', ', '\n', '.', '\u00a0');
  const text = fc.array(fc.tuple(piece, separator), { maxLength: 120 }).map((pairs) => pairs.map(([word, after]) => word + after).join(''));

  it('counts the words, function words and "the"s the word list counted', () => {
    fc.assert(fc.property(text, (sample) => {
      expect(englishWordCounts(sample)).toStrictEqual(byRegex(sample));
    }), { numRuns: 2000 });
  });

  it('hasLettersAtLeast tells at least so many letters as the count did', () => {
    fc.assert(fc.property(text, fc.integer({ min: 0, max: 200 }), (sample, wanted) => hasLettersAtLeast(sample, wanted) === letterCount(sample) >= wanted), { numRuns: 2000 });
  });
});
