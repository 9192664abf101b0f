// Offsets -> 1-based line/column for one model file, plus a collector for its diagnostics.
//
// Columns count UTF-16 code units (what JavaScript string offsets count and what editors such
// as VS Code report), 1-based. Every position goes through `pos()`, which clamps the offset into
// the text, so a diagnostic can never point outside the file (hardening.md C0).

import type { Diagnostic, Severity, SourcePos, SourceSpan } from '../types.js';

/** A `[start, end]` offset pair (yaml node ranges have a third element we ignore). */
export type OffsetRange = readonly [number, number, ...number[]];

export class SourceText {
  /** Offset of the first character of each line. */
  private readonly lineStarts: number[] = [0];
  /** 0-based line of the last `pos()` answer. */
  private lastLine = 0;

  constructor(
    readonly file: string,
    readonly text: string,
  ) {
    for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) this.lineStarts.push(i + 1);
  }

  get lineCount(): number {
    return this.lineStarts.length;
  }

  /** 1-based line and column of an offset. */
  pos(offset: number): { line: number; col: number } {
    const at = Math.max(0, Math.min(Number.isFinite(offset) ? offset : 0, this.text.length));
    // Readers ask for positions mostly in file order: try the line of the previous answer and
    // the next one before searching (each span asks twice, usually for the same line).
    let lo = this.onLine(this.lastLine, at) ? this.lastLine : this.onLine(this.lastLine + 1, at) ? this.lastLine + 1 : -1;
    if (lo === -1) {
      lo = 0;
      let hi = this.lineStarts.length - 1;
      while (lo < hi) {
        const mid = (lo + hi + 1) >> 1;
        if ((this.lineStarts[mid] ?? 0) <= at) lo = mid;
        else hi = mid - 1;
      }
    }
    this.lastLine = lo;
    // A byte-order mark is invisible in editors: columns on line 1 do not count it.
    const bom = lo === 0 && this.text.charCodeAt(0) === 0xfeff && at > 0 ? 1 : 0;
    return { line: lo + 1, col: at - (this.lineStarts[lo] ?? 0) + 1 - bom };
  }

  /** Whether `at` lies on the 0-based line `index`. */
  private onLine(index: number, at: number): boolean {
    const start = this.lineStarts[index];
    if (start === undefined || start > at) return false;
    const next = this.lineStarts[index + 1];
    return next === undefined || next > at;
  }

  /** Offset where a 1-based line starts (clamped). */
  lineStart(line: number): number {
    return this.lineStarts[Math.max(0, Math.min(line - 1, this.lineStarts.length - 1))] ?? 0;
  }

  span(range: OffsetRange | null | undefined): SourceSpan {
    const [start, end] = range ?? [0, 0];
    const a = this.pos(start);
    const b = this.pos(Math.max(start, end));
    return { file: this.file, line: a.line, col: a.col, endLine: b.line, endCol: b.col };
  }

  at(range: OffsetRange | null | undefined): SourcePos {
    const { file, line, col } = this.span(range);
    return { file, line, col };
  }
}

export interface DiagnosticInput {
  code: string;
  message: string;
  hint?: string;
  severity?: Severity;
  related?: SourcePos[];
}

/** Collects the diagnostics of one file; caps their number so hostile input cannot flood output. */
export class FileDiagnostics {
  readonly list: Diagnostic[] = [];
  private dropped = 0;

  constructor(
    readonly src: SourceText,
    private readonly limit = 200,
  ) {}

  add(range: OffsetRange | null | undefined, d: DiagnosticInput): void {
    if (this.list.length >= this.limit) {
      this.dropped++;
      return;
    }
    const span = this.src.span(range);
    const diagnostic: Diagnostic = {
      code: d.code,
      severity: d.severity ?? 'error',
      file: span.file,
      line: span.line,
      col: span.col,
      endLine: span.endLine,
      endCol: span.endCol,
      message: d.message,
    };
    if (d.hint !== undefined) diagnostic.hint = d.hint;
    if (d.related !== undefined && d.related.length > 0) diagnostic.related = d.related;
    this.list.push(diagnostic);
  }

  get hasErrors(): boolean {
    return this.list.some((d) => d.severity === 'error');
  }

  /** The collected diagnostics, plus one note when the cap dropped some. */
  finish(): Diagnostic[] {
    if (this.dropped === 0) return this.list;
    const last = this.list[this.list.length - 1];
    return [
      ...this.list,
      {
        code: 'E_TOO_MANY_ERRORS',
        severity: 'error',
        file: this.src.file,
        line: last?.line ?? 1,
        col: last?.col ?? 1,
        message: `${this.dropped} more problems in this file were not reported`,
        hint: 'fix the problems above first',
      },
    ];
  }
}
