import type { FuseV1Config } from '@electron/fuses';

export declare const FUSES: FuseV1Config;
export interface AfterPackContext {
  appOutDir: string;
  electronPlatformName: string;
  packager: { appInfo: { productFilename: string }; executableName: string };
}
export declare function electronBinaryPath(context: AfterPackContext): string;
export default function afterPack(context: AfterPackContext): Promise<void>;
