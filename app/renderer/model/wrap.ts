// Where a sticky's name may wrap: between words and at camelCase / PascalCase boundaries
// ("ActiveSubscriptionsByPlan" -> Active|Subscriptions|By|Plan), never inside a word.
// Runs of capitals stay together ("HTTPRequestSent" -> HTTP|Request|Sent).

export function nameSegments(name: string): string[] {
  const out: string[] = [];
  // A boundary before an upper-case letter that follows a lower-case letter or digit, before the
  // last capital of a run that is followed by a lower-case letter, and after spaces.
  const re = /(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])|(?<=\s)/g;
  let last = 0;
  for (const m of name.matchAll(re)) {
    if (m.index === last) continue;
    out.push(name.slice(last, m.index));
    last = m.index;
  }
  out.push(name.slice(last));
  return out.filter((s) => s.length > 0);
}

/**
 * The name as at most `maxLines` lines of at most `maxChars` characters, broken at the segments
 * above (a segment longer than a line is cut, as a last resort); an ellipsis marks what did not fit.
 */
export function wrapLines(name: string, maxChars: number, maxLines = 3): string[] {
  return wrapToWidth(name, maxChars, (s) => s.length, maxLines);
}

/**
 * The same, for lines at most `maxWidth` wide as `widthOf` measures them (the export measures
 * pixels: text-width.ts).
 */
export function wrapToWidth(name: string, maxWidth: number, widthOf: (s: string) => number, maxLines = 3): string[] {
  const lines: string[] = [];
  let current = '';
  for (let seg of nameSegments(name)) {
    while (widthOf(seg) > maxWidth) {
      if (current) lines.push(current.trimEnd());
      current = '';
      // The longest start of the segment that fits (at least one character).
      let n = 1;
      while (n < seg.length && widthOf(seg.slice(0, n + 1)) <= maxWidth) n++;
      lines.push(seg.slice(0, n));
      seg = seg.slice(n);
    }
    if (current && widthOf((current + seg).trimEnd()) > maxWidth) {
      lines.push(current.trimEnd());
      current = seg;
    } else current += seg;
  }
  if (current) lines.push(current.trimEnd());
  if (lines.length <= maxLines) return lines;
  const kept = lines.slice(0, maxLines);
  let last = kept[maxLines - 1]!;
  while (last.length > 0 && widthOf(`${last}…`) > maxWidth) last = last.slice(0, -1);
  kept[maxLines - 1] = `${last}…`;
  return kept;
}
