// Line-based edits of a text: replace a range of whole lines, or insert lines before a line.
// Applied bottom-up so earlier line numbers stay valid; at the same line a replacement goes
// before an insertion, so "insert before line k" after "replace k..m" lands where k..m were.

export interface LineEdit {
  /** 0-based first line. */
  start: number;
  /** 0-based last line, inclusive; `start - 1` for a pure insertion. */
  end: number;
  lines: string[];
}

export class LineEdits {
  private readonly replacements: LineEdit[] = [];
  /** Insertions before a line, in the order they were asked for. */
  private readonly insertions = new Map<number, string[]>();

  replace(start: number, end: number, lines: string[]): void {
    this.replacements.push({ start, end, lines });
  }

  remove(start: number, end: number): void {
    this.replace(start, end, []);
  }

  insertBefore(line: number, lines: string[]): void {
    const bucket = this.insertions.get(line);
    if (bucket) bucket.push(...lines);
    else this.insertions.set(line, [...lines]);
  }

  /** Adds every edit of `other` (recorded separately so that a failed attempt leaves no trace). */
  merge(other: LineEdits): void {
    this.replacements.push(...other.replacements);
    for (const [line, lines] of other.insertions) this.insertBefore(line, lines);
  }

  get isEmpty(): boolean {
    return this.replacements.length === 0 && this.insertions.size === 0;
  }

  /** Returns undefined when edits overlap (the caller then writes the file whole). */
  apply(source: readonly string[]): string[] | undefined {
    const sorted = [...this.replacements].sort((a, b) => a.start - b.start);
    for (let i = 1; i < sorted.length; i++) if (sorted[i]!.start <= sorted[i - 1]!.end) return undefined;
    for (const line of this.insertions.keys()) if (sorted.some((r) => r.start < line && line <= r.end)) return undefined;
    const all: (LineEdit & { insertion: boolean })[] = [
      ...sorted.map((e) => ({ ...e, insertion: false })),
      ...[...this.insertions].map(([line, lines]) => ({ start: line, end: line - 1, lines, insertion: true })),
    ];
    all.sort((a, b) => b.start - a.start || Number(a.insertion) - Number(b.insertion));
    const out = [...source];
    for (const edit of all) out.splice(edit.start, edit.end - edit.start + 1, ...edit.lines);
    return out;
  }
}
