import { dispatchingProvider } from '@hastack/provider-kit';
import { main } from '@pulumi/pulumi/provider';
import { version } from '@pulumi/random/package.json';
import { RANDOM_ID_TYPE, randomId } from './random-id';
import { RANDOM_INTEGER_TYPE, randomInteger } from './random-integer';
import { RANDOM_PASSWORD_TYPE, randomPassword } from './random-password';
import { randomResourceHandler } from './random-resource';
import { RANDOM_STRING_TYPE, randomString } from './random-string';
import { RANDOM_UUID_TYPE, randomUuid } from './random-uuid';

// The provider claims the version of the SDK it serves: the engine loads the plugin by that version.
void main(
  dispatchingProvider(version, {
    [RANDOM_PASSWORD_TYPE]: randomResourceHandler(randomPassword),
    [RANDOM_STRING_TYPE]: randomResourceHandler(randomString),
    [RANDOM_ID_TYPE]: randomResourceHandler(randomId),
    [RANDOM_INTEGER_TYPE]: randomResourceHandler(randomInteger),
    [RANDOM_UUID_TYPE]: randomResourceHandler(randomUuid),
  }),
  process.argv.slice(2),
);
