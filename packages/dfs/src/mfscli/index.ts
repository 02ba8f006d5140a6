export {
  chunkserversConnectedCommand,
  chunksUnderGoal,
  freeSpaceCommand,
  mfscliCommand,
  MfscliSections,
  noUndergoalCommand,
  parseChunkClasses,
  parseChunkservers,
  parseExports,
  parseMetaloggers,
  parseMounts,
} from './mfscli';
export type { ChunkClasses, Chunkservers, ConnectedChunkserver, MfscliSection, MountSession } from './mfscli';
