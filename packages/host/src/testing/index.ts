export { recordResources, valueOf } from './pulumi-mocks';
export type { RecordedResource } from './pulumi-mocks';
export { runReadmeExample } from './readme-example';
