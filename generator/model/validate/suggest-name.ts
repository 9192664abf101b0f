// Did-you-mean for names. Plain edit distance counts a swap of two neighbouring letters
// (`Sael` for `Sale`) as two edits, which is too many for a short name although it is the most
// common typo of all, so a single adjacent transposition is accepted as a match too.
import { didYouMean } from '../suggest.js';

export function suggestName(name: string, candidates: Iterable<string>): string | undefined {
  const list = [...candidates];
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
