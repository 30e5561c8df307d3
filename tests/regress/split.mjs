// Splits a PostgreSQL regression script the way psql 15 does (psqlscan.l) and turns it into
// the items the harness runs: SQL statements, meta-commands (never sent, counted as skipped)
// and statements that cannot run on either side (skipped, with the reason).
//
// What is psql's and what is ours:
// - statement boundaries: a ';' outside quotes ('', E'', "", $tag$), comments (--, nested /* */),
//   parentheses and CREATE FUNCTION/PROCEDURE … BEGIN ATOMIC … END bodies (psql's heuristic);
//   whitespace and -- comments before a statement are dropped; lines are joined with '\n' and
//   empty lines outside quotes and comments are ignored (psql's MainLoop);
// - a backslash outside quotes starts a meta-command running to the end of the line or "\\";
// - psql variables: `\set`, `\unset` and `\getenv` are evaluated here (client side, as psql does)
//   and :name, :'name', :"name" are interpolated into the SQL text before either side sees it;
//   a :name value is re-scanned as SQL (so a \set value holding two statements is two
//   statements, as in psql), :'name' / :"name" become a quoted literal / identifier;
// - `query \gset` and `query \gexec` need psql to run the result: the query is skipped, and
//   later statements using a variable that only \gset could have set are skipped too;
// - COPY … FROM stdin (its data lines up to "\.") and COPY … FROM 'file' are rewritten as
//   INSERT statements (PostgreSQL's text/csv COPY format decoded here) — the same on both sides.
import { readFileSync } from 'node:fs';

const isIdentStart = (c) => /[A-Za-z_]/.test(c) || c >= '\x80';
const isIdentChar = (c) => /[A-Za-z0-9_$]/.test(c) || c >= '\x80';
const isVarChar = (c) => /[A-Za-z0-9_]/.test(c) || c >= '\x80';

