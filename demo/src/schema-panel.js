// The schema panel: schemas → tables and views (columns with types, indexes), sequences and
// enum types, from the engine Worker's readSchema (schema-query.js). Refreshed by main.js
// after statements that may change the schema. Activating a table (click, Enter) inserts a
// SELECT for it into the editor.
function el(tag, cls, text) {
  const e = document.createElement(tag);
  if (cls) e.className = cls;
  if (text != null) e.textContent = text;
  return e;
}

const quoteIdent = (s) => (/^[a-z_][a-z0-9_$]*$/.test(s) ? s : `"${s.replace(/"/g, '""')}"`);

export function renderSchema(container, schema, { onTable }) {
  container.replaceChildren();
  if (!schema) {
    container.append(el('p', 'muted', 'The database is open in another tab; the schema is shown there.'));
    return;
  }
  let any = false;
  for (const s of schema.schemas) {
    if (!s.tables.length && !s.sequences.length && s.name !== 'public') continue;
    const d = el('details', 'schema');
    d.open = true;
    d.append(el('summary', 'schema-name', s.name));
    const ul = el('ul', 'tables');
    for (const t of s.tables) {
      any = true;
      const li = el('li', `table ${t.kind}`);
      const td = el('details');
      const sum = el('summary');
      const name = el('button', 'table-name link', t.name);
      name.type = 'button';
      name.title = `Insert SELECT * FROM ${t.name}`;
      name.dataset.table = t.name;
      name.addEventListener('click', (ev) => {
        ev.preventDefault();
        const q = s.name === 'public' ? quoteIdent(t.name) : `${quoteIdent(s.name)}.${quoteIdent(t.name)}`;
        onTable(`SELECT * FROM ${q} LIMIT 100;`);
      });
      sum.append(name, el('span', 'kind', t.kind === 'view' ? ' view' : ''));
      td.append(sum);
      const cols = el('ul', 'columns');
      for (const c of t.columns) {
        const ci = el('li', 'column');
        ci.append(el('span', 'col-name', c.name), el('span', 'col-type', ` ${c.type}${c.notNull ? ' not null' : ''}`));
        cols.append(ci);
      }
      for (const ix of t.indexes) cols.append(el('li', 'index', `index ${ix}`));
      td.append(cols);
      li.append(td);
      ul.append(li);
    }
    for (const q of s.sequences) { any = true; ul.append(el('li', 'sequence', `sequence ${q}`)); }
    d.append(ul);
    container.append(d);
  }
  if (schema.enums.length) {
    const d = el('details', 'schema');
    d.open = true;
    d.append(el('summary', 'schema-name', 'enum types'));
    const ul = el('ul', 'tables');
    for (const e of schema.enums) ul.append(el('li', 'enum', `${e.name}: ${e.labels.join(', ')}`));
    d.append(ul);
    container.append(d);
    any = true;
  }
  if (!any) container.append(el('p', 'muted', 'No tables yet. Run an example or CREATE TABLE.'));
}
