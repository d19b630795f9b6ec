// class-transformer keeps its decorator metadata in a module it does not
// declare types for at this path; the compiled DTO check reads @Type targets
// and the presence of transforms from it.
declare module 'class-transformer/cjs/storage.js' {
  import type { MetadataStorage } from 'class-transformer/types/MetadataStorage.js';
  export const defaultMetadataStorage: MetadataStorage;
}
