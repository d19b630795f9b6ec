/**
 * Where Agora's cloud recording uploads files: a named profile from AGORA_STORAGE_PROFILES_FILE (or the
 * STORAGE_* shortcut). Its keys are never logged and never answered; callers name a profile, never keys.
 */
export interface StorageProfile {
  /** What requests choose it by (`storage`). */
  readonly name: string;
  /** Agora's vendor number (1 Amazon S3, 2 Alibaba Cloud, 3 Tencent Cloud, 5 Azure, 6 Google Cloud, 7 Huawei, 8 Baidu, 11 S3-compatible). */
  readonly vendor: number;
  /** Agora's region number for the vendor (see Agora's region table; ignored by Azure and Google Cloud). */
  readonly region: number;
  readonly bucket: string;
  readonly accessKey: string;
  readonly secretKey: string;
  /** The S3-compatible endpoint (vendor 11), sent as `extensionParams.endpoint`. */
  readonly endpoint?: string;
  /** The projects (names or `*` globs) it serves; absent: every project. */
  readonly projects?: readonly string[];
}

/** Agora's storage vendors (cloud recording's `storageConfig.vendor`). */
export const STORAGE_VENDORS = [1, 2, 3, 5, 6, 7, 8, 11] as const;

/** The vendor that stores in any S3-compatible service, at the profile's `endpoint`. */
export const S3_COMPATIBLE_VENDOR = 11;
