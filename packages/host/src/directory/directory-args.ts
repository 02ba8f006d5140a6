import type { Host } from '../connection';

export interface DirectoryArgs {
  /** Where the folder lives. */
  host: Host;
  /** Absolute, normalized path (no "..", no trailing slash). */
  path: string;
  /** Owner (root); a user the stack creates must exist first (`dependsOn` its SystemUser). */
  owner?: string;
  /** Group (root). */
  group?: string;
  /** Octal mode ("0755"). */
  mode?: string;
  /**
   * Leave the folder, and what is in it, on destroy (false): for data folders. Without it, a folder the
   * stack created is removed with its content; one it found is only given its owner and mode back.
   */
  keepOnDestroy?: boolean;
}

const ACCOUNT = /^([a-z_][a-z0-9_.-]{0,31}|[0-9]+)$/;
const MODE = /^0?[0-7]{3,4}$/;

/** Problems with an absolute path argument, naming it: one that a script or a unit file would misread. */
export function pathProblems(argument: string, path: string): string[] {
  if (!path.startsWith('/') || path === '/') return [`${argument}: "${path}" must be an absolute path below /`];
  if (/[\n\r%]/.test(path)) return [`${argument}: "${path}" must not hold a line break or "%"`];
  const normal = `/${path
    .split('/')
    .filter((part) => part !== '' && part !== '.')
    .join('/')}`;
  if (path.split('/').includes('..')) return [`${argument}: "${path}" must not have a ".." component`];
  if (normal !== path) return [`${argument}: "${path}" must be normalized, like "${normal}"`];
  return [];
}

/** Problems with a user or group name, naming the argument. */
export function accountProblems(argument: string, name: string | undefined): string[] {
  return name === undefined || ACCOUNT.test(name) ? [] : [`${argument}: "${name}" is not a user or group name`];
}

export function modeProblems(argument: string, mode: string | undefined): string[] {
  return mode === undefined || MODE.test(mode) ? [] : [`${argument}: "${mode}" is not an octal mode like "0750"`];
}

/** Every problem with the arguments, each naming its argument. */
export function validateDirectoryArgs(args: Omit<DirectoryArgs, 'host'>): string[] {
  return [
    ...pathProblems('path', args.path),
    ...accountProblems('owner', args.owner),
    ...accountProblems('group', args.group),
    ...modeProblems('mode', args.mode),
  ];
}
