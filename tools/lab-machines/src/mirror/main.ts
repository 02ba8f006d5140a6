// Entry point of the mirror's HTTP daemon: main.ts HOST PORT MIRROR_DIR
import { createMirrorServer } from './mirror-server';

const [host, port, mirrorDir] = process.argv.slice(2);
createMirrorServer(mirrorDir).listen(Number(port), host, () => {
  console.log(`mirror ${mirrorDir} on http://${host}:${port}/`);
});
process.on('SIGTERM', () => process.exit(0));
