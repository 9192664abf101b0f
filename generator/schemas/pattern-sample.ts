// A string that matches a JSON Schema `pattern`, for sample data (generated tests, the event
// museum). It walks the common regular-expression subset (literals, escapes, classes, groups,
// alternation, quantifiers) and builds the shortest match, taking the first alternative and the
// least repetition a quantifier allows. Anything outside that subset gives up (undefined), and
// so does a result the real RegExp does not accept: callers then fall back to their candidates.

const CLASS_ESCAPES: Record<string, string> = { d: '0', w: 'a', s: ' ', D: 'a', W: '-', S: 'a' };
const PRINTABLE = 'a0A-_ .x1bB9zZ@#';

type Parsed = { text: string; next: number };

/** The shortest string matching `pattern` (read with the `u` flag), or undefined. */
export function sampleForPattern(pattern: string): string | undefined {
  let re: RegExp;
  try {
    re = new RegExp(pattern, 'u');
  } catch {
    return undefined;
  }
  try {
    const { text, next } = alternation(pattern, 0);
    if (next !== pattern.length) return undefined;
    return re.test(text) ? text : undefined;
  } catch {
    return undefined;
  }
}

function alternation(p: string, at: number): Parsed {
  const first = sequence(p, at);
  let next = first.next;
  // Later alternatives are parsed only to find where the group ends.
  while (p[next] === '|') next = sequence(p, next + 1).next;
  return { text: first.text, next };
}

function sequence(p: string, at: number): Parsed {
  let text = '';
  let i = at;
  while (i < p.length && p[i] !== '|' && p[i] !== ')') {
    const atom = atomAt(p, i);
    const { min, next } = quantifier(p, atom.next);
    text += atom.text.repeat(min);
    i = next;
  }
  return { text, next: i };
}

function atomAt(p: string, i: number): Parsed {
  const c = p[i]!;
  if (c === '^' || c === '$') return { text: '', next: i + 1 };
  if (c === '.') return { text: 'a', next: i + 1 };
  if (c === '(') {
    let start = i + 1;
    if (p.startsWith('?:', start)) start += 2;
    else if (p[start] === '?') throw new Error('lookaround or named group');
    const inner = alternation(p, start);
    if (p[inner.next] !== ')') throw new Error('unclosed group');
    return { text: inner.text, next: inner.next + 1 };
  }
  if (c === '[') return charClass(p, i);
  if (c === '\\') {
    const e = p[i + 1];
    if (e === undefined) throw new Error('trailing backslash');
    if (e in CLASS_ESCAPES) return { text: CLASS_ESCAPES[e]!, next: i + 2 };
    if (/[bB]/.test(e)) return { text: '', next: i + 2 };
    if (/[0-9ux pPkcf nrtv]/.test(e)) throw new Error('escape not sampled');
    return { text: e, next: i + 2 };
  }
  if ('*+?{'.includes(c)) throw new Error('quantifier without atom');
  return { text: c, next: i + 1 };
}

function charClass(p: string, i: number): Parsed {
  let j = i + 1;
  const negated = p[j] === '^';
  if (negated) j++;
  const members: string[] = [];
  const ranges: [string, string][] = [];
  while (j < p.length && (p[j] !== ']' || j === i + 1 + (negated ? 1 : 0))) {
    let ch = p[j]!;
    if (ch === '\\') {
      const e = p[j + 1]!;
      if (e in CLASS_ESCAPES) {
        members.push(CLASS_ESCAPES[e]!);
        j += 2;
        continue;
      }
      ch = e;
      j++;
    }
    if (p[j + 1] === '-' && p[j + 2] !== undefined && p[j + 2] !== ']') {
      ranges.push([ch, p[j + 2] === '\\' ? p[j + 3]! : p[j + 2]!]);
      j += p[j + 2] === '\\' ? 4 : 3;
    } else {
      members.push(ch);
      j++;
    }
  }
  if (p[j] !== ']') throw new Error('unclosed class');
  const inClass = (x: string) => members.includes(x) || ranges.some(([a, b]) => x >= a && x <= b);
  const pick = negated ? [...PRINTABLE].find((x) => !inClass(x)) : (ranges[0]?.[0] ?? members[0]);
  if (pick === undefined) throw new Error('empty class');
  return { text: pick, next: j + 1 };
}

function quantifier(p: string, i: number): { min: number; next: number } {
  const c = p[i];
  let min = 1;
  let next = i;
  if (c === '*' || c === '?') {
    min = 0;
    next = i + 1;
  } else if (c === '+') {
    next = i + 1;
  } else if (c === '{') {
    const m = /^\{(\d+)(,\d*)?\}/.exec(p.slice(i));
    if (!m) throw new Error('bad quantifier');
    min = Number(m[1]);
    next = i + m[0].length;
  }
  if (next !== i && p[next] === '?') next++; // lazy: same minimum
  return { min, next };
}
