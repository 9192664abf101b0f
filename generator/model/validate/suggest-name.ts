// Did-you-mean for names. Plain edit distance counts a swap of two neighbouring letters
// (`Sael` for `Sale`) as two edits, which is too many for a short name although it is the most
// common typo of all, so a single adjacent transposition is accepted as a match too.
import { didYouMean } from '../suggest.js';

export function suggestName(name: string, candidates: Iterable<string>): string | undefined {
  // Edit distance is at least the difference in length, and a suggestion may be at most about a
  // third of the name away, so most candidates are ruled out by length alone. This keeps a model
  // with many typos and many names from turning did-you-mean into a quadratic hot spot.
  const list: string[] = [];
  for (const c of candidates) {
    if (Math.abs(c.length - name.length) <= Math.max(1, Math.floor(Math.max(c.length, name.length) / 3))) list.push(c);
  }
  return didYouMean(name, list) ?? transposed(name, list);
}

function transposed(name: string, candidates: string[]): string | undefined {
  const wanted = name.toLowerCase();
  const matches = candidates.filter((c) => c.length === name.length && isOneSwap(wanted, c.toLowerCase()));
  return matches.sort()[0];
}

function isOneSwap(a: string, b: string): boolean {
  let i = 0;
  while (i < a.length && a[i] === b[i]) i++;
  if (i >= a.length - 1) return false;
  return a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2);
}
