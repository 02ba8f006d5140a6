module.exports = {
  displayName: 'lab',
  preset: '../../jest.preset.js',
  rootDir: __dirname,
};
