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
  const lines: string[] = [];
  let current = '';
  for (let seg of nameSegments(name)) {
    while (seg.length > maxChars) {
      if (current) lines.push(current.trimEnd());
      lines.push(seg.slice(0, maxChars));
      seg = seg.slice(maxChars);
      current = '';
    }
    if ((current + seg).trimEnd().length > maxChars && current) {
      lines.push(current.trimEnd());
      current = seg;
    } else current += seg;
  }
  if (current) lines.push(current.trimEnd());
  if (lines.length <= maxLines) return lines;
  const kept = lines.slice(0, maxLines);
  const last = kept[maxLines - 1]!;
  kept[maxLines - 1] = `${last.slice(0, Math.max(0, maxChars - 1))}…`;
  return kept;
}
