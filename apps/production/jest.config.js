module.exports = {
  displayName: 'production',
  preset: '../../jest.preset.js',
  rootDir: __dirname,
  // The preview through the engine has its own target.
  testPathIgnorePatterns: ['\\.it\\.test\\.ts$'],
};
