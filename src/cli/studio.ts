/**
 * `nabolag studio [--out DIR] [--open] [--serve [--port P]]`: write the studio, one
 * self-contained index.html (studio/page.ts) with the app and the simulation worker inlined, into
 * an output folder written like every other (output/atomic.ts: only a new, empty or
 * nabolag-written folder, swapped in whole).
 *
 * The scripts are bundled by `npm run build` (tools/build-studio.ts → dist/studio/), so an
 * installed package needs no bundler; run from the sources (tsx), they are bundled afresh.
 */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { join, resolve as resolvePath } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { writeAtomically } from '../output/atomic.js';
import { UserError } from '../scenario/messages.js';
import { loadScenario } from '../scenario/load.js';
import { studioHtml } from '../studio/page.js';
import { bundleDir, bundleStudio, packageRoot } from '../tools/build-studio.js';
import { VERSION } from '../version.js';
import { wholeNumberOption } from './args.js';

/** The default port of `--serve` (an assumption: an unassigned port above 8000). */
export const STUDIO_PORT = 8321;

/** The app and worker scripts: the built bundles, or (running from the sources) bundled now. */
async function scripts(): Promise<{ app: string; worker: string }> {
  const fromSources = fileURLToPath(import.meta.url).endsWith('.ts');
  const dir = bundleDir();
  if (!fromSources && existsSync(join(dir, 'app.js')) && existsSync(join(dir, 'worker.js')))
    return { app: readFileSync(join(dir, 'app.js'), 'utf8'), worker: readFileSync(join(dir, 'worker.js'), 'utf8') };
  if (existsSync(join(packageRoot(), 'src', 'studio', 'app.ts'))) return bundleStudio();
  throw new UserError(`the studio's scripts are missing (${join(dir, 'app.js')}): reinstall nabolag, or run "npm run build" in a source checkout`);
}

/** The scenarios the estate mode offers: the default and the presets, resolved as `nabolag run` reads them. */
export const STUDIO_PRESETS = [
  'scenarios/default.yaml',
  'scenarios/presets/average.yaml',
  'scenarios/presets/aeblehaven-like.yaml',
  'scenarios/presets/egedalsvaenge-like.yaml',
  'scenarios/presets/ringparken-like.yaml',
];

/**
 * The shipped scenarios the page lists: each estate once. A scenario that is an earlier one
 * under another name (scenarios/default.yaml extends presets/average.yaml and changes only its
 * name and description) is left out, so the list has no two entries that run the same estate.
 */
export function studioPresets(root = packageRoot()): { file: string; scenario: ReturnType<typeof loadScenario> }[] {
  const seen = new Set<string>();
  const same = (sc: ReturnType<typeof loadScenario>) => JSON.stringify({ ...sc, name: '', description: '' });
  return STUDIO_PRESETS.filter((f) => existsSync(join(root, f)))
    .map((file) => ({ file, scenario: loadScenario(join(root, file)) }))
    .filter((p) => {
      const k = same(p.scenario);
      if (seen.has(k)) return false;
      seen.add(k);
      return true;
    });
}

/** The page, as `nabolag studio` writes it. */
export async function studioPage(): Promise<string> {
  const s = await scripts();
  const root = packageRoot();
  return studioHtml({ ...s, version: VERSION, presets: studioPresets(root) });
}

/** Open a file or URL in the default browser; false when no opener could be started. */
function openInBrowser(target: string): Promise<boolean> {
  const [cmd, args] =
    process.platform === 'darwin' ? ['open', [target]] : process.platform === 'win32' ? ['cmd', ['/c', 'start', '""', target]] : ['xdg-open', [target]];
  return new Promise((done) => {
    try {
      const child = spawn(cmd as string, args as string[], { detached: true, stdio: 'ignore' });
      child.on('error', () => done(false));
      child.on('spawn', () => {
        child.unref();
        done(true);
      });
    } catch {
      done(false);
    }
  });
}

export async function studioCommand(
  argv: { out?: string; open?: boolean; serve?: boolean; port?: unknown; quiet?: boolean },
  out: { stdout: (s: string) => void; stderr: (s: string) => void },
): Promise<void> {
  const port = wholeNumberOption('port', argv.port, 1, 65535) ?? STUDIO_PORT;
  if (argv.port !== undefined && !argv.serve) throw new UserError('option --port: it sets the port of --serve; add --serve');
  const outDir = argv.out ?? join('output', 'studio');
  const html = await studioPage();
  const files = await writeAtomically(outDir, async (dir) => {
    writeFileSync(join(dir, 'index.html'), html);
    writeFileSync(
      join(dir, 'manifest.json'),
      JSON.stringify({ tool: 'nabolag', version: VERSION, command: ['studio'], files: ['index.html', 'manifest.json'] }, null, 2) + '\n',
    );
    return ['index.html', 'manifest.json'];
  });
  const page = resolvePath(outDir, files[0]!);
  const url = pathToFileURL(page).href;
  if (!argv.quiet) out.stdout(`nabolag ${VERSION}: the studio is in ${resolvePath(outDir)}/ (one file, works offline)\nopen: ${url}\n`);
  if (argv.serve) {
    const server = createServer((req, res) => {
      const path = (req.url ?? '/').split('?')[0];
      if (req.method !== 'GET' && req.method !== 'HEAD') {
        res.writeHead(405, { Allow: 'GET, HEAD' }).end();
        return;
      }
      if (path !== '/' && path !== '/index.html') {
        res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' }).end('not found\n');
        return;
      }
      res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' }).end(req.method === 'HEAD' ? undefined : html);
    });
    await new Promise<void>((done, fail) => {
      server.once('error', (e: NodeJS.ErrnoException) =>
        fail(
          e.code === 'EADDRINUSE' || e.code === 'EACCES'
            ? new UserError(`option --port: port ${port} is ${e.code === 'EADDRINUSE' ? 'in use' : 'not allowed'}; choose another with --port`)
            : e,
        ),
      );
      server.listen(port, '127.0.0.1', () => done());
    });
    const served = `http://127.0.0.1:${port}/`;
    out.stdout(`serving the studio on ${served} (this machine only); Ctrl-C to stop\n`);
    if (argv.open && !(await openInBrowser(served))) out.stderr(`nabolag: could not start a browser; open ${served}\n`);
    await new Promise<void>((done) => {
      const stop = () => {
        server.close(() => done());
        server.closeAllConnections();
      };
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
    return;
  }
  if (argv.open && !(await openInBrowser(url))) out.stderr(`nabolag: could not start a browser; open ${url}\n`);
}
