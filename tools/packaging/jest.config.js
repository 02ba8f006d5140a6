module.exports = {
  displayName: 'packaging',
  preset: '../../jest.preset.js',
  rootDir: __dirname,
  // Packing and installing needs npm and the Pulumi engine: it has its own target.
  testPathIgnorePatterns: ['\\.it\\.test\\.ts$'],
};
