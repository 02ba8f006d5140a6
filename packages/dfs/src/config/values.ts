/** A MooseFS size (mfshdd.cfg, HDD_LEAVE_SPACE_DEFAULT): digits, an optional SI/IEC prefix and B; "-" allowed in front. */
export function isSize(value: string): boolean {
  return /^-?[0-9]*(\.[0-9]*)?([kMGTPE]|[KMGTPE]i)?B?$/.test(value) && /[0-9]/.test(value);
}