// PQescapeLiteral / PQescapeIdentifier as psql uses them for :'var' and :"var".
function quoteLiteral(v) {
  const body = v.replace(/'/g, "''");
  return v.includes('\\') ? ` E'${body.replace(/\\/g, '\\\\')}'` : `'${body}'`;
}
const quoteIdent = (v) => `"${v.replace(/"/g, '""')}"`;

export class PsqlSplitter {
  constructor({ vars = {}, env = {} } = {}) {
    this.vars = { ...vars };
    this.env = env;
    this.state = 'initial';
    this.buf = '';
    this.paren = 0;
    this.beginDepth = 0;
    this.idents = [];
    this.identCount = 0;
    this.commentDepth = 0;
    this.dollarTag = '';
    this.stdStrings = true;
    this.undefinedRef = false;  // the pending statement uses an undefined :variable
  }

  // psql follows the server's standard_conforming_strings: when off, '…' takes backslash escapes.
  trackStdStrings(sql) {
    const m = /^\s*set\s+(?:session\s+|local\s+)?standard_conforming_strings\s*(?:=|to)\s*'?(\w+)'?\s*;/i.exec(sql);
    if (m) this.stdStrings = !/^(off|false|no|0|of|fa|n)$/i.test(m[1]);
    else if (/^\s*reset\s+(standard_conforming_strings|all)\s*;/i.test(sql)) this.stdStrings = true;
  }

  resetStatement() {
    this.buf = '';
    this.paren = 0;
    this.beginDepth = 0;
    this.idents = [];
    this.identCount = 0;
    this.undefinedRef = false;
  }

  // psql's CREATE [OR REPLACE] FUNCTION|PROCEDURE … BEGIN … END tracking.
  trackIdent(word) {
    const w = word.toLowerCase();
    if (this.identCount === 0) this.idents = [];
    if (['create', 'function', 'procedure', 'or', 'replace'].includes(w) && this.identCount < 4)
      this.idents[this.identCount] = w[0];
    this.identCount++;
    const id = this.idents;
    if (id[0] === 'c' && (id[1] === 'f' || id[1] === 'p' ||
        (id[1] === 'o' && id[2] === 'r' && (id[3] === 'f' || id[3] === 'p'))) && this.paren === 0) {
      if (w === 'begin') this.beginDepth++;
      else if (w === 'case') { if (this.beginDepth >= 1) this.beginDepth++; }
      else if (w === 'end') { if (this.beginDepth > 0) this.beginDepth--; }
    }
  }

  // Scans one input line; returns events {kind: 'sql'|'meta', text, undefinedRef}.
  scanLine(line) {
    const ev = [];
    // psql ignores an empty line outside quotes, dollar quotes and comments.
    if (line === '' && this.state === 'initial') return ev;
    if (this.buf !== '') this.buf += '\n';
    let i = 0;
    let guard = 0;
    while (i < line.length) {
      if (++guard > 1e6) throw new Error('variable expansion loop');
      const c = line[i];
      const c2 = line[i + 1];
      switch (this.state) {
        case 'initial':
          if (/[ \t\r\f\v]/.test(c)) {
            if (this.buf !== '') this.buf += c;
            i++;
          } else if (c === '-' && c2 === '-') {
            if (this.buf !== '') this.buf += line.slice(i);
            i = line.length;
          } else if (c === '/' && c2 === '*') {
            this.state = 'comment'; this.commentDepth = 1; this.buf += '/*'; i += 2;
          } else if (c === "'") {
            this.state = 'quote'; this.buf += c; i++;
          } else if (c === '"') {
            this.state = 'dquote'; this.buf += c; i++;
          } else if (c === '$') {
            const m = /^\$([A-Za-z_\x80-\uffff][A-Za-z0-9_\x80-\uffff]*)?\$/.exec(line.slice(i));
            if (m) {
              this.state = 'dollar'; this.dollarTag = m[0]; this.buf += m[0]; i += m[0].length;
            } else { this.buf += c; i++; }
          } else if (c === '(') {
            this.paren++; this.buf += c; i++;
          } else if (c === ')') {
            if (this.paren > 0) this.paren--;
            this.buf += c; i++;
          } else if (c === ';') {
            this.buf += c; i++;
            if (this.paren === 0 && this.beginDepth === 0) {
              ev.push({ kind: 'sql', text: this.buf, undefinedRef: this.undefinedRef });
              this.trackStdStrings(this.buf);
              this.resetStatement();
            }
          } else if (c === '\\' && (c2 === ';' || c2 === ':')) {
            // psql's \; and \: put a ';' or ':' into the query buffer (\; joins statements into
            // one query string); kept as written so that psql reads the generated script the same.
            this.buf += c + c2; i += 2;
          } else if (c === '\\') {
            // The command runs to the end of the line or a "\\" outside quoted arguments.
            let end = i + 1;
            let q = null;
            while (end < line.length) {
              const d = line[end];
              if (q) {
                if (q === "'" && d === '\\') end++;
                else if (d === q) q = null;
              } else if (d === "'" || d === '"' || d === '`') q = d;
              else if (d === '\\' && line[end + 1] === '\\') break;
              end++;
            }
            end = Math.min(end, line.length);
            const text = line.slice(i, end);
            i = end >= line.length ? line.length : end + 2;
            ev.push(...this.meta(text));
          } else if (c === ':') {
            if (c2 === ':') { this.buf += '::'; i += 2; break; }
            if (c2 === '=') { this.buf += ':='; i += 2; break; }
            const q = /^:(['"])([A-Za-z0-9_\x80-\uffff]+)\1/.exec(line.slice(i));
            if (q) {
              if (q[2] in this.vars) {
                this.buf += q[1] === "'" ? quoteLiteral(this.vars[q[2]]) : quoteIdent(this.vars[q[2]]);
              } else {
                this.buf += q[0];
                this.undefinedRef = true;
              }
              i += q[0].length;
              break;
            }
            let j = i + 1;
            while (j < line.length && isVarChar(line[j])) j++;
            const name = line.slice(i + 1, j);
            if (name && name in this.vars) {
              // psql re-scans the value as SQL.
              line = line.slice(0, i) + this.vars[name] + line.slice(j);
            } else {
              if (name && isIdentStart(name[0])) this.undefinedRef = true;
              this.buf += line.slice(i, j); i = j;
            }
          } else if (isIdentStart(c)) {
            let j = i + 1;
            while (j < line.length && isIdentChar(line[j])) j++;
            const word = line.slice(i, j);
            if ((word === 'e' || word === 'E') && line[j] === "'") {
              this.state = 'equote'; this.buf += word + "'"; i = j + 1;
            } else if (/^[bBxX]$/.test(word) && line[j] === "'") {
              // b'…' / x'…' never take backslash escapes (psql's xb/xh states).
              this.state = 'rawquote'; this.buf += word + "'"; i = j + 1;
            } else if (/^[uU]$/.test(word) && line.startsWith("&'", j)) {
              // Neither do U&'…' strings (psql's xus state).
              this.state = 'rawquote'; this.buf += word + "&'"; i = j + 2;
            } else {
              if (!(/^[uU]$/.test(word) && line[j] === '&')) this.trackIdent(word);
              this.buf += word; i = j;
            }
          } else if (/[0-9]/.test(c)) {
            let j = i + 1;
            while (j < line.length && /[0-9A-Za-z_.]/.test(line[j])) {
              if (line[j] === '.' && line[j + 1] === '.') break;
              j++;
            }
            this.buf += line.slice(i, j); i = j;
          } else {
            this.buf += c; i++;
          }
          break;
        case 'quote':
        case 'equote':
        case 'rawquote':
          if ((this.state === 'equote' || (this.state === 'quote' && !this.stdStrings)) && c === '\\' && i + 1 < line.length) {
            this.buf += c + c2; i += 2; break;
          }
          this.buf += c; i++;
          if (c === "'") {
            if (line[i] === "'") { this.buf += "'"; i++; } else this.state = 'initial';
          }
          break;
        case 'dquote':
          this.buf += c; i++;
          if (c === '"') this.state = 'initial';
          break;
        case 'dollar':
          if (line.startsWith(this.dollarTag, i)) {
            this.buf += this.dollarTag; i += this.dollarTag.length; this.state = 'initial';
          } else { this.buf += c; i++; }
          break;
        case 'comment':
          if (c === '*' && c2 === '/') {
            this.buf += '*/'; i += 2;
            if (--this.commentDepth === 0) this.state = 'initial';
          } else if (c === '/' && c2 === '*') {
            this.buf += '/*'; i += 2; this.commentDepth++;
          } else { this.buf += c; i++; }
          break;
      }
    }
    return ev;
  }

  // Arguments of a backslash command, psql-style: 'quoted' (with '' and backslash escapes),
  // "quoted" (kept), :var, :'var', bare words; adjacent pieces concatenate.
  metaArgs(s) {
    const args = [];
    let i = 0;
    while (i < s.length) {
      while (i < s.length && /\s/.test(s[i])) i++;
      if (i >= s.length) break;
      let a = '';
      while (i < s.length && !/\s/.test(s[i])) {
        if (s[i] === "'") {
          i++;
          while (i < s.length) {
            if (s[i] === "'" && s[i + 1] === "'") { a += "'"; i += 2; }
            else if (s[i] === "'") { i++; break; }
            else if (s[i] === '\\' && i + 1 < s.length) {
              const e = s[i + 1];
              a += { n: '\n', t: '\t', b: '\b', r: '\r', f: '\f' }[e] ?? e;
              i += 2;
            } else a += s[i++];
          }
        } else if (s[i] === '"') {
          let j = s.indexOf('"', i + 1);
          if (j < 0) j = s.length - 1;
          a += s.slice(i, j + 1); i = j + 1;
        } else if (s[i] === ':' && /['"A-Za-z0-9_]/.test(s[i + 1] ?? '')) {
          const q = /^:(['"]?)([A-Za-z0-9_]+)\1/.exec(s.slice(i));
          const v = this.vars[q[2]];
          if (v === undefined) a += q[0];
          else a += q[1] === "'" ? quoteLiteral(v).trim() : q[1] === '"' ? quoteIdent(v) : v;
          i += q[0].length;
        } else a += s[i++];
      }
      args.push(a);
    }
    return args;
  }

  // A meta-command: evaluated when it sets variables, never sent; \gset / \gexec end the
  // pending query, which is skipped.
  meta(text) {
    const m = /^\\([A-Za-z.?!]*)/.exec(text);
    const cmd = m ? m[1] : '';
    const rest = text.slice(1 + cmd.length);
    const ev = [];
    if (cmd === 'set') {
      const a = this.metaArgs(rest);
      if (a.length) this.vars[a[0]] = a.slice(1).join('');
    } else if (cmd === 'unset') {
      const a = this.metaArgs(rest);
      if (a.length) delete this.vars[a[0]];
    } else if (cmd === 'getenv') {
      const a = this.metaArgs(rest);
      if (a.length === 2 && this.env[a[1]] !== undefined) this.vars[a[0]] = this.env[a[1]];
    } else if (cmd === 'g' || cmd === 'gx') {
      if (this.buf.trim() !== '') {
        ev.push({ kind: 'sql', text: this.buf, undefinedRef: this.undefinedRef });
        this.resetStatement();
      }
    } else if (cmd === 'gset' || cmd === 'gexec') {
      if (this.buf.trim() !== '') {
        ev.push({ kind: 'skip', text: this.buf, reason: `query for \\${cmd}` });
        this.resetStatement();
      }
      if (cmd === 'gset') this.gsetSeen = true;
    }
    ev.push({ kind: 'meta', text });
    return ev;
  }
}

// ---- COPY FROM → INSERT -------------------------------------------------------------------

const COPY_FROM_RE =
  /^\s*copy\s+((?:"(?:[^"]|"")*"|[A-Za-z_][\w$]*)(?:\s*\.\s*(?:"(?:[^"]|"")*"|[A-Za-z_][\w$]*))?)\s*(\([^)]*\))?\s*from\s+(stdin|stdout|'(?:[^']|'')*')(.*)$/is;

export function parseCopyFrom(sql) {
  const m = COPY_FROM_RE.exec(sql.replace(/;\s*$/, ''));
  if (!m) return null;
  const copy = { table: m[1], columns: m[2] ?? '', source: m[3], fromClient: /^std/i.test(m[3]) };
  let opts = m[4].trim();
  copy.format = 'text';
  copy.delimiter = null;
  copy.null = null;
  copy.unsupported = null;
  if (/\bwhere\b/i.test(opts)) copy.unsupported = 'COPY … WHERE';
  if (/^\s*\(/.test(opts) || /^with\s*\(/i.test(opts)) {
    const inner = opts.replace(/^with\s*/i, '').replace(/^\(|\)$/g, '');
    for (const part of inner.split(',')) {
      const p = /^\s*(\w+)\s*(.*?)\s*$/.exec(part);
      if (!p) continue;
      const key = p[1].toLowerCase();
      const val = p[2].replace(/^'(.*)'$/s, '$1').replace(/''/g, "'");
      if (key === 'format') copy.format = val.toLowerCase();
      else if (key === 'delimiter') copy.delimiter = val;
      else if (key === 'null') copy.null = val;
      else copy.unsupported = `COPY option ${key}`;
    }
  } else {
    opts = opts.replace(/^with\b/i, '').trim();
    const re = /\s*(?:(binary|csv|header)\b|(delimiter|null)\s+(?:as\s+)?'((?:[^']|'')*)')/iy;
    let r;
    while (opts.length && (r = re.exec(opts))) {
      if (r[1]) {
        const k = r[1].toLowerCase();
        if (k === 'csv') copy.format = 'csv'; else copy.unsupported = `COPY ${k}`;
      } else if (r[2].toLowerCase() === 'delimiter') copy.delimiter = r[3].replace(/''/g, "'");
      else copy.null = r[3].replace(/''/g, "'");
      if (re.lastIndex >= opts.length) break;
    }
    if (opts.length && re.lastIndex < opts.length && !copy.unsupported)
      copy.unsupported = `COPY options "${opts}"`;
  }
  if (copy.format !== 'text' && copy.format !== 'csv') copy.unsupported = `COPY format ${copy.format}`;
  return copy;
}

function decodeTextField(f) {
  let out = '';
  for (let i = 0; i < f.length; i++) {
    const c = f[i];
    if (c !== '\\' || i + 1 >= f.length) { out += c; continue; }
    const e = f[++i];
    if (/[0-7]/.test(e)) {
      let j = i; let v = '';
      while (j < f.length && j < i + 3 && /[0-7]/.test(f[j])) v += f[j++];
      out += String.fromCharCode(parseInt(v, 8)); i = j - 1;
    } else if (e === 'x' && /[0-9A-Fa-f]/.test(f[i + 1] ?? '')) {
      let j = i + 1; let v = '';
      while (j < f.length && j < i + 3 && /[0-9A-Fa-f]/.test(f[j])) v += f[j++];
      out += String.fromCharCode(parseInt(v, 16)); i = j - 1;
    } else {
      out += { b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v' }[e] ?? e;
    }
  }
  return out;
}

function parseCsvLine(line, delim) {
  const out = [];
  let i = 0;
  for (;;) {
    let v = ''; let quoted = false;
    if (line[i] === '"') {
      quoted = true; i++;
      while (i < line.length) {
        if (line[i] === '"' && line[i + 1] === '"') { v += '"'; i += 2; }
        else if (line[i] === '"') { i++; break; }
        else v += line[i++];
      }
      while (i < line.length && line[i] !== delim) v += line[i++];
    } else {
      while (i < line.length && line[i] !== delim) v += line[i++];
    }
    out.push({ v, quoted });
    if (i >= line.length) break;
    i++;
  }
  return out;
}

// The rows of a COPY data block, each an array of string|null.
export function decodeCopyRows(copy, lines) {
  const rows = [];
  if (copy.format === 'csv') {
    const delim = copy.delimiter ?? ',';
    const nul = copy.null ?? '';
    for (const l of lines) rows.push(parseCsvLine(l, delim).map((f) => (!f.quoted && f.v === nul ? null : f.v)));
  } else {
    const delim = copy.delimiter ?? '\t';
    const nul = copy.null ?? '\\N';
    for (const l of lines) rows.push(l.split(delim).map((f) => (f === nul ? null : decodeTextField(f))));
  }
  return rows;
}

// INSERT statements equivalent to loading rows (at most `chunk` rows per statement).
export function copyToInserts(copy, rows, chunk = 1000) {
  const stmts = [];
  const lit = (v) => (v === null ? 'NULL' : `'${v.replace(/'/g, "''")}'`);
  const head = `INSERT INTO ${copy.table}${copy.columns ? ' ' + copy.columns : ''} VALUES\n`;
  for (let k = 0; k < rows.length; k += chunk)
    stmts.push(head + rows.slice(k, k + chunk).map((r) => `(${r.map(lit).join(', ')})`).join(',\n') + ';');
  return stmts;
}

// ---- a whole script --------------------------------------------------------------------------

// Items of a script: {kind: 'sql', texts: [...], line, note?} | {kind: 'meta', text, line} |
// {kind: 'skip', text, line, reason}.
export function splitScript(source, { env, dataDir, skipRegressLib = true }) {
  const sp = new PsqlSplitter({ env });
  const lines = source.split('\n');
  if (lines.length && lines[lines.length - 1] === '') lines.pop();
  const items = [];
  for (let ln = 0; ln < lines.length; ln++) {
    const raw = lines[ln].replace(/\r$/, '');
    const evs = sp.scanLine(raw);
    let copyPending = null;
    for (const e of evs) {
      const item = { ...e, line: ln + 1 };
      if (e.kind === 'sql') {
        const usesRegressLib = /:'?regresslib'?/.test(e.text) || (sp.vars.regresslib && e.text.includes(sp.vars.regresslib));
        if (skipRegressLib && usesRegressLib) {
          items.push({ kind: 'skip', text: e.text, line: ln + 1, reason: 'needs the C regress library' });
          continue;
        }
        if (e.undefinedRef && sp.gsetSeen) {
          items.push({ kind: 'skip', text: e.text, line: ln + 1, reason: 'uses a \\gset variable' });
          continue;
        }
        const copy = parseCopyFrom(e.text);
        if (copy) {
          item.copy = copy;
          if (copy.fromClient) copyPending = item;
        }
        item.texts = [e.text];
        delete item.text;
        item.sql = e.text;
      }
      items.push(item);
    }
    if (copyPending) {
      // psql reads data only when the server accepted the COPY; one that fails at once has no
      // data block in these scripts (the next line is blank or another COPY).
      const next = lines[ln + 1];
      const data = [];
      if (next !== undefined && next.trim() !== '' && !/^\s*copy\b/i.test(next)) {
        while (ln + 1 < lines.length && lines[ln + 1].replace(/\r$/, '') !== '\\.') data.push(lines[++ln].replace(/\r$/, ''));
        ln++;  // the "\." line
      }
      copyPending.data = data;
    }
  }
  if (sp.buf.trim() !== '') items.push({ kind: 'sql', texts: [sp.buf], sql: sp.buf, line: lines.length });
  // COPY FROM → INSERT.
  for (const [k, it] of items.entries()) {
    if (it.kind !== 'sql' || !it.copy) continue;
    const copy = it.copy;
    const skip = (reason) => { items[k] = { kind: 'skip', text: it.sql, line: it.line, reason }; };
    if (copy.unsupported) { skip(`${copy.unsupported} has no INSERT equivalent`); continue; }
    let data;
    if (copy.fromClient) {
      data = it.data;
    } else {
      const file = copy.source.slice(1, -1).replace(/''/g, "'");
      if (!dataDir || !file.startsWith(dataDir + '/')) continue;  // runs as it is (and fails)
      data = readFileSync(file, 'utf8').split('\n');
      if (data.length && data[data.length - 1] === '') data.pop();
      const end = data.indexOf('\\.');
      if (end >= 0) data = data.slice(0, end);
    }
    if (!data.length) { skip('COPY FROM without data (fails at once on PostgreSQL; psql sends no data)'); continue; }
    it.texts = copyToInserts(copy, decodeCopyRows(copy, data));
    it.note = `COPY of ${data.length} rows as INSERT`;
  }
  return items;
}
