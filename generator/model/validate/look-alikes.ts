// Letters of other scripts that users type by accident (a Cyrillic О in `Оrder`, from a
// keyboard layout) or on purpose (`Ωmega`). The identifier-grammar hint proposes an ASCII name;
// dropping such a letter would propose "Rder" or "Mega" (issue 17 item 9), so look-alikes map
// to the Latin letter they look like, and other Greek letters to their usual transliteration.
const MAP: Record<string, string> = {
  // Cyrillic look-alikes (by shape, not by sound: Р is P, Н is H).
  А: 'A', В: 'B', Е: 'E', Ё: 'E', К: 'K', М: 'M', Н: 'H', О: 'O', Р: 'P', С: 'C', Т: 'T', У: 'Y', Х: 'X', Ѕ: 'S', І: 'I', Ј: 'J',
  а: 'a', в: 'b', е: 'e', ё: 'e', к: 'k', м: 'm', н: 'h', о: 'o', р: 'p', с: 'c', т: 't', у: 'y', х: 'x', ѕ: 's', і: 'i', ј: 'j',
  // Greek: look-alikes by shape, the rest transliterated.
  Α: 'A', Β: 'B', Γ: 'G', Δ: 'D', Ε: 'E', Ζ: 'Z', Η: 'H', Θ: 'Th', Ι: 'I', Κ: 'K', Λ: 'L', Μ: 'M', Ν: 'N', Ξ: 'X', Ο: 'O', Π: 'P', Ρ: 'P', Σ: 'S', Τ: 'T', Υ: 'Y', Φ: 'Ph', Χ: 'X', Ψ: 'Ps', Ω: 'O',
  α: 'a', β: 'b', γ: 'g', δ: 'd', ε: 'e', ζ: 'z', η: 'e', θ: 'th', ι: 'i', κ: 'k', λ: 'l', μ: 'm', ν: 'v', ξ: 'x', ο: 'o', π: 'p', ρ: 'p', σ: 's', ς: 's', τ: 't', υ: 'u', φ: 'ph', χ: 'x', ψ: 'ps', ω: 'o',
};

/** `name` with known look-alike and Greek letters replaced by ASCII; other characters are kept. */
export function replaceLookAlikes(name: string): string {
  let out = '';
  for (const ch of name) out += MAP[ch] ?? ch;
  return out;
}
