#!/usr/bin/env node
/**
 * `node scripts/bundle.mjs OUT_DIR`: bundles the two entries a run starts, OUT_DIR/cli.js and OUT_DIR/worker-main.js
 * (tsc's output), in place, with esbuild: worker-main.js into one file, cli.js into a small first file and chunks
 * beside it (see below). Start-up then loads a few files instead of some 270 ES modules; the other files of OUT_DIR
 * stay as tsc wrote them. Then it writes OUT_DIR/schema/rules-validated.json,
 * what the schemas give for the shipped rule files (pipeline/schema/validated.ts), so start-up need not check them
 * again. scripts/build.mjs runs it on a build's own folder before swapping it in (a process of its own: esbuild's
 * plugins need its asynchronous API).
 */
import { readFile, writeFile } from 'node:fs/promises';
import { pathToFileURL } from 'node:url';
import { createRequire } from 'node:module';
import path from 'node:path';

export const BUNDLED_ENTRIES = ['cli.js', 'worker-main.js'];

/**
 * Packages left out of the bundles and loaded from node_modules at run time: the wink model reads data files next to
 * its code and piscina starts a worker file of its own; the others are loaded only when needed (createRequire).
 */
const EXTERNAL = ['wink-nlp', 'wink-eng-lite-web-model', 'piscina', 'compromise', 'linkedom', 'recheck', 'typescript', 'tsx'];

/**
 * Modules find files relative to themselves (`../rules`, `./worker-main.js`): inside a bundle each module's
 * `import.meta.url` is rewritten to the URL of its own file in OUT_DIR, computed from the bundle's, so paths resolve
 * as they did unbundled.
 */
function ownMetaUrl(outDir, bundleFile) {
  return {
    name: 'own-import-meta-url',
    setup(build) {
      build.onLoad({ filter: /\.js$/ }, async (args) => {
        if (!args.path.startsWith(outDir + path.sep)) return undefined;
        const text = await readFile(args.path, 'utf8');
        const relative = `./${path.relative(path.dirname(bundleFile), args.path).split(path.sep).join('/')}`;
        const contents = text.replaceAll('import.meta.url', `new URL(${JSON.stringify(relative)}, import.meta.url).href`);
        return { contents, loader: 'js', resolveDir: path.dirname(args.path) };
      });
    },
  };
}

/**
 * The text of a bundle with every non-ASCII character written as a `\\uXXXX` escape. V8 keeps a script's source in
 * memory for as long as the script lives, and stores it with two bytes a character when a single character is
 * outside Latin-1: the worker's bundle then took 5.7 MB of heap for its 2.8 MB, in every thread. esbuild's
 * `charset: 'ascii'` escapes strings but leaves regular expression literals and comments as they are. In those an
 * escape means the same character (an astral one becomes a surrogate pair, which a `u` regex reads as one code
 * point); a character escaped with a backslash in a regex (`\\—`) loses that backslash, which only made it literal.
 */
export function asciiSource(text) {
  return text.replace(/(\\*)([^\u0000-\u007f])/gu, (_, backslashes, char) => {
    // One escape per UTF-16 code unit: a pair for an astral character.
    let escaped = '';
    for (let k = 0; k < char.length; k++) escaped += `\\u${char.charCodeAt(k).toString(16).padStart(4, '0')}`;
    return (backslashes.length % 2 === 1 ? backslashes.slice(1) : backslashes) + escaped;
  });
}

export async function bundleEntries(outDir) {
  let esbuild;
  try {
    esbuild = createRequire(import.meta.url)('esbuild');
  } catch {
    throw new Error('bundling dist/ needs esbuild (a devDependency): run npm install');
  }
  const root = path.resolve(outDir);
  for (const entry of BUNDLED_ENTRIES) {
    const file = path.join(root, entry);
    // cli.js is split: its small first part starts the compromise helper thread, and the rest (a dynamic import,
    // pipeline/cli.ts) is a chunk of its own that is read only after that. Chunks sit beside the entry, so the
    // rewritten `import.meta.url`s stay right.
    const split = entry === 'cli.js';
    const result = await esbuild.build({
      entryPoints: [file],
      // In place: esbuild has read the entry before it writes the bundle.
      ...(split ? { outdir: root, outbase: root, splitting: true, chunkNames: `${path.basename(entry, '.js')}-[name]-[hash]` } : { outfile: file }),
      allowOverwrite: true,
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      external: EXTERNAL,
      plugins: [ownMetaUrl(root, file)],
      // Bundled CommonJS packages call require(), which an ES module lacks.
      banner: { js: "import { createRequire as __bundleRequire } from 'node:module'; const require = __bundleRequire(import.meta.url);" },
      sourcemap: 'linked',
      charset: 'ascii',
      logLevel: 'error',
      write: false,
    });
    for (const output of result.outputFiles) {
      await writeFile(output.path, output.path.endsWith('.js') ? asciiSource(output.text) : output.contents);
    }
  }
}

/** The shipped rule files as the built schemas check them (a broken shipped rule file fails the build). */
export async function writeCheckedRules(outDir) {
  const root = path.resolve(outDir);
  const { checkedRuleFiles } = await import(pathToFileURL(path.join(root, 'engine', 'rule-set.js')).href);
  await writeFile(path.join(root, 'schema', 'rules-validated.json'), `${JSON.stringify(checkedRuleFiles())}\n`);
}

// Run as a script (scripts/build.mjs starts it); tests import `asciiSource` from it.
if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href && process.argv[2]) {
  try {
    await bundleEntries(process.argv[2]);
    await writeCheckedRules(process.argv[2]);
  } catch (error) {
    process.stderr.write(`bundle: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  }
}
