// Entry point of the root Pulumi.yaml, so that the plain CLI (`npm run pulumi -- preview --stack lab`)
// runs the same program as the automation app.
import { loadLabInventory } from './lab-inventory';
import { labProgram } from './program';

export = labProgram(loadLabInventory())();
