export { built, recordResources, SECRET_MARK, settle, valueOf, withoutCreating } from './pulumi-mocks';
export type { RecordedResource } from './pulumi-mocks';
export { aptInstall, freePort, killProcessTree } from './processes';
export { runReadmeExample } from './readme-example';
