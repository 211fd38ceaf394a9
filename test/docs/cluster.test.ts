/**
 * docs/cluster.md and examples/kubernetes-indexed-job.yaml (issue 20) against this version's
 * command line: every nabolag command they show parses (no unknown option, the command to
 * submit readable), and the Kubernetes example's shards and merge agree (n of --shard auto/n is
 * the Job's completions; the merge is given shard folders 1 to n under its --out). The example
 * itself cannot run here: no Kubernetes cluster.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { parseCommandLine } from '../../src/cli/args-yargs.js';
import { PROGRAM } from '../../src/cli/program.js';
import { readInner } from '../../src/cli/submit.js';

/** The words of a shell command line, with the task index expanded to 1 and quotes removed. */
const words = (line: string) =>
  line
    .replace(/\$\(\((JOB_COMPLETION_INDEX|AWS_BATCH_JOB_ARRAY_INDEX) \+ 1\)\)/g, '1')
    .trim()
    .split(/\s+/)
    .map((w) => w.replace(/^'(.*)'$/, '$1'));

const nabolagArgs = (line: string) => {
  const w = words(line);
  const at = w.findIndex((x) => x === 'nabolag' || x.endsWith('bin/nabolag.js'));
  expect(at, line).toBeGreaterThanOrEqual(0);
  return w.slice(at + 1);
};

describe('docs/cluster.md', () => {
  const doc = readFileSync('docs/cluster.md', 'utf8');

  it('every nabolag command it shows parses, and every command it submits can be submitted', () => {
    const code = [...doc.matchAll(/^```sh\n([\s\S]*?)^```/gm)].map((m) => m[1]!).join('');
    const lines = [...code.matchAll(/^(?:nabolag|node bin\/nabolag\.js) .*$/gm)].map((m) => m[0]);
    expect(lines.length).toBeGreaterThanOrEqual(5);
    for (const line of lines) {
      const args = nabolagArgs(line);
      const parsed = parseCommandLine(PROGRAM, args);
      expect(parsed.kind, line).toBe('run');
      if (parsed.kind === 'run' && parsed.invocation.command === 'submit' && parsed.invocation.args.resume === undefined)
        expect(() => readInner(parsed.invocation.args.command as string[]), line).not.toThrow();
    }
  });

  it('says plainly that Kubernetes and AWS Batch are untested', () => {
    expect(doc).toMatch(/## Kubernetes: an Indexed Job \(untested here\)/);
    expect(doc).toMatch(/## AWS Batch: an array job \(untested here\)/);
  });
});

describe('examples/kubernetes-indexed-job.yaml', () => {
  const docs = parseAllDocuments(readFileSync('examples/kubernetes-indexed-job.yaml', 'utf8')).map((d) => d.toJS());
  const job = (name: string) => docs.find((d) => d.kind === 'Job' && d.metadata.name === name);
  const commandOf = (j: { spec: { template: { spec: { containers: { args: string[] }[] } } } }) => j.spec.template.spec.containers[0]!.args[0]!;

  it('is an Indexed Job whose pods each run one shard, and a suspended merge of all of them', () => {
    const shards = job('nabolag-shards');
    const merge = job('nabolag-merge');
    expect(shards.spec.completionMode).toBe('Indexed');
    const n = shards.spec.completions as number;

    const shardArgs = nabolagArgs(commandOf(shards));
    const run = parseCommandLine(PROGRAM, shardArgs);
    expect(run.kind).toBe('run');
    if (run.kind !== 'run') return;
    expect(run.invocation.args.shard).toBe(`auto/${n}`);
    expect(run.invocation.args.out).toBe('/results/big/shards/1');

    expect(merge.spec.suspend).toBe(true);
    const m = parseCommandLine(PROGRAM, nabolagArgs(commandOf(merge)));
    expect(m.kind).toBe('run');
    if (m.kind !== 'run') return;
    expect(m.invocation.command).toBe('merge');
    expect(m.invocation.args.folders).toEqual(Array.from({ length: n }, (_, i) => `/results/big/shards/${i + 1}`));
    expect(m.invocation.args.out).toBe('/results/big');
  });

  it('shares one ReadWriteMany volume between the shards and the merge', () => {
    const pvc = docs.find((d) => d.kind === 'PersistentVolumeClaim');
    expect(pvc.spec.accessModes).toEqual(['ReadWriteMany']);
    for (const name of ['nabolag-shards', 'nabolag-merge'])
      expect(job(name).spec.template.spec.volumes[0].persistentVolumeClaim.claimName).toBe(pvc.metadata.name);
  });
});
