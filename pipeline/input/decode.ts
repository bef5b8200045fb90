/**
 * Bytes → text. A byte order mark wins; otherwise bytes that are valid UTF-8 are UTF-8 (the fast path:
 * one `TextDecoder` call, no chardet); otherwise an encoding declared by the format (HTML `<meta charset>`)
 * or, failing that, chardet's guess, decoded with iconv-lite. A leading BOM is removed and nothing else is
 * touched: line endings, whitespace and normalisation stay exactly as decoded.
 */
import chardet from 'chardet';
import iconv from 'iconv-lite';

/** True when `s` has nothing but whitespace (the same set `String.prototype.trim` removes), without copying it. */
export const isBlank = (s: string): boolean => !/\S/.test(s);

export type DecodeResult =
  | { ok: true; text: string; encoding: string }
  | { ok: false; status: 'binary'; reason: string };

/** Bytes inspected for NUL bytes and code points inspected for control characters. */
const SNIFF_BYTES = 8192;
const SNIFF_CHARS = 16384;
/** Bytes given to chardet; enough for a confident guess, bounded so big files stay cheap. */
const CHARDET_BYTES = 65536;
/** Below this chardet confidence (0–100) the legacy default, windows-1252, is used instead. */
const MIN_CHARDET_CONFIDENCE = 30;
/** windows-1252 is kept unless chardet rates another code page more than this many times as likely. */
const WESTERN_PRIOR = 1.75;
/** Text with more than this share of control characters (or U+FFFD) is treated as binary. */
const MAX_CONTROL_RATIO = 0.05;

const utf8Strict = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
const utf8Lenient = new TextDecoder('utf-8', { fatal: false, ignoreBOM: true });

interface Bom {
  encoding: 'UTF-8' | 'UTF-16LE' | 'UTF-16BE' | 'UTF-32LE' | 'UTF-32BE';
  length: number;
}

export function sniffBom(b: Uint8Array): Bom | undefined {
  if (b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) return { encoding: 'UTF-8', length: 3 };
  if (b[0] === 0xff && b[1] === 0xfe && b[2] === 0x00 && b[3] === 0x00) return { encoding: 'UTF-32LE', length: 4 };
  if (b[0] === 0x00 && b[1] === 0x00 && b[2] === 0xfe && b[3] === 0xff) return { encoding: 'UTF-32BE', length: 4 };
  if (b[0] === 0xff && b[1] === 0xfe) return { encoding: 'UTF-16LE', length: 2 };
  if (b[0] === 0xfe && b[1] === 0xff) return { encoding: 'UTF-16BE', length: 2 };
  return undefined;
}

/** Signatures of common non-text formats: [name, offset, bytes]. Only ones no real text starts with. */
const MAGIC: ReadonlyArray<readonly [string, number, readonly number[]]> = [
  ['PNG image', 0, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]],
  ['PDF document', 0, [0x25, 0x50, 0x44, 0x46, 0x2d]], // %PDF-
  ['GIF image', 0, [0x47, 0x49, 0x46, 0x38]], // GIF8
  ['JPEG image', 0, [0xff, 0xd8, 0xff]],
  ['ZIP archive (or DOCX/EPUB/ODT)', 0, [0x50, 0x4b, 0x03, 0x04]],
  ['empty ZIP archive', 0, [0x50, 0x4b, 0x05, 0x06]],
  ['gzip archive', 0, [0x1f, 0x8b]],
  ['bzip2 archive', 0, [0x42, 0x5a, 0x68, 0x39, 0x31, 0x41, 0x59, 0x26, 0x53, 0x59]],
  ['xz archive', 0, [0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00]],
  ['zstd archive', 0, [0x28, 0xb5, 0x2f, 0xfd]],
  ['7-Zip archive', 0, [0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c]],
  ['RAR archive', 0, [0x52, 0x61, 0x72, 0x21, 0x1a, 0x07]],
  ['ELF executable', 0, [0x7f, 0x45, 0x4c, 0x46]],
  ['OLE2 document (DOC/XLS)', 0, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]],
  ['SQLite database', 0, [0x53, 0x51, 0x4c, 0x69, 0x74, 0x65, 0x20, 0x66, 0x6f, 0x72, 0x6d, 0x61, 0x74, 0x20, 0x33, 0x00]],
  ['WebAssembly module', 0, [0x00, 0x61, 0x73, 0x6d]],
  ['TIFF image', 0, [0x49, 0x49, 0x2a, 0x00]],
  ['TIFF image', 0, [0x4d, 0x4d, 0x00, 0x2a]],
  ['Ogg media', 0, [0x4f, 0x67, 0x67, 0x53, 0x00]],
  ['MP4/MOV media', 4, [0x66, 0x74, 0x79, 0x70]], // ftyp
];

export function sniffMagic(b: Uint8Array): string | undefined {
  for (const [name, offset, sig] of MAGIC) {
    if (b.length < offset + sig.length) continue;
    let match = true;
    for (let i = 0; i < sig.length; i++) {
      if (b[offset + i] !== sig[i]) {
        match = false;
        break;
      }
    }
    if (match) return name;
  }
  return undefined;
}

