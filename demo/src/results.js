// Rendering of what a run produced, one block per statement: the command tag, row count and
// time; NOTICEs; errors with SQLSTATE, message, DETAIL and HINT; rows as a table whose header
// gives each column's name and type, NULL shown distinctly, 100 rows per page (so 100 000 rows
// cost one page of DOM); expanded display (\x) as one name/value list per row; EXPLAIN output
// (one "QUERY PLAN" column) as a tree (explain.js); meta-command output as the shell prints it.
import { renderExplain } from './explain.js';

export const PAGE_SIZE = 100;

function el(tag, attrs = {}, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (k === 'class') e.className = v; else if (k === 'text') e.textContent = v; else e.setAttribute(k, v);
  }
  for (const c of children) if (c != null) e.append(c);
  return e;
}

const fmtMs = (ms) => (ms < 10 ? ms.toFixed(2) : ms < 100 ? ms.toFixed(1) : Math.round(ms).toString()) + ' ms';
const fmtCount = (n) => n.toLocaleString('en-US').replace(/,/g, '\u202f');

function statementLabel(text) {
  const one = text.replace(/\s+/g, ' ').trim();
  return one.length > 90 ? one.slice(0, 87) + '…' : one;
}

function cell(v) {
  if (v === null) return el('td', { class: 'null', text: 'NULL' });
  return el('td', { text: v });
}

function notices(list) {
  if (!list?.length) return null;
  const box = el('div', { class: 'notices' });
  for (const n of list) {
    const d = el('div', { class: 'notice' }, el('strong', { text: `${n.severity}: ` }), n.message);
    if (n.detail) d.append(el('div', { class: 'detail', text: `DETAIL: ${n.detail}` }));
    if (n.hint) d.append(el('div', { class: 'hint', text: `HINT: ${n.hint}` }));
    box.append(d);
  }
  return box;
}

export function renderError(error) {
  const box = el('div', { class: 'error', role: 'alert' });
  box.append(el('div', { class: 'error-message' }, el('strong', { text: 'ERROR: ' }), error.message,
    error.code ? el('span', { class: 'sqlstate', text: ` (SQLSTATE ${error.code})` }) : null));
  if (error.detail) box.append(el('div', { class: 'detail', text: `DETAIL: ${error.detail}` }));
  if (error.hint) box.append(el('div', { class: 'hint', text: `HINT: ${error.hint}` }));
  if (error.context) box.append(el('div', { class: 'context', text: `CONTEXT: ${error.context}` }));
  return box;
}

// A table of rows with a pager; only the current page is in the DOM.
function rowsTable(result, expanded) {
  const { columns, rows } = result;
  const wrap = el('div', { class: 'table-wrap' });
  const scroller = el('div', { class: 'table-scroll', tabindex: '0', role: 'region', 'aria-label': 'result rows' });
  wrap.append(scroller);
  let page = 0;
  const pages = Math.max(1, Math.ceil(rows.length / PAGE_SIZE));
  const pager = el('div', { class: 'pager' });
  const info = el('span', { class: 'pager-info' });
  const btn = (label, title, to) => {
    const b = el('button', { type: 'button', class: 'small', title, 'aria-label': title, text: label });
    b.addEventListener('click', () => { page = Math.min(pages - 1, Math.max(0, to())); draw(); });
    return b;
  };
  const first = btn('«', 'first page', () => 0);
  const prev = btn('‹', 'previous page', () => page - 1);
  const next = btn('›', 'next page', () => page + 1);
  const last = btn('»', 'last page', () => pages - 1);
  pager.append(first, prev, info, next, last);

  function draw() {
    const from = page * PAGE_SIZE;
    const to = Math.min(rows.length, from + PAGE_SIZE);
    let table;
    if (expanded) {
      table = el('div', { class: 'expanded' });
      for (let r = from; r < to; r++) {
        const rec = el('table', { class: 'record' }, el('caption', { text: `-[ RECORD ${r + 1} ]` }));
        const row = rows.get(r);
        columns.forEach((c, i) => rec.append(el('tr', {}, el('th', { scope: 'row', text: c.name }), cell(row[i]))));
        table.append(rec);
      }
    } else {
      table = el('table', { class: 'rows' });
      const head = el('tr');
      for (const c of columns) {
        head.append(el('th', { scope: 'col' }, el('span', { class: 'col-name', text: c.name }), el('span', { class: 'col-type', text: c.typeName ?? '' })));
      }
      table.append(el('thead', {}, head));
      const body = el('tbody');
      for (let r = from; r < to; r++) {
        const tr = el('tr');
        const row = rows.get(r);
        for (let i = 0; i < row.length; i++) tr.append(cell(row[i]));
        body.append(tr);
      }
      table.append(body);
    }
    scroller.replaceChildren(table);
    info.textContent = rows.length ? `rows ${fmtCount(from + 1)}–${fmtCount(to)} of ${fmtCount(rows.length)}` : 'no rows';
    first.disabled = prev.disabled = page === 0;
    next.disabled = last.disabled = page >= pages - 1;
  }
  draw();
  if (pages > 1) wrap.append(pager);
  return wrap;
}

// One statement's block. piece: { text }; out: a result of batch.js (rows.get(i), typeName per column).
export function renderResult(piece, out, ms, { expanded = false } = {}) {
  const block = el('section', { class: 'result', 'aria-label': 'statement result' });
  const head = el('header', { class: 'result-head' });
  head.append(el('code', { class: 'stmt', text: statementLabel(piece.text) }));
  const meta = el('span', { class: 'result-meta' });
  if (!out.error) {
    if (out.command) meta.append(el('span', { class: 'tag', text: out.command }));
    if (out.returnsRows) meta.append(el('span', { class: 'count', text: `${fmtCount(out.rows.length)} row${out.rows.length === 1 ? '' : 's'}` }));
  }
  meta.append(el('span', { class: 'time', text: fmtMs(ms) }));
  head.append(meta);
  block.append(head);
  const n = notices(out.notices);
  if (n) block.append(n);
  if (out.error) {
    block.append(renderError(out.error));
    block.classList.add('failed');
  } else if (out.returnsRows) {
    if (out.columns.length === 1 && out.columns[0].name === 'QUERY PLAN') {
      block.append(renderExplain(Array.from({ length: out.rows.length }, (_, i) => out.rows.get(i)[0] ?? '')));
    } else {
      block.append(rowsTable(out, expanded));
    }
  }
  return block;
}

// A meta-command's output (the shell's formatter: psql's aligned text).
export function renderMeta(piece, chunks, ms) {
  const block = el('section', { class: 'result meta', 'aria-label': 'meta-command output' });
  block.append(el('header', { class: 'result-head' }, el('code', { class: 'stmt', text: piece.text }),
    el('span', { class: 'result-meta' }, el('span', { class: 'time', text: fmtMs(ms) }))));
  const pre = el('pre', { class: 'shell-output' });
  for (const [toStderr, text] of chunks) pre.append(toStderr ? el('span', { class: 'stderr', text }) : text);
  if (!chunks.length) pre.textContent = '(no output)';
  block.append(pre);
  return block;
}

export function renderCanceled(piece, how) {
  const block = el('section', { class: 'result failed' });
  block.append(el('header', { class: 'result-head' }, el('code', { class: 'stmt', text: statementLabel(piece.text) })));
  block.append(renderError({
    code: '57014', message: 'canceling statement due to user request',
    detail: how === 'restarted' ? 'The engine was restarted and the database reopened: committed data is kept.' : undefined,
  }));
  return block;
}
