// Run after lab:down: exits non-zero, listing them, if the lab left anything behind on the machine.
import { labLeftovers } from './leftovers';
import { labPaths } from './paths';

const leftovers = labLeftovers(labPaths());
if (leftovers.length > 0) {
  console.error(`the lab left ${leftovers.length} thing(s) behind:\n  ${leftovers.join('\n  ')}`);
  process.exit(1);
}
console.log('lab is down and left nothing behind');
