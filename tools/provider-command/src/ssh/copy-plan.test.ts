import { planCopy } from './copy-plan';

describe('planCopy', () => {
  it('puts a file into an existing directory under its own name', () => {
    expect(planCopy({ kind: 'file', path: '/src/app.conf' }, '/etc/app', 'directory')).toEqual({
      action: 'file',
      from: '/src/app.conf',
      to: '/etc/app/app.conf',
    });
  });

  it('writes a file at remotePath when that is not a directory', () => {
    expect(planCopy({ kind: 'file', path: '/src/app.conf' }, '/etc/app.conf', 'missing').to).toBe('/etc/app.conf');
    expect(planCopy({ kind: 'file', path: '/src/app.conf' }, '/etc/app.conf', 'file').to).toBe('/etc/app.conf');
  });

  it('copies a directory into remotePath, or only its contents with a trailing slash', () => {
    expect(planCopy({ kind: 'directory', path: '/src/site' }, '/var/www', 'directory').to).toBe('/var/www/site');
    expect(planCopy({ kind: 'directory', path: '/src/site/' }, '/var/www', 'missing').to).toBe('/var/www');
  });

  it('refuses a directory onto a file and a text onto a directory', () => {
    expect(() => planCopy({ kind: 'directory', path: '/src/site' }, '/etc/passwd', 'file')).toThrow(/is a file/);
    expect(() => planCopy({ kind: 'text', text: 'x' }, '/etc', 'directory')).toThrow(/is a directory/);
  });
});
