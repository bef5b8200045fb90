import { describe, expect, it, vi } from 'vitest';
import { loadBytes } from './helpers.ts';

// Observe (not replace) chardet: the real implementation still runs.
const analyse = vi.hoisted(() => ({ calls: 0 }));
vi.mock('chardet', async (importOriginal) => {
  const real = (await importOriginal<typeof import('chardet')>()).default;
  const spy = (buffer: Uint8Array) => {
    analyse.calls++;
    return real.analyse(buffer);
  };
  return { default: { ...real, analyse: spy }, analyse: spy };
});

describe('fast path', () => {
  it('does not run chardet for valid UTF-8, and does for legacy bytes', async () => {
    analyse.calls = 0;
    const utf8 = await loadBytes('u.txt', 'Zoë said “hi”.\n');
    expect(utf8.articles[0]?.encoding).toBe('UTF-8');
    const html = await loadBytes('u.html', '<html><head><meta charset="windows-1252"><title>T</title></head><body><p>Zoë</p></body></html>');
    expect(html.articles[0]?.encoding).toBe('UTF-8');
    expect(analyse.calls).toBe(0);

    const legacy = await loadBytes('l.txt', Buffer.from('Zoë said hi, señor.', 'latin1'));
    expect(legacy.articles[0]?.text).toBe('Zoë said hi, señor.');
    expect(analyse.calls).toBe(1);
  });
});
