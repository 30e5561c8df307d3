// A light scan of PostgreSQL SQL text for the wire-protocol server (server.js): where the
// statements of a query string end (';' outside quotes, dollar quotes and comments), each
// statement's leading keywords, and the highest $n parameter. The engine does the real
// parsing; this only decides how the server routes a query (COPY, transaction control).

// Calls visit(kind, start, end) for each token: 'word', 'param', 'semi', 'other'; quoted
// strings, identifiers and comments are skipped (kind 'quoted' / 'comment').
function scan(sql, visit) {
  const n = sql.length;
  let i = 0;
  const isIdentStart = (c) => /[A-Za-z_\u0080-\uffff]/.test(c);
  const isIdent = (c) => /[A-Za-z0-9_$\u0080-\uffff]/.test(c);
  while (i < n) {
    const c = sql[i];
    const start = i;
    if (c === '-' && sql[i + 1] === '-') {
      while (i < n && sql[i] !== '\n') i++;
      visit('comment', start, i);
    } else if (c === '/' && sql[i + 1] === '*') {
      let depth = 1;
      i += 2;
      while (i < n && depth > 0) {
        if (sql[i] === '/' && sql[i + 1] === '*') { depth++; i += 2; } else if (sql[i] === '*' && sql[i + 1] === '/') { depth--; i += 2; } else i++;
      }
      visit('comment', start, i);
    } else if (c === "'" || ((c === 'E' || c === 'e') && sql[i + 1] === "'")) {
      const escapes = c !== "'";
      i += escapes ? 2 : 1;
      while (i < n) {
        if (escapes && sql[i] === '\\') { i += 2; continue; }
        if (sql[i] === "'") { if (sql[i + 1] === "'") { i += 2; continue; } i++; break; }
        i++;
      }
      visit('quoted', start, i);
    } else if (c === '"') {
      i++;
      while (i < n) { if (sql[i] === '"') { if (sql[i + 1] === '"') { i += 2; continue; } i++; break; } i++; }
      visit('quoted', start, i);
    } else if (c === '$') {
      const m = /^\$(\d+)/.exec(sql.slice(i, i + 12));
      if (m) { i += m[0].length; visit('param', start, i); continue; }
      const d = /^\$([A-Za-z_\u0080-\uffff][A-Za-z0-9_\u0080-\uffff]*)?\$/.exec(sql.slice(i, i + 200));
      if (d) {
        const close = sql.indexOf(d[0], i + d[0].length);
        i = close < 0 ? n : close + d[0].length;
        visit('quoted', start, i);
      } else { i++; visit('other', start, i); }
    } else if (isIdentStart(c)) {
      while (i < n && isIdent(sql[i])) i++;
      visit('word', start, i);
    } else if (c === ';') {
      i++;
      visit('semi', start, i);
    } else {
      i++;
      if (!/\s/.test(c)) visit('other', start, i);
    }
  }
}

// → [{ text, keywords: [first, second] lower-cased }] for each non-empty statement.
export function splitStatements(sql) {
  const out = [];
  let start = 0, words = [], nonEmpty = false;
  const finish = (end) => {
    if (nonEmpty) out.push({ text: sql.slice(start, end), keywords: words });
    words = []; nonEmpty = false;
  };
  scan(sql, (kind, s, e) => {
    if (kind === 'semi') { finish(s); start = e; return; }
    if (kind === 'comment') return;
    nonEmpty = true;
    if (kind === 'word' && words.length < 2) words.push(sql.slice(s, e).toLowerCase());
    else if (words.length < 2) words.push('');
  });
  finish(sql.length);
  return out;
}

// The highest $n in sql (0 when none).
export function maxParam(sql) {
  let max = 0;
  scan(sql, (kind, s, e) => { if (kind === 'param') max = Math.max(max, Number(sql.slice(s + 1, e))); });
  return max;
}

// The top-level words of one statement with their offsets: [{ word (lower-cased), start, end }]
// (parenthesised parts are skipped), for taking a COPY statement apart.
export function topLevelWords(sql) {
  const out = [];
  let depth = 0;
  scan(sql, (kind, s, e) => {
    if (kind === 'other') { if (sql[s] === '(') depth++; else if (sql[s] === ')') depth--; return; }
    if (kind === 'word' && depth === 0) out.push({ word: sql.slice(s, e).toLowerCase(), start: s, end: e });
  });
  return out;
}
