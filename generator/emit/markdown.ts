// Markdown escaping shared by the ADR drafts (emit/adr.ts) and the views they include.

/** Markdown-safe inline text: one line, no emphasis, links, HTML or table breaks. */
export function md(text: string | undefined): string {
  if (text === undefined) return '';
  return text
    .replace(/[\r\n\u2028\u2029]+/g, ' ')
    .trim()
    .replace(/([\\`*_[\]<>#|~])/g, '\\$1')
    .replace(/^([-=])/, '\\$1');
}
