module.exports = {
  displayName: 'provider-command',
  preset: '../../jest.preset.js',
  rootDir: __dirname,
  // The integration tests need the Pulumi engine and an sshd: they have their own target.
  testPathIgnorePatterns: ['\\.it\\.test\\.ts$'],
};
