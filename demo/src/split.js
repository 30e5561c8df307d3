// Splits the editor's buffer into what runs one after another, as psql does: SQL statements
// ended by ';' outside quotes ('…' with '' and E'…' with backslash escapes, "…" identifiers,
// $tag$…$tag$ bodies), comments (--, nested /* */) and parentheses; and backslash meta-commands
// (\d, \dt, \x …), which start a line outside a statement and run to its end. A trailing
// statement without ';' runs too. Each piece keeps its offset in the buffer so an error
// position (1-based, in characters of the statement) maps back to the editor.
//
// → [{ kind: 'sql' | 'meta', text, from, to }]   (from/to: UTF-16 offsets into the buffer)
export function splitStatements(src) {
  const out = [];
  let i = 0;
  const n = src.length;
  let start = -1;  // first significant character of the current statement
  let depth = 0;
  const isSpace = (c) => c === ' ' || c === '\t' || c === '\n' || c === '\r' || c === '\f';
  const push = (end) => {
    if (start >= 0) {
      let e = end;
      while (e > start && isSpace(src[e - 1])) e--;
      out.push({ kind: 'sql', text: src.slice(start, e), from: start, to: e });
    }
    start = -1;
    depth = 0;
  };
  while (i < n) {
    const c = src[i];
    if (isSpace(c)) { i++; continue; }
    if (c === '-' && src[i + 1] === '-') {
      while (i < n && src[i] !== '\n') i++;
      continue;
    }
    if (c === '/' && src[i + 1] === '*') {
      let d = 1;
      i += 2;
      while (i < n && d > 0) {
        if (src[i] === '/' && src[i + 1] === '*') { d++; i += 2; } else if (src[i] === '*' && src[i + 1] === '/') { d--; i += 2; } else i++;
      }
      continue;
    }
    if (c === '\\' && start < 0) {
      let e = src.indexOf('\n', i);
      if (e < 0) e = n;
      let t = e;
      while (t > i && isSpace(src[t - 1])) t--;
      out.push({ kind: 'meta', text: src.slice(i, t), from: i, to: t });
      i = e;
      continue;
    }
    if (start < 0) start = i;
    if (c === ';' && depth === 0) { push(i + 1); i++; continue; }
    if (c === '(') { depth++; i++; continue; }
    if (c === ')') { if (depth > 0) depth--; i++; continue; }
    if (c === "'") {
      const escapes = i > 0 && (src[i - 1] === 'E' || src[i - 1] === 'e') && !/[\w$]/.test(src[i - 2] ?? '');
      i++;
      while (i < n) {
        if (escapes && src[i] === '\\') { i += 2; continue; }
        if (src[i] === "'") { if (src[i + 1] === "'") { i += 2; continue; } break; }
        i++;
      }
      i++;
      continue;
    }
    if (c === '"') {
      i++;
      while (i < n) {
        if (src[i] === '"') { if (src[i + 1] === '"') { i += 2; continue; } break; }
        i++;
      }
      i++;
      continue;
    }
    if (c === '$' && !/[\w$]/.test(src[i - 1] ?? '')) {
      const m = /^\$([A-Za-z_\u0080-\uffff][\w\u0080-\uffff]*)?\$/.exec(src.slice(i, i + 80));
      if (m) {
        const tag = m[0];
        const end = src.indexOf(tag, i + tag.length);
        i = end < 0 ? n : end + tag.length;
        continue;
      }
    }
    i++;
  }
  push(n);
  return out;
}

// An error position (1-based, counted in characters = code points of the statement) → the
// UTF-16 offset in the buffer.
export function positionToOffset(piece, position) {
  let cp = 0;
  let i = 0;
  const t = piece.text;
  while (i < t.length && cp < position - 1) {
    const code = t.codePointAt(i);
    i += code > 0xffff ? 2 : 1;
    cp++;
  }
  return piece.from + Math.min(i, t.length);
}
