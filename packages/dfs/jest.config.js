module.exports = {
  displayName: 'dfs',
  preset: '../../jest.preset.js',
  rootDir: __dirname,
};
