import { PropertyMap, ResourceHandler, UNKNOWN, diffInputs, reveal } from '@hastack/provider-kit';
import type { CheckFailure } from '@pulumi/pulumi/provider';

/** One random resource type: how its inputs are validated and what it generates. */
export interface RandomResource {
  /** Every input; a change to any of them (keepers included) replaces the resource. */
  inputKeys: readonly string[];
  /** The inputs with defaults filled in, and what is wrong with them. */
  check(inputs: PropertyMap): { inputs: PropertyMap; failures: CheckFailure[] };
  /** The generated outputs (beyond the echoed inputs) and the resource ID. */
  generate(inputs: PropertyMap): Promise<{ id: string; outputs: PropertyMap }>;
}

/** The provider's handling of a random resource type: generate on create, replace on any change. */
export function randomResourceHandler(resource: RandomResource): ResourceHandler {
  return {
    async check(_urn, _olds, news) {
      return resource.check(news);
    },
    async diff(_id, _urn, olds, news) {
      return diffInputs(olds, news, resource.inputKeys, resource.inputKeys);
    },
    async create(_urn, inputs) {
      const { id, outputs } = await resource.generate(reveal(inputs) as PropertyMap);
      return { id, outs: { ...inputs, ...outputs } };
    },
    async update() {
      throw new Error('random resources are replaced, never updated');
    },
    // A random value lives only in the state: there is nothing to delete.
    async delete() {},
  };
}

/** Validation helpers for the integer and boolean inputs the random resources share. */
export class InputCheck {
  readonly failures: CheckFailure[] = [];

  constructor(private readonly inputs: PropertyMap) {}

  /** Whether the value of `key` is known: unknown (preview) and absent values are not checked. */
  known(key: string): boolean {
    const value = reveal(this.inputs[key]);
    return value !== undefined && value !== null && value !== UNKNOWN;
  }

  integer(key: string, { required = false, min }: { required?: boolean; min?: number } = {}): void {
    if (!this.known(key)) {
      if (required && this.inputs[key] === undefined) this.fail(key, `${key} is required`);
      return;
    }
    const value = reveal(this.inputs[key]);
    if (!Number.isInteger(value)) this.fail(key, `${key} must be a whole number`);
    else if (min !== undefined && (value as number) < min) this.fail(key, `${key} must be at least ${min}`);
  }

  type(key: string, type: 'boolean' | 'string'): void {
    if (this.known(key) && typeof reveal(this.inputs[key]) !== type) this.fail(key, `${key} must be a ${type}`);
  }

  keepers(): void {
    const keepers = reveal(this.inputs.keepers);
    if (!this.known('keepers')) return;
    const valid =
      typeof keepers === 'object' &&
      !Array.isArray(keepers) &&
      Object.values(keepers as PropertyMap).every((value) => typeof value === 'string' || value === UNKNOWN);
    if (!valid) this.fail('keepers', 'keepers must be a map of strings');
  }

  fail(property: string, reason: string): void {
    this.failures.push({ property, reason });
  }
}
