// The shape of one validation rule, and the helper every rule uses to build its diagnostics.
// A rule is pure: it reads the model and the shared name index, and returns data.
import type { Diagnostic, Model, Severity, SourcePos, SourceSpan } from '../types.js';
import type { NameIndex } from './name-index.js';

export interface Rule {
  /** Kebab-case name, also the module name under rules/ (`unresolved-reference`). */
  id: string;
  /** The main diagnostic code this rule reports (`E_UNRESOLVED_REF`). */
  code: string;
  /** The severity of `code`. */
  severity: Severity;
  /** One sentence for docs and `--help`. */
  description: string;
  check(model: Model, index: NameIndex): Diagnostic[];
}

export interface DiagnosticInput {
  code?: string;
  severity?: Severity;
  at: SourcePos | SourceSpan;
  message: string;
  hint: string;
  related?: SourcePos[];
}

/** Builds a diagnostic of `rule` at a source position (code and severity default to the rule's). */
export function report(rule: Pick<Rule, 'id' | 'code' | 'severity'>, input: DiagnosticInput): Diagnostic {
  const at = input.at;
  const diagnostic: Diagnostic = {
    code: input.code ?? rule.code,
    severity: input.severity ?? rule.severity,
    file: at.file,
    line: at.line,
    col: at.col,
    message: input.message,
    hint: input.hint,
    rule: rule.id,
  };
  if ('endLine' in at) {
    diagnostic.endLine = at.endLine;
    diagnostic.endCol = at.endCol;
  }
  if (input.related && input.related.length > 0) {
    diagnostic.related = input.related.map((p) => ({ file: p.file, line: p.line, col: p.col }));
  }
  return diagnostic;
}

/** `file:line:col`, the way positions appear inside messages. */
export const where = (p: SourcePos): string => `${p.file}:${p.line}:${p.col}`;
