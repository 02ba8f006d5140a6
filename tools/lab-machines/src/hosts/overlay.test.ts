import { mountsUnder, overlayOptions } from './overlay';

describe('mountsUnder', () => {
  it('lists the mounts at or below a folder, deepest first, and nothing beside it', () => {
    const mounts = [
      'overlay /work/main/.lab/hosts/web1/root overlay rw 0 0',
      'proc /work/main/.lab/hosts/web1/root/proc proc rw 0 0',
      'overlay /work/main/.lab-other/root overlay rw 0 0',
      'overlay /work/main/.lab/hosts/my\\040host/root overlay rw 0 0',
    ].join('\n');
    expect(mountsUnder(mounts, '/work/main/.lab')).toEqual([
      '/work/main/.lab/hosts/web1/root/proc',
      '/work/main/.lab/hosts/my host/root',
      '/work/main/.lab/hosts/web1/root',
    ]);
  });
});

describe('overlayOptions', () => {
  it("stacks the host's upper layer on the shared base", () => {
    expect(overlayOptions('/base', { upper: '/h/upper', work: '/h/work', root: '/h/root' })).toBe('lowerdir=/base,upperdir=/h/upper,workdir=/h/work');
  });
});
