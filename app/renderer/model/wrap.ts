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
