/**
 * Runs a Dockerfile's steps without Docker (no daemon on these machines): each stage gets a folder
 * standing for its file system, COPY copies into it (from the build context, minus .dockerignore,
 * or from an earlier stage), RUN runs `npm …` there with this machine's Node 20 (what node:20-slim
 * holds), ENV, WORKDIR and CMD are kept. Steps that need the real image (creating a folder for
 * another user) are only checked against a list, since they cannot be run here as they stand.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, readdirSync } from 'node:fs';
import { dirname, isAbsolute, join, posix } from 'node:path';

export interface Stage {
  name: string;
  from: string;
  /** The folder standing for this stage's `/`. */
  root: string;
  workdir: string;
  env: Record<string, string>;
  cmd?: string[];
  healthcheck?: { options: string; cmd: string[] };
  volumes: string[];
  user?: string;
  /** RUN steps checked but not run (see SYSTEM_STEPS). */
  skipped: string[];
}

/** RUN steps that only make sense in the image itself, with what they do here. */
const SYSTEM_STEPS: Record<string, (stage: Stage) => void> = {
  'mkdir -p /app/data && chown node:node /app/data': (stage) => mkdirSync(join(stage.root, 'app', 'data'), { recursive: true }),
};

/** The Dockerfile's instructions, continuation lines joined, comments dropped. */
export function instructions(text: string): Array<{ op: string; args: string }> {
  const joined = text.replace(/\\\n\s*/g, ' ');
  return joined
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '' && !l.startsWith('#'))
    .map((l) => {
      const [op, ...rest] = l.split(/\s+/);
      return { op: op!.toUpperCase(), args: rest.join(' ') };
    });
}

function ignored(context: string): Set<string> {
  const file = join(context, '.dockerignore');
  if (!existsSync(file)) return new Set();
  return new Set(readFileSync(file, 'utf8').split('\n').map((l) => l.trim()).filter((l) => l && !l.startsWith('#')));
}

export function runDockerfile(context: string, workspace: string, options: { env?: NodeJS.ProcessEnv } = {}): Stage[] {
  const stages: Stage[] = [];
  const skip = ignored(context);
  let stage: Stage | undefined;
  const inStage = (path: string) => join(stage!.root, isAbsolute(path) ? path : posix.join(stage!.workdir, path));
  for (const { op, args } of instructions(readFileSync(join(context, 'Dockerfile'), 'utf8'))) {
    if (op === 'FROM') {
      const [from, as, name] = args.split(/\s+/);
      const root = join(workspace, `stage-${stages.length}`);
      mkdirSync(root, { recursive: true });
      stage = { name: as?.toUpperCase() === 'AS' ? name! : String(stages.length), from: from!, root, workdir: '/', env: {}, volumes: [], skipped: [] };
      stages.push(stage);
      continue;
    }
    if (!stage) throw new Error(`${op} before FROM`);
    if (op === 'WORKDIR') {
      stage.workdir = posix.resolve(stage.workdir, args);
      mkdirSync(inStage('.'), { recursive: true });
    } else if (op === 'ENV') {
      for (const m of args.matchAll(/(\w+)=("[^"]*"|\S+)/g)) stage.env[m[1]!] = m[2]!.replace(/^"|"$/g, '');
    } else if (op === 'COPY') {
      const words = args.split(/\s+/);
      const from = words.find((w) => w.startsWith('--from='))?.slice('--from='.length);
      const paths = words.filter((w) => !w.startsWith('--'));
      const dest = paths.pop()!;
      const source = from === undefined ? undefined : stages.find((s) => s.name === from);
      if (from !== undefined && !source) throw new Error(`COPY --from=${from}: no such stage`);
      for (const path of paths) {
        if (!source && skip.has(path.split('/')[0]!)) throw new Error(`COPY ${path}: excluded by .dockerignore`);
        const src = source ? join(source.root, path) : join(context, path);
        if (!existsSync(src)) throw new Error(`COPY ${path}: not found`);
        const target = dest.endsWith('/') ? join(inStage(dest), posix.basename(path)) : inStage(dest);
        mkdirSync(dirname(target), { recursive: true });
        // .dockerignore patterns name top-level paths here, as Docker reads them (from the context root).
        cpSync(src, target, { recursive: true });
      }
    } else if (op === 'RUN') {
      if (args.startsWith('npm ')) {
        execFileSync('sh', ['-c', args], { cwd: inStage('.'), env: { ...options.env, ...stage.env }, stdio: 'pipe' });
      } else {
        const emulate = SYSTEM_STEPS[args];
        if (!emulate) throw new Error(`RUN ${args}: cannot be run without the image; add it to SYSTEM_STEPS with what it does here`);
        emulate(stage);
        stage.skipped.push(args);
      }
    } else if (op === 'CMD') {
      stage.cmd = JSON.parse(args) as string[];
    } else if (op === 'HEALTHCHECK') {
      const at = args.indexOf('CMD ');
      stage.healthcheck = { options: args.slice(0, at).trim(), cmd: JSON.parse(args.slice(at + 4)) as string[] };
    } else if (op === 'VOLUME') {
      stage.volumes.push(...(JSON.parse(args) as string[]));
    } else if (op === 'USER') {
      stage.user = args;
    } else if (!['EXPOSE', 'STOPSIGNAL', 'LABEL', 'ARG'].includes(op)) {
      throw new Error(`${op}: not understood by this test's runner`);
    }
  }
  return stages;
}

/** What a folder of an image holds, for assertions. */
export function list(dir: string): string[] {
  return existsSync(dir) ? readdirSync(dir).sort() : [];
}
