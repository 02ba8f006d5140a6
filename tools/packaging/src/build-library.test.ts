import { publishedManifest } from './build-library';

describe('publishedManifest', () => {
  const source = {
    name: '@hastack/host',
    version: '0.1.0',
    main: './src/index.ts',
    types: './src/index.ts',
    exports: { '.': './src/index.ts', './testing': './src/testing/index.ts' },
    dependencies: { 'shell-quote': '^1.12.0' },
    peerDependencies: { '@pulumi/pulumi': '^3.270.0' },
  };

  it('points every entry point at the compiled files and drops the workspace-only fields', () => {
    const published = publishedManifest({ ...source, private: true });
    expect(published).toMatchObject({
      main: './index.js',
      types: './index.d.ts',
      exports: {
        '.': { types: './index.d.ts', default: './index.js' },
        './testing': { types: './testing/index.d.ts', default: './testing/index.js' },
      },
      dependencies: source.dependencies,
      peerDependencies: source.peerDependencies,
    });
    expect(published).not.toHaveProperty('private');
  });

  it('refuses an entry point outside src', () => {
    expect(() => publishedManifest({ ...source, main: './lib/index.js' })).toThrow('entry point "./lib/index.js" is not a ./src/*.ts file');
  });
});
