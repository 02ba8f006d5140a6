module.exports = {
  displayName: 'site',
  preset: '../../jest.preset.js',
  rootDir: __dirname,
  // The guard with the engine has its own target.
  testPathIgnorePatterns: ['\\.it\\.test\\.ts$'],
};
