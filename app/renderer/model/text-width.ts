// How wide a line of text is at most, for drawing without a browser to measure in (the SVG/PNG
// export must be identical for the same model on every machine, so it cannot ask the fonts).
// Widths are those of DejaVu Sans Bold, the widest of the usual sans-serif faces (system-ui on a
// Linux desktop; Segoe UI, San Francisco, Liberation Sans and Noto Sans are narrower), rounded up:
// text laid out with them fits wherever it is drawn (ADR 0048).

/** Advance widths in em of DejaVu Sans Bold, rounded up; classes of glyphs alike. */
const EM: Record<string, number> = {
  ...Object.fromEntries([...'iljI.,:;\'|!'].map((c) => [c, 0.38])),
  ...Object.fromEntries([...'ftr()[]{}-'].map((c) => [c, 0.5])),
  ...Object.fromEntries([...'csz?'].map((c) => [c, 0.61])),
  ...Object.fromEntries([...'mw'].map((c) => [c, 1.05])),
  ...Object.fromEntries([...'MW@%'].map((c) => [c, 1.12])),
  ' ': 0.35,
  '…': 1.0,
};
const LOWER = 0.72;
const UPPER = 0.86;

/** The width in px of `text` set in bold at `size` px: at least what any usual font draws. */
export function textWidth(text: string, size: number): number {
  let em = 0;
  for (const c of text) em += EM[c] ?? (c >= 'A' && c <= 'Z' ? UPPER : c >= '0' && c <= '9' ? 0.7 : c.toLowerCase() !== c.toUpperCase() && c === c.toUpperCase() ? UPPER : LOWER);
  return em * size;
}
