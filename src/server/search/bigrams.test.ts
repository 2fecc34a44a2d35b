import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { MAX_LEXEME_BYTES, OVERFLOW_LEXEME, WORD_SUFFIX_LENGTH, normalizeForSearch, searchLexemes, searchQueryFor, searchVectorFor } from './bigrams.ts';

/** What PostgreSQL's `@@` decides for a positionless vector and one of our queries (AND terms, OR the overflow marker). */
function matches(lexemes: string[], query: string | null): boolean {
  if (query === null) return true;
  const [ands] = query.split(' ) | ');
  const terms = [...ands!.slice(2).matchAll(/'((?:[^']|'')*)'(:\*)?/g)].map((m) => ({ lexeme: m[1]!.replace(/''/g, "'").replace(/\\\\/g, '\\'), prefix: Boolean(m[2]) }));
  if (lexemes.includes(OVERFLOW_LEXEME)) return true;
  return terms.every((t) => (t.prefix ? lexemes.some((l) => l.startsWith(t.lexeme)) : lexemes.includes(t.lexeme)));
}

describe('searchLexemes', () => {
  it('cuts a run of Chinese into overlapping bigrams plus its last character', () => {
    expect(searchLexemes(['主视觉设计稿'])).toEqual(['主视', '稿', '觉设', '视觉', '计稿', '设计'].sort());
    expect(searchLexemes(['主视觉设计稿'])).toContain('视觉');
    expect(searchLexemes(['预'])).toEqual(['预']);
  });

  it('indexes every suffix of a word, lower-cased, and Chinese beside it apart', () => {
    expect(searchLexemes(['Q3发布会 budget'])).toEqual(['3', 'budget', 'dget', 'et', 'get', 'q3', 't', 'udget', 'get', 'et', '会', '发布', '布会'].filter((v, i, a) => a.indexOf(v) === i).sort());
  });

  it('treats punctuation and spaces as breaks, and keeps symbols and emoji', () => {
    expect(searchLexemes(['预算，已定。'])).toEqual(['定', '已定', '算', '预算'].sort());
    expect(searchLexemes(['a_b-c'])).toEqual(['a', 'b', 'c']);
    expect(searchLexemes(['发布🎉'])).toEqual(['布🎉', '发布', '🎉'].sort());
    expect(searchLexemes(['100%'])).toEqual(['0', '00', '100']);
  });

  it('normalises full-width characters (NFKC) and case', () => {
    expect(searchLexemes(['Ｑ３发布会'])).toEqual(searchLexemes(['q3发布会']));
    expect(searchLexemes(['ＰＳＤ源文件'])).toEqual(searchLexemes(['psd源文件']));
    expect(normalizeForSearch('ＡＢ　Ｃ')).toEqual(['a', 'b', ' ', 'c']);
    expect(normalizeForSearch('İSTANBUL')).toEqual(Array.from('istanbul'));
  });

  it('de-duplicates lexemes across a row’s texts', () => {
    const lexemes = searchLexemes(['预算预算', '预算', null, undefined, '']);
    expect(lexemes).toEqual(['算', '算预', '预算'].sort());
    expect(new Set(lexemes).size).toBe(lexemes.length);
  });

  it('cuts long words to the suffix length and stays within tsvector limits on the longest texts', () => {
    const word = 'abcdefghijklmnopqrstuvwxyz';
    const lexemes = searchLexemes([word]);
    expect(lexemes).toHaveLength(word.length);
    expect(Math.max(...lexemes.map((l) => l.length))).toBe(WORD_SUFFIX_LENGTH);
    // A topic at its schema limits (title 200, discussion 10,000, disagreements and consensus 4,000 each).
    const longest = ['题'.repeat(200), '讨论内容'.repeat(2500), 'x'.repeat(4000), Array.from({ length: 4000 }, (_, i) => String.fromCodePoint(0x4e00 + i)).join('')];
    const vector = searchVectorFor(...longest);
    expect(vector).not.toBe(`'${OVERFLOW_LEXEME}'`);
    expect(Buffer.byteLength(vector)).toBeLessThan(1024 * 1024);
    for (const lexeme of searchLexemes(longest)) expect(Buffer.byteLength(lexeme)).toBeLessThan(2046);
  });

  it('marks a row too long to index with the overflow lexeme, which every query accepts', () => {
    const huge = Array.from({ length: 20_000 }, (_, i) => String.fromCodePoint(0x4e00 + (i % 20_000))).join('');
    expect(searchLexemes([huge], 1000)).toEqual([OVERFLOW_LEXEME]);
    expect(searchLexemes([huge]).length).toBeGreaterThan(1);
    expect(MAX_LEXEME_BYTES).toBeLessThan(1024 * 1024);
    expect(matches([OVERFLOW_LEXEME], searchQueryFor('任何'))).toBe(true);
  });
});

describe('searchVectorFor', () => {
  it('writes a tsvector literal with quotes and backslashes doubled', () => {
    expect(searchVectorFor("O'Neil")).toBe("'eil' 'il' 'l' 'neil' 'o'");
    expect(searchVectorFor('a\\b')).toBe("'a' 'b'");
    expect(searchVectorFor('')).toBe('');
  });
});

describe('searchQueryFor', () => {
  it('turns Chinese into ANDed bigrams and words into prefixes', () => {
    expect(searchQueryFor('视觉')).toBe("( '视觉' ) | ' '");
    expect(searchQueryFor('需求变更')).toBe("( '变更' & '求变' & '需求' ) | ' '");
    expect(searchQueryFor('iPhone适配')).toBe("( '适配' & 'iphone':* ) | ' '");
    expect(searchQueryFor('dget')).toBe("( 'dget':* ) | ' '");
  });

  it('matches a single character by prefix, and drops a lone character beside longer terms', () => {
    expect(searchQueryFor('预')).toBe("( '预':* ) | ' '");
    expect(searchQueryFor('3月')).toBe("( '3':* & '月':* ) | ' '");
    expect(searchQueryFor('a预算')).toBe("( '预算' ) | ' '");
  });

  it('answers null when nothing can be indexed, so ILIKE alone decides', () => {
    expect(searchQueryFor('%')).toBeNull();
    expect(searchQueryFor('_')).toBeNull();
    expect(searchQueryFor('，。')).toBeNull();
  });

  it('finds the query in any text that contains it (the property the ILIKE re-check relies on)', () => {
    const alphabet = fc.constantFrom(...Array.from('主视觉设计稿预算发布会需求变更aAbBzZ09Ｑ３ _%，。-🎉ÉéßİıΣσς𠀀'));
    fc.assert(
      fc.property(fc.array(alphabet, { maxLength: 30 }), fc.nat(), fc.nat(), (chars, a, b) => {
        const text = chars.join('');
        const points = Array.from(text);
        const start = points.length ? a % points.length : 0;
        const q = points.slice(start, start + 1 + (b % 6)).join('');
        if (!q.trim()) return;
        expect(matches(searchLexemes([text]), searchQueryFor(q))).toBe(true);
      }),
      { numRuns: 3000 },
    );
  });

  it('also finds it inside words longer than the suffix length', () => {
    const text = `x${'abcdefghij'.repeat(4)}y`;
    for (let from = 0; from < text.length; from++) {
      for (let to = from + 1; to <= text.length; to++) expect(matches(searchLexemes([text]), searchQueryFor(text.slice(from, to)))).toBe(true);
    }
  });
});
