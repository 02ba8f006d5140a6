import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bashScript } from '../shell';
import { runStepScript, undoStepScript } from './one-off-step-scripts';

const SECRET = 'pa55-w0rd-that-must-not-leak';

function run(lines: string[], stdin?: string): { code: number; stdout: string; stderr: string } {
  const result = spawnSync('sh', ['-c', bashScript(lines)], { input: stdin, encoding: 'utf8' });
  return { code: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}

describe('runStepScript', () => {
  let dir: string;
  let inputDir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'one-off-step-'));
    inputDir = mkdtempSync(join(tmpdir(), 'one-off-input-'));
  });
  const count = () => (existsSync(join(dir, 'runs')) ? readFileSync(join(dir, 'runs'), 'utf8').split('\n').filter(Boolean).length : 0);
  const step = (overrides: { check?: string; run?: string } = {}) => ({
    name: 'init-metadata',
    check: `test -e ${dir}/done`,
    run: `echo run >> ${dir}/runs; touch ${dir}/done`,
    hasInput: false,
    lock: join(dir, 'lock', 'step.lock'),
    ...overrides,
  });

  it('runs a step that is not done, once', () => {
    expect(run(runStepScript(step(), inputDir))).toMatchObject({ code: 0, stdout: 'ran\n' });
    expect(run(runStepScript(step(), inputDir))).toMatchObject({ code: 0, stdout: 'already done\n' });
    expect(count()).toBe(1);
  });

  it('lets a second run of the step wait for the first, which an interrupted deployment may have left going', async () => {
    const slow = step({ run: `echo start >> ${dir}/runs; sleep 1; echo end >> ${dir}/runs; touch ${dir}/done` });
    const inParallel = () =>
      new Promise<string>((resolve) => {
        const child = spawn('sh', ['-c', bashScript(runStepScript(slow, inputDir))]);
        let stdout = '';
        child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
        child.on('exit', () => resolve(stdout));
      });
    expect((await Promise.all([inParallel(), inParallel()])).sort()).toEqual(['already done\n', 'ran\n']);
    expect(readFileSync(join(dir, 'runs'), 'utf8')).toBe('start\nend\n');
    expect(run(undoStepScript(slow, undefined, inputDir)).code).toBe(0);
    expect(existsSync(join(dir, 'lock'))).toBe(false);
  });

  it('fails, with the check output, when the run did not make the check pass', () => {
    const result = run(runStepScript(step({ check: 'echo "no user repl"; false', run: 'true' }), inputDir));
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('step init-metadata ran, but its check still says it is not done:\nno user repl');
  });

  it('fails with the run output when the run fails, and shows nothing of a successful run', () => {
    const failed = run(runStepScript(step({ run: 'echo "ERROR 1045: access denied"; exit 3' }), inputDir));
    expect(failed.code).toBe(1);
    expect(failed.stderr).toContain('step init-metadata failed:\nERROR 1045: access denied');
    const quiet = run(runStepScript(step({ run: `echo chatter; touch ${dir}/done` }), inputDir));
    expect(quiet).toEqual({ code: 0, stdout: 'ran\n', stderr: '' });
  });

  it('stops the run at its first failing line', () => {
    expect(run(runStepScript(step({ run: `false\ntouch ${dir}/done` }), inputDir)).code).toBe(1);
    expect(existsSync(join(dir, 'done'))).toBe(false);
  });

  it('converges when run again after a failure half-way', () => {
    const halfWay = step({ run: `touch ${dir}/first-half; test -e ${dir}/allowed; touch ${dir}/done` });
    expect(run(runStepScript(halfWay, inputDir)).code).toBe(1);
    writeFileSync(join(dir, 'allowed'), '');
    expect(run(runStepScript(halfWay, inputDir))).toMatchObject({ code: 0, stdout: 'ran\n' });
    expect(run(runStepScript(halfWay, inputDir))).toMatchObject({ code: 0, stdout: 'already done\n' });
  });

  it('gives the input to check and run as a 0600 file only, never on a command line, and removes it', () => {
    const withInput = {
      ...step(),
      hasInput: true,
      check: `test -e ${dir}/done && cmp -s "$STEP_INPUT" ${dir}/seen`,
      run: [`cp "$STEP_INPUT" ${dir}/seen`, `stat -c %a "$STEP_INPUT" > ${dir}/mode`, `ps -eo args > ${dir}/ps`, `env > ${dir}/env`, `touch ${dir}/done`].join(
        '\n',
      ),
    };
    expect(run(runStepScript(withInput, inputDir), SECRET)).toMatchObject({ code: 0, stdout: 'ran\n' });
    expect(readFileSync(join(dir, 'seen'), 'utf8')).toBe(SECRET);
    expect(readFileSync(join(dir, 'mode'), 'utf8')).toBe('600\n');
    expect(readFileSync(join(dir, 'ps'), 'utf8')).not.toContain(SECRET);
    expect(readFileSync(join(dir, 'env'), 'utf8')).not.toContain(SECRET);
    expect(readdirSync(inputDir)).toEqual([]);
  });

  it('removes the input file when the run fails too', () => {
    expect(run(runStepScript({ ...step({ run: 'exit 1' }), hasInput: true }, inputDir), SECRET).code).toBe(1);
    expect(readdirSync(inputDir)).toEqual([]);
  });

  it('keeps the input out of the script text', () => {
    expect(runStepScript({ ...step(), hasInput: true }).join('\n')).not.toContain(SECRET);
  });
});

describe('undoStepScript', () => {
  it('runs the undo with the input file, and reports its failure', () => {
    const dir = mkdtempSync(join(tmpdir(), 'one-off-undo-'));
    expect(run(undoStepScript({ name: 'user', hasInput: true, lock: join(dir, 'step.lock') }, `cp "$STEP_INPUT" ${dir}/undone`, dir), SECRET).code).toBe(0);
    expect(readFileSync(join(dir, 'undone'), 'utf8')).toBe(SECRET);
    const failed = run(undoStepScript({ name: 'user', hasInput: false, lock: join(dir, 'step.lock') }, 'echo "no such user"; exit 1', dir));
    expect(failed.code).toBe(1);
    expect(failed.stderr).toContain('undoing step user failed:\nno such user');
  });
});
