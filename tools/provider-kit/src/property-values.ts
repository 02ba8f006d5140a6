// The engine hands property values to a provider as plain JSON in which secrets, unknowns, assets and
// archives are objects tagged with magic signatures (Pulumi's property-value wire format).
export const SIGNATURE_KEY = '4dabf18193072939515e22adb298388d';
const SECRET_SIGNATURE = '1b47061264138c4ac30d75fd1eb44270';
export const ASSET_SIGNATURE = 'c44067f5952c0a294b673a41bacd8c17';
export const ARCHIVE_SIGNATURE = '0def7320c3a5731c473e5ecbe6d01bc7';
/** Stands for a value that is not known until a dependency has been created (preview). */
export const UNKNOWN = '04da6b54-80e4-46f7-96ec-b56ff0331ba9';

export interface WireSecret {
  [SIGNATURE_KEY]: typeof SECRET_SIGNATURE;
  value: unknown;
}

export type PropertyMap = Record<string, unknown>;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function isSecret(value: unknown): value is WireSecret {
  return isRecord(value) && value[SIGNATURE_KEY] === SECRET_SIGNATURE;
}

export function secret(value: unknown): WireSecret {
  return { [SIGNATURE_KEY]: SECRET_SIGNATURE, value };
}

/** The value with every secret wrapper removed, at any depth: what the provider acts on. */
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

/** Every string found inside a secret, so that logs and error messages can mask them. */
export function secretStrings(value: unknown, insideSecret = false): string[] {
  if (isSecret(value)) return secretStrings(value.value, true);
  if (typeof value === 'string') return insideSecret ? [value] : [];
  if (Array.isArray(value)) return value.flatMap((v) => secretStrings(v, insideSecret));
  if (isRecord(value)) return Object.values(value).flatMap((v) => secretStrings(v, insideSecret));
  return [];
}

/** The last segment of a URN: the name the program gave the resource. */
export function resourceName(urn: string): string {
  return urn.slice(urn.lastIndexOf('::') + 2);
}

/** The resource's type token; a child's URN prefixes it with its parents' types joined by `$`. */
export function resourceType(urn: string): string {
  const qualifiedType = urn.split('::')[2] ?? '';
  return qualifiedType.slice(qualifiedType.lastIndexOf('$') + 1);
}