/** The characters `controlRatio` counts: one regex test finds none in most text faster than a loop over it. */
const CONTROL = /[\u0000-\u0008\u000e-\u001f\u007f-\u009f\ufffd]/;

/** Share of code points in the first {@link SNIFF_CHARS} that are C0/C1 controls (other than tab, LF, VT, FF, CR) or U+FFFD. */
export function controlRatio(text: string): number {
  const end = Math.min(text.length, SNIFF_CHARS);
  if (end === 0) return 0;
  if (!CONTROL.test(end === text.length ? text : text.slice(0, end))) return 0;
  let bad = 0;
  for (let i = 0; i < end; i++) {
    const c = text.charCodeAt(i);
    if ((c < 0x20 && (c < 0x09 || c > 0x0d)) || c === 0x7f || (c >= 0x80 && c <= 0x9f) || c === 0xfffd) bad++;
  }
  return bad / end;
}

/** Canonical name for an encoding label, following the WHATWG rule that Latin-1/ASCII labels mean windows-1252. */
export function canonicalEncoding(label: string): string {
  const l = label.trim().toLowerCase();
  if (l === 'utf-8' || l === 'utf8' || l === 'unicode-1-1-utf-8') return 'UTF-8';
  if (['iso-8859-1', 'iso8859-1', 'latin1', 'latin-1', 'l1', 'us-ascii', 'ascii', 'windows-1252', 'cp1252', 'x-cp1252', 'cp819', 'ibm819'].includes(l)) {
    return 'windows-1252';
  }
  if (l === 'utf-16le' || l === 'utf-16') return 'UTF-16LE';
  if (l === 'utf-16be') return 'UTF-16BE';
  return label.trim();
}

function decodeWith(bytes: Uint8Array, encoding: string): string {
  if (encoding === 'UTF-8') return utf8Lenient.decode(bytes);
  return iconv.decode(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), encoding, { stripBOM: false });
}

function guessLegacyEncoding(bytes: Uint8Array): string {
  // The bytes are not valid UTF-8 and carry no BOM, so Unicode (and unsupported) guesses are discarded.
  const candidates = chardet
    .analyse(bytes.subarray(0, CHARDET_BYTES))
    .map((m) => ({ name: canonicalEncoding(m.name), confidence: m.confidence }))
    .filter((m) => !/^(UTF|ISO-2022)/i.test(m.name) && iconv.encodingExists(m.name));
  const top = candidates[0];
  if (!top || top.confidence < MIN_CHARDET_CONFIDENCE) return 'windows-1252';
  // Western prior: on short text chardet often ranks a sibling code page (ISO-8859-2…) just above
  // windows-1252; keep windows-1252 unless the other is clearly more likely.
  const western = candidates.find((m) => m.name === 'windows-1252');
  if (western && western.confidence * WESTERN_PRIOR >= top.confidence) return 'windows-1252';
  return top.name;
}

function finish(text: string, encoding: string): DecodeResult {
  const ratio = controlRatio(text);
  if (ratio > MAX_CONTROL_RATIO) {
    return {
      ok: false,
      status: 'binary',
      reason: `decoded as ${encoding}, ${(ratio * 100).toFixed(0)}% of the characters are control characters or undecodable bytes`,
    };
  }
  return { ok: true, text, encoding };
}

/**
 * Decode a file's bytes. `declaredCharset` is asked (lazily) for an encoding the format itself states; it is
 * only consulted when there is no BOM and the bytes are not valid UTF-8.
 */
export function decodeBytes(bytes: Uint8Array, declaredCharset?: () => string | undefined): DecodeResult {
  const bom = sniffBom(bytes);
  if (bom) {
    const body = bytes.subarray(bom.length);
    return finish(decodeWith(body, bom.encoding), bom.encoding);
  }
  const magic = sniffMagic(bytes);
  if (magic) return { ok: false, status: 'binary', reason: `the bytes start like a ${magic}` };
  if (bytes.subarray(0, SNIFF_BYTES).includes(0)) {
    return { ok: false, status: 'binary', reason: 'the file contains NUL bytes and has no UTF-16/UTF-32 byte order mark' };
  }
  try {
    return finish(utf8Strict.decode(bytes), 'UTF-8');
  } catch {
    // not UTF-8: fall through to a declared or detected legacy encoding
  }
  let encoding: string | undefined;
  const declared = declaredCharset?.();
  if (declared) {
    const canonical = canonicalEncoding(declared);
    if (!/^(UTF-8|UTF-16)/i.test(canonical) && iconv.encodingExists(canonical)) encoding = canonical;
  }
  if (encoding === undefined) {
    encoding = guessLegacyEncoding(bytes);
    const text = decodeWith(bytes, encoding);
    // chardet often names a sibling code page (ISO-8859-9, windows-1257…) for short Western text; when
    // windows-1252 reads the bytes identically, report the common one.
    if (encoding !== 'windows-1252' && decodeWith(bytes, 'windows-1252') === text) encoding = 'windows-1252';
    return finish(text, encoding);
  }
  return finish(decodeWith(bytes, encoding), encoding);
}
