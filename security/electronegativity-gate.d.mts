export interface Finding {
  id: string;
  file: string;
  line: number;
  column: number;
  severity: 'INFORMATIONAL' | 'LOW' | 'MEDIUM' | 'HIGH';
  confidence: 'TENTATIVE' | 'FIRM' | 'CERTAIN';
  manualReview: boolean;
  description: string;
}
export interface ScanResult {
  checks: number;
  issues: Finding[];
  parseErrors: { file: string; message: string }[];
}
export interface AllowEntry {
  id: string;
  file: string;
  reason: string;
}
export declare const ALLOWLIST_FILE: string;
export declare const THRESHOLD: { severity: Finding['severity']; confidence: Finding['confidence'] };
export declare const ALWAYS_BLOCKING: Set<string>;
export declare const EXCLUDED_CHECKS: string[];
export declare const ELECTRON_VERSION: string;
export declare function scan(input: string, options?: { sarif?: string }): Promise<ScanResult>;
export declare function readAllowlist(file?: string): Promise<AllowEntry[]>;
export declare function blockingFindings(issues: Finding[], allowlist: AllowEntry[], threshold?: typeof THRESHOLD): Finding[];
export declare function samePath(entry: string, finding: string): boolean;
export declare function formatFinding(finding: Finding): string;
