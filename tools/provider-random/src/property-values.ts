// Secrets and unknowns travel between engine and provider as objects and strings tagged with magic
// values (Pulumi's property-value wire format).
const SIGNATURE_KEY = '4dabf18193072939515e22adb298388d';
const SECRET_SIGNATURE = '1b47061264138c4ac30d75fd1eb44270';
/** Stands for a value that is not known until a dependency has been created (preview). */
export const UNKNOWN = '04da6b54-80e4-46f7-96ec-b56ff0331ba9';

export type PropertyMap = Record<string, unknown>;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isSecret(value: unknown): value is { value: unknown } {
  return isRecord(value) && value[SIGNATURE_KEY] === SECRET_SIGNATURE;
}

export function secret(value: unknown): PropertyMap {
  return { [SIGNATURE_KEY]: SECRET_SIGNATURE, value };
}

/** The value with every secret wrapper removed, at any depth. */
export function reveal(value: unknown): unknown {
  if (isSecret(value)) return reveal(value.value);
  if (Array.isArray(value)) return value.map(reveal);
  if (isRecord(value)) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, reveal(v)]));
  return value;
}

export function containsUnknown(value: unknown): boolean {
  if (value === UNKNOWN) return true;
  if (Array.isArray(value)) return value.some(containsUnknown);
  if (isRecord(value)) return Object.values(value).some(containsUnknown);
  return false;
}

/** The resource's type token; a child's URN prefixes it with its parents' types joined by `$`. */
export function resourceType(urn: string): string {
  const qualifiedType = urn.split('::')[2] ?? '';
  return qualifiedType.slice(qualifiedType.lastIndexOf('$') + 1);
}
