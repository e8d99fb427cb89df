/**
 * JSON text to a value, with syntax errors that name the file, line and column. JSON.parse finds the
 * error but (on Node 20) often does not say where, so on failure a small scanner walks the text again
 * to locate the first offending character.
 */
import { InvalidInputError } from '../../domain/errors.js';

export interface TextPosition {
  line: number;
  column: number;
}

/** Line and column (both from 1) of a character offset; tabs count as one column. */
export function positionAt(text: string, offset: number): TextPosition {
  let line = 1;
  let lineStart = 0;
  const end = Math.min(offset, text.length);
  for (let i = 0; i < end; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: end - lineStart + 1 };
}

/**
 * Parses JSON text, throwing InvalidInputError "FILE: line L, column C: invalid JSON: ..." on a syntax error.
 * A leading byte-order mark is ignored.
 */
export function parseJsonText(text: string, file: string): unknown {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  try {
    return JSON.parse(body);
  } catch (cause) {
    const found = locateJsonError(body) ?? { offset: body.length, problem: String((cause as Error).message) };
    const { line, column } = positionAt(body, found.offset);
    throw new InvalidInputError(`invalid JSON: ${found.problem}`, {
      where: `${file}: line ${line}, column ${column}`,
      rule: 'json-syntax',
      file,
      line,
      column,
    });
  }
}

interface Located {
  offset: number;
  problem: string;
}

class JsonSyntaxFault extends Error {
  constructor(
    readonly offset: number,
    readonly problem: string,
  ) {
    super(problem);
  }
}

/** The offset and a description of the first syntax error in `text`, or null when the text is valid JSON. */
export function locateJsonError(text: string): Located | null {
  const scanner = new Scanner(text);
  try {
    scanner.skipSpace();
    scanner.value(0);
    scanner.skipSpace();
    if (scanner.pos < text.length) scanner.fail('unexpected text after the JSON value');
    return null;
  } catch (e) {
    if (e instanceof JsonSyntaxFault) return { offset: e.offset, problem: e.problem };
    throw e;
  }
}

// Deep enough for any real document; guards the recursive scanner against stack exhaustion.
const MAX_DEPTH = 5000;

class Scanner {
  pos = 0;
  constructor(readonly text: string) {}

  fail(problem: string, at = this.pos): never {
    throw new JsonSyntaxFault(at, problem);
  }

  describe(at = this.pos): string {
    if (at >= this.text.length) return 'end of input';
    const ch = this.text[at]!;
    if (ch === '\n') return 'a line break';
    return `"${ch}"`;
  }

  skipSpace(): void {
    while (this.pos < this.text.length) {
      const c = this.text.charCodeAt(this.pos);
      if (c === 32 || c === 9 || c === 10 || c === 13) this.pos++;
      else break;
    }
  }

  value(depth: number): void {
    if (depth > MAX_DEPTH) this.fail('nested too deeply');
    const ch = this.text[this.pos];
    if (ch === '{') {
      this.object(depth);
      return;
    }
    if (ch === '[') {
      this.array(depth);
      return;
    }
    if (ch === '"') {
      this.string();
      return;
    }
    if (ch === '-' || (ch !== undefined && ch >= '0' && ch <= '9')) {
      this.number();
      return;
    }
    for (const word of ['true', 'false', 'null']) {
      if (this.text.startsWith(word, this.pos)) {
        this.pos += word.length;
        return;
      }
    }
    if (ch !== undefined && /[A-Za-z]/.test(ch)) {
      const m = /^[A-Za-z_]+/.exec(this.text.slice(this.pos, this.pos + 40));
      this.fail(
        `unexpected word "${m?.[0] ?? ch}" (strings need double quotes; literals are true, false, null)`,
      );
    }
    this.fail(`expected a value, found ${this.describe()}`);
  }

  object(depth: number): void {
    this.pos++;
    this.skipSpace();
    if (this.text[this.pos] === '}') {
      this.pos++;
      return;
    }
    for (;;) {
      this.skipSpace();
      if (this.text[this.pos] !== '"') {
        if (this.text[this.pos] === '}') this.fail('trailing comma before "}"');
        this.fail(`expected a property name in double quotes, found ${this.describe()}`);
      }
      this.string();
      this.skipSpace();
      if (this.text[this.pos] !== ':')
        this.fail(`expected ":" after the property name, found ${this.describe()}`);
      this.pos++;
      this.skipSpace();
      this.value(depth + 1);
      this.skipSpace();
      const next = this.text[this.pos];
      if (next === ',') {
        this.pos++;
        continue;
      }
      if (next === '}') {
        this.pos++;
        return;
      }
      this.fail(`expected "," or "}" after a property value, found ${this.describe()}`);
    }
  }

  array(depth: number): void {
    this.pos++;
    this.skipSpace();
    if (this.text[this.pos] === ']') {
      this.pos++;
      return;
    }
    for (;;) {
      this.skipSpace();
      if (this.text[this.pos] === ']') this.fail('trailing comma before "]"');
      this.value(depth + 1);
      this.skipSpace();
      const next = this.text[this.pos];
      if (next === ',') {
        this.pos++;
        continue;
      }
      if (next === ']') {
        this.pos++;
        return;
      }
      this.fail(`expected "," or "]" after an array element, found ${this.describe()}`);
    }
  }

  string(): void {
    const start = this.pos;
    this.pos++;
    while (this.pos < this.text.length) {
      const c = this.text.charCodeAt(this.pos);
      if (c === 34) {
        this.pos++;
        return;
      }
      if (c < 0x20) this.fail('unescaped control character or line break inside a string');
      if (c === 92) {
        const esc = this.text[this.pos + 1];
        if (esc === 'u') {
          if (!/^[0-9A-Fa-f]{4}$/.test(this.text.slice(this.pos + 2, this.pos + 6))) {
            this.fail('bad \\u escape: expected four hex digits');
          }
          this.pos += 6;
          continue;
        }
        if (esc === undefined || !'"\\/bfnrt'.includes(esc))
          this.fail(`bad escape "\\${esc ?? ''}" in a string`);
        this.pos += 2;
        continue;
      }
      this.pos++;
    }
    this.fail('unterminated string', start);
  }

  number(): void {
    const m = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(this.text.slice(this.pos, this.pos + 400));
    if (!m) this.fail('malformed number');
    this.pos += m[0].length;
    const next = this.text[this.pos];
    if (next !== undefined && /[0-9.eE+-]/.test(next)) this.fail('malformed number');
  }
}
