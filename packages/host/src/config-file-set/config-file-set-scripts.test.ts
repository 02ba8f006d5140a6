import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { removeFileScript, writeFileScript } from '../config-file/config-file-scripts';
import { bashScript } from '../shell';
import { recordedFileRemovalFunction } from './recorded-file-removal';
import { fileSetDriftProbe, removeFileSetScript, setInput, writeFileSetScript } from './config-file-set-scripts';

const ownership = (mode: string) => ({ owner: String(process.getuid?.() ?? 0), group: String(process.getgid?.() ?? 0), mode });

function run(lines: string[], stdin = '', previousStdout?: string): { code: number; stdout: string; stderr: string } {
  const env = { ...process.env, ...(previousStdout === undefined ? {} : { PULUMI_COMMAND_STDOUT: previousStdout }) };
  const result = spawnSync('sh', ['-c', bashScript(lines)], { input: stdin, encoding: 'utf8', env });
  return { code: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}

const read = (path: string) => readFileSync(path, 'utf8');
const modeOf = (path: string) => (statSync(path).mode & 0o777).toString(8);

describe('writeFileSetScript', () => {
  let dir: string;
  let originals: string;
  let main: string;
  let objects: string;
  // A check over the whole set, as `nagios -v` reads the main file and the objects it names.
  const validate = () => `grep -q '^cfg_file=${objects}$' ${main} && ! grep -q BROKEN ${objects} || { echo "Error: object config is broken"; exit 1; }`;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'file-set-'));
    originals = join(mkdtempSync(join(tmpdir(), 'file-set-originals-')), 'originals');
    main = join(dir, 'nagios.cfg');
    objects = join(dir, 'objects', 'hosts.cfg');
    writeFileSync(main, 'shipped main config\n');
  });
  const files = () => [
    { path: main, ownership: ownership('0644') },
    { path: objects, ownership: ownership('0640') },
  ];
  const deploy = (contents: string[], previous?: string) => run(writeFileSetScript(files(), validate(), originals), setInput(contents), previous);

  it('writes every file with its mode, checks once and prints the paths it manages', () => {
    const result = deploy([`cfg_file=${objects}\n`, 'define host {}\n']);
    expect(result).toMatchObject({ code: 0, stdout: `${main}\n${objects}\n` });
    expect(read(main)).toBe(`cfg_file=${objects}\n`);
    expect(read(objects)).toBe('define host {}\n');
    expect(modeOf(objects)).toBe('640');
  });

  it('puts every file back when the check refuses the set, with the check output', () => {
    const first = deploy([`cfg_file=${objects}\n`, 'define host {}\n']);
    const refused = deploy([`cfg_file=${objects}\n# changed\n`, 'BROKEN\n'], first.stdout);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(`${main}, ${objects} were refused by`);
    expect(refused.stderr).toContain('Error: object config is broken');
    expect(read(main)).toBe(`cfg_file=${objects}\n`);
    expect(read(objects)).toBe('define host {}\n');
    expect(readdirSync(dir).filter((name) => name.includes('hastack-'))).toEqual([]);
  });

  it('leaves the host as it found it when a first deploy is refused', () => {
    expect(deploy([`cfg_file=${objects}\n`, 'BROKEN\n']).code).toBe(1);
    expect(read(main)).toBe('shipped main config\n');
    expect(existsSync(join(dir, 'objects'))).toBe(false);
    expect(existsSync(originals)).toBe(false);
  });

  it('removes a file the new set no longer has, and destroy puts back what the set found', () => {
    const first = deploy([`cfg_file=${objects}\n`, 'define host {}\n']);
    const smaller = run(writeFileSetScript([files()[0]], 'true', originals), setInput(['no objects\n']), first.stdout);
    expect(smaller).toMatchObject({ code: 0, stdout: `${main}\n` });
    expect(existsSync(objects)).toBe(false);
    expect(run(removeFileSetScript([main], originals)).code).toBe(0);
    expect(read(main)).toBe('shipped main config\n');
    expect(existsSync(originals)).toBe(false);
  });

  it('applies a new mode to content that did not change', () => {
    const first = deploy([`cfg_file=${objects}\n`, 'define host {}\n']);
    const tighter = run(
      writeFileSetScript([files()[0], { path: objects, ownership: ownership('0600') }], validate(), originals),
      setInput([`cfg_file=${objects}\n`, 'define host {}\n']),
      first.stdout,
    );
    expect(tighter.code).toBe(0);
    expect(modeOf(objects)).toBe('600');
  });

  it('keeps any byte of the content, and the content out of the script', () => {
    const content = 'line 1\n\tquote \' " $HOME `id` \\ \u00e9\n\nno final newline';
    expect(run(writeFileSetScript([{ path: objects, ownership: ownership('0600') }], undefined, originals), setInput([content])).code).toBe(0);
    expect(read(objects)).toBe(content);
    expect(writeFileSetScript([{ path: objects, ownership: ownership('0600') }], undefined, originals).join('\n')).not.toContain('quote');
  });
});

describe('recordedFileRemovalFunction', () => {
  // Both removals on the same layout: a change of the single-file store of originals shows here.
  it.each([
    ['a file the first write found', true],
    ['a file the first write created', false],
  ])('undoes %s as removeFileScript does', (_case, existed) => {
    const results = ['rendered', 'runtime'].map((kind) => {
      const dir = mkdtempSync(join(tmpdir(), `removal-${kind}-`));
      const originals = join(dir, 'state', 'originals');
      const path = join(dir, 'etc', 'app.conf');
      if (existed) {
        run([`mkdir -p ${dir}/etc`, `echo original > ${path}`]);
      }
      run(writeFileScript({ path, ownership: ownership('0600'), originals, firstWrite: true }), 'ours\n');
      const removal = kind === 'rendered' ? removeFileScript(path, originals) : [...recordedFileRemovalFunction(originals), `hastack_remove_file ${path}`];
      expect(run(removal).code).toBe(0);
      return { content: existsSync(path) ? read(path) : null, etc: existsSync(join(dir, 'etc')), state: existsSync(join(dir, 'state')) };
    });
    expect(results[1]).toEqual(results[0]);
    expect(results[0]).toEqual({ content: existed ? 'original\n' : null, etc: existed, state: false });
  });
});

describe('fileSetDriftProbe', () => {
  it("checks each file against its own content on the set's stdin", () => {
    const dir = mkdtempSync(join(tmpdir(), 'file-set-drift-'));
    const files = ['a.cfg', 'b.cfg'].map((name) => ({ path: join(dir, name), ownership: { owner: 'root', group: 'root', mode: '0644' } }));
    const input = setInput(['a = 1\n', 'b = 2\n']);
    expect(run(writeFileSetScript(files, undefined, join(dir, 'originals')), input).code).toBe(0);
    expect(run(fileSetDriftProbe(files), input).stdout).toBe('');
    writeFileSync(files[1].path, 'b = 3\n');
    expect(run(fileSetDriftProbe(files), input).stdout).toBe(`${files[1].path}: content differs from the deployed file\n`);
  });
});
