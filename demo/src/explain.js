// EXPLAIN output as a collapsible tree. Input: the rows of the one "QUERY PLAN" column in
// PostgreSQL's text format — the root node's line, child nodes as lines "->  Node" indented
// under their parent, property lines ("Filter: …", "Sort Key: …") under the node they describe
// and trailing lines at the left margin ("Planning Time: …"). parsePlan builds the tree;
// renderExplain shows it as nested <details> (keyboard operable) with a switch to the plain text.

// → { roots: [node], extra: [line] }, node = { label, props: [line], children: [node] }
export function parsePlan(lines) {
  const roots = [];
  const extra = [];
  const stack = [];  // { node, indent: column where the node's text starts }
  for (const line of lines) {
    const indent = line.length - line.trimStart().length;
    const text = line.trim();
    if (!text) continue;
    const arrow = text.startsWith('->');
    if (arrow || (stack.length === 0 && roots.length === 0 && indent === 0)) {
      const label = arrow ? text.replace(/^->\s*/, '') : text;
      const node = { label, props: [], children: [] };
      const at = arrow ? indent + (text.length - text.replace(/^->\s*/, '').length) : indent;
      while (stack.length && stack[stack.length - 1].indent >= at) stack.pop();
      if (arrow && stack.length) stack[stack.length - 1].node.children.push(node);
      else roots.push(node);
      stack.push({ node, indent: at });
      continue;
    }
    if (indent === 0) {
      // A top-level line after the tree (Planning Time, JIT …) or a second root.
      stack.length = 0;
      extra.push(text);
      continue;
    }
    while (stack.length > 1 && stack[stack.length - 1].indent > indent) stack.pop();
    if (stack.length) stack[stack.length - 1].node.props.push(text);
    else extra.push(text);
  }
  return { roots, extra };
}

// "Seq Scan on t  (cost=0.00..35.50 rows=2550 width=4)", "Aggregate (actual rows=1 loops=1)"
// → the node's name and its parenthesised figures.
function splitLabel(label) {
  const m = /^(.*?)\s+(\((?:cost|actual)[=\s].*\))$/.exec(label);
  return m ? [m[1], m[2]] : [label, ''];
}

function nodeElement(node) {
  // A node with properties or children folds (<details>); a leaf is a plain line.
  const leaf = !node.props.length && !node.children.length;
  const d = document.createElement(leaf ? 'div' : 'details');
  if (!leaf) d.open = true;
  d.className = leaf ? 'plan-node leaf' : 'plan-node';
  const s = document.createElement(leaf ? 'div' : 'summary');
  const [name, cost] = splitLabel(node.label);
  const n = document.createElement('span');
  n.className = 'plan-name';
  n.textContent = name;
  s.append(n);
  if (cost) {
    const c = document.createElement('span');
    c.className = 'plan-cost';
    c.textContent = ' ' + cost;
    s.append(c);
  }
  d.append(s);
  if (node.props.length) {
    const ul = document.createElement('ul');
    ul.className = 'plan-props';
    for (const p of node.props) {
      const li = document.createElement('li');
      li.textContent = p;
      ul.append(li);
    }
    d.append(ul);
  }
  for (const c of node.children) d.append(nodeElement(c));
  return d;
}

export function renderExplain(lines) {
  const { roots, extra } = parsePlan(lines);
  const box = document.createElement('div');
  box.className = 'explain';
  const bar = document.createElement('div');
  bar.className = 'explain-bar';
  const toggle = document.createElement('button');
  toggle.type = 'button';
  toggle.className = 'small';
  toggle.textContent = 'Show text';
  bar.append(toggle);
  const tree = document.createElement('div');
  tree.className = 'plan-tree';
  tree.setAttribute('role', 'tree');
  for (const r of roots) tree.append(nodeElement(r));
  for (const e of extra) {
    const p = document.createElement('div');
    p.className = 'plan-extra';
    p.textContent = e;
    tree.append(p);
  }
  const text = document.createElement('pre');
  text.className = 'plan-text';
  text.textContent = lines.join('\n');
  text.hidden = true;
  toggle.addEventListener('click', () => {
    text.hidden = !text.hidden;
    tree.hidden = !text.hidden;
    toggle.textContent = text.hidden ? 'Show text' : 'Show tree';
  });
  box.append(bar, tree, text);
  return box;
}
