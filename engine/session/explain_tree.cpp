// EXPLAIN's plan tree: SQLite's EXPLAIN QUERY PLAN rows turned into PostgreSQL-shaped nodes,
// and the text and JSON layouts of PostgreSQL's EXPLAIN (explain.c's indentation rules).
#include "session/explain.h"
#include <cstdio>
#include <map>

namespace pgmicro {

namespace {

struct RawNode {
  std::string detail;
  std::vector<const RawNode*> kids;
};

bool starts_with(const std::string& s, const char* p) { return s.rfind(p, 0) == 0; }

bool ends_with(const std::string& s, const std::string& suffix) {
  return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

std::unique_ptr<ExplainNode> make(const std::string& type, const std::string& detail = "") {
  auto n = std::make_unique<ExplainNode>();
  n->type = type;
  n->detail = detail;
  return n;
}

struct Builder {
  const ExplainNames& names;
  int subplan_counter = 0;

  // "SCAN r1", "SEARCH r1 USING INDEX i (a=?)", "SCAN r2 VIRTUAL TABLE INDEX 0:", ...
  std::string cte;  // set by scan(): the WITH query a scan reads
  bool in_recursive_step = false;
  std::unique_ptr<ExplainNode> scan(const std::string& d, bool& left_join) {
    cte.clear();
    bool search = starts_with(d, "SEARCH ");
    std::string rest = d.substr(search ? 7 : 5);
    left_join = false;
    if (ends_with(rest, " LEFT-JOIN")) {
      left_join = true;
      rest.resize(rest.size() - 10);
    }
    if (starts_with(rest, "CONSTANT ROW") || (rest.find(" CONSTANT ROW") != std::string::npos && isdigit((unsigned char)rest[0])))
      return make("Result", d);
    if (ends_with(rest, "-ROW VALUES CLAUSE")) {
      auto n = make("Values Scan", d);
      n->relation = "\"*VALUES*\"";
      return n;
    }
    std::string name = rest, tail;
    size_t p = rest.find(" USING ");
    size_t v = rest.find(" VIRTUAL TABLE INDEX ");
    if (v != std::string::npos && (p == std::string::npos || v < p)) p = v;
    if (p != std::string::npos) {
      name = rest.substr(0, p);
      tail = rest.substr(p + 1);
    }
    if (ends_with(name, " EXISTS")) name.resize(name.size() - 7);
    ExplainRelation rel = names.relation ? names.relation(name) : ExplainRelation{name, "", ""};
    std::unique_ptr<ExplainNode> n;
    auto cond = [&](const std::string& t) {
      size_t open = t.find(" (");
      return open == std::string::npos ? std::string() : t.substr(open + 1);
    };
    auto index_name = [&](const std::string& t) {
      size_t open = t.find(" (");
      return open == std::string::npos ? t : t.substr(0, open);
    };
    if (tail.empty()) {
      n = make("Seq Scan", d);
    } else if (starts_with(tail, "VIRTUAL TABLE INDEX ")) {
      n = make("Function Scan", d);
    } else {
      std::string t = tail.substr(6);  // after "USING "
      std::string c = cond(t);
      if (starts_with(t, "INTEGER PRIMARY KEY")) {
        n = make("Index Scan", d);
        n->index = names.index ? names.index(name, "") : "rowid";
      } else if (starts_with(t, "PRIMARY KEY")) {
        n = make("Index Scan", d);
        n->index = names.index ? names.index(name, "") : "primary key";
      } else if (starts_with(t, "AUTOMATIC")) {
        n = make("Index Scan", d);
        n->index = "automatic index";
      } else if (starts_with(t, "COVERING INDEX ")) {
        n = make("Index Only Scan", d);
        std::string ix = index_name(t.substr(15));
        n->index = names.index ? names.index(name, ix) : ix;
      } else if (starts_with(t, "INDEX ")) {
        n = make("Index Scan", d);
        std::string ix = index_name(t.substr(6));
        n->index = names.index ? names.index(name, ix) : ix;
      } else {
        n = make("Seq Scan", d);
      }
      if (!c.empty()) n->props.push_back({"Index Cond", c});
    }
    n->relation = rel.relation;
    n->alias = rel.alias;
    cte = rel.cte;
    if (!cte.empty() && n->type == "Seq Scan") n->type = in_recursive_step ? "WorkTable Scan" : "CTE Scan";
    return n;
  }

  // One level of SQLite's plan (the children of one EXPLAIN QUERY PLAN row) as one node.
  std::unique_ptr<ExplainNode> block(const std::vector<const RawNode*>& kids) {
    std::vector<std::unique_ptr<ExplainNode>> sources;  // row sources, joined left-deep
    std::vector<bool> left;
    std::vector<std::unique_ptr<ExplainNode>> initplans, subplans;
    std::vector<std::string> wrappers;  // USE TEMP B-TREE FOR ...
    std::map<std::string, std::unique_ptr<ExplainNode>> subqueries;  // CO-ROUTINE / MATERIALIZE name
    std::vector<std::pair<std::string, std::string>> pending;  // bloom filter of the next scan
    for (const RawNode* k : kids) {
      const std::string& d = k->detail;
      if (starts_with(d, "CO-ROUTINE ") || starts_with(d, "MATERIALIZE ")) {
        bool mat = starts_with(d, "MATERIALIZE ");
        std::string name = d.substr(mat ? 12 : 11);
        auto inner = block(k->kids);
        if (mat) {
          auto m = make("Materialize", d);
          m->children.push_back(std::move(inner));
          m->children.back()->relationship = "Outer";
          inner = std::move(m);
        }
        subqueries[name] = std::move(inner);
      } else if (starts_with(d, "SCAN ") || starts_with(d, "SEARCH ")) {
        bool lj = false;
        auto n = scan(d, lj);
        std::string name = d.substr(starts_with(d, "SCAN ") ? 5 : 7);
        size_t cut = name.find(' ');
        std::string key = cut == std::string::npos ? name : name.substr(0, cut);
        auto sq = subqueries.find(key);
        if (sq == subqueries.end()) sq = subqueries.find(name);
        if (sq == subqueries.end() && !cte.empty()) sq = subqueries.find(cte);
        if (sq != subqueries.end() && (n->type == "Seq Scan" || n->type == "CTE Scan")) {
          if (n->type == "CTE Scan") {
            sq->second->plan_name = "CTE " + n->relation;
            sq->second->relationship = "InitPlan";
            n->children.push_back(std::move(sq->second));
          } else if (key.rfind("(subquery-", 0) == 0) {
            // An unnamed subquery of the lowering: its plan stands for it.
            n = std::move(sq->second);
          } else {
            n->type = "Subquery Scan";
            sq->second->relationship = "Subquery";
            n->children.push_back(std::move(sq->second));
          }
          subqueries.erase(sq);
        }
        for (auto& p : pending) n->props.push_back(p);
        pending.clear();
        for (auto& c : k->kids) {  // rare: steps nested under a scan
          auto sub = block({c});
          sub->relationship = "SubPlan";
          n->children.push_back(std::move(sub));
        }
        sources.push_back(std::move(n));
        left.push_back(lj);
      } else if (starts_with(d, "BLOOM FILTER ON ")) {
        size_t open = d.find(" (");
        pending.push_back({"Bloom Filter", open == std::string::npos ? d.substr(16) : d.substr(open + 1)});
      } else if (starts_with(d, "USE TEMP B-TREE FOR ")) {
        wrappers.push_back(d);
      } else if (d.find("SCALAR SUBQUERY ") != std::string::npos || d.find("LIST SUBQUERY ") != std::string::npos) {
        if (starts_with(d, "REUSE ")) continue;
        bool correlated = starts_with(d, "CORRELATED ");
        auto sub = block(k->kids);
        std::string num = d.substr(d.rfind(' ') + 1);
        sub->plan_name = std::string(correlated ? "SubPlan " : "InitPlan ") + num;
        sub->relationship = correlated ? "SubPlan" : "InitPlan";
        (correlated ? subplans : initplans).push_back(std::move(sub));
      } else if (d == "COMPOUND QUERY") {
        auto n = make("Append", d);
        std::string op;
        for (const RawNode* arm : k->kids) {
          if (arm->detail != "LEFT-MOST SUBQUERY") op = arm->detail;
          auto member = block(arm->kids);
          member->relationship = "Member";
          n->children.push_back(std::move(member));
        }
        if (starts_with(op, "UNION USING")) {
          auto u = make("Unique");
          n->relationship = "Outer";
          u->children.push_back(std::move(n));
          n = std::move(u);
        } else if (starts_with(op, "EXCEPT") || starts_with(op, "INTERSECT")) {
          auto s = make(starts_with(op, "EXCEPT") ? "SetOp Except" : "SetOp Intersect");
          n->relationship = "Outer";
          s->children.push_back(std::move(n));
          n = std::move(s);
        }
        sources.push_back(std::move(n));
        left.push_back(false);
      } else if (d == "MULTI-INDEX OR") {
        auto n = make("BitmapOr", d);
        std::string relation, alias;
        for (const RawNode* arm : k->kids) {
          auto member = block(arm->kids);
          if (relation.empty()) relation = member->relation, alias = member->alias;
          if (member->type == "Index Scan" || member->type == "Index Only Scan") member->type = "Bitmap Index Scan";
          member->relation.clear();
          member->alias.clear();
          member->relationship = "Member";
          n->children.push_back(std::move(member));
        }
        auto heap = make("Bitmap Heap Scan");
        heap->relation = relation;
        heap->alias = alias;
        n->relationship = "Outer";
        heap->children.push_back(std::move(n));
        sources.push_back(std::move(heap));
        left.push_back(false);
      } else if (starts_with(d, "MERGE (")) {
        // A compound SELECT with ORDER BY, merged from sorted arms (LEFT, RIGHT).
        std::string op = d.substr(7, d.size() - 8);
        auto n = make("Merge Append", d);
        for (const RawNode* arm : k->kids) {
          auto member = block(arm->kids);
          member->relationship = "Member";
          n->children.push_back(std::move(member));
        }
        if (op != "UNION ALL") {
          auto u = make(op == "UNION" ? "Unique" : op == "EXCEPT" ? "SetOp Except" : "SetOp Intersect");
          n->relationship = "Outer";
          u->children.push_back(std::move(n));
          n = std::move(u);
        }
        sources.push_back(std::move(n));
        left.push_back(false);
      } else if (d == "SETUP" || d == "RECURSIVE STEP") {
        // WITH RECURSIVE: the two arms of a Recursive Union.
        bool was = in_recursive_step;
        in_recursive_step = d == "RECURSIVE STEP";
        auto arm = block(k->kids);
        in_recursive_step = was;
        arm->relationship = d == "SETUP" ? "Outer" : "Inner";
        if (d == "SETUP" || sources.empty() || sources.back()->type != "Recursive Union") {
          sources.push_back(make("Recursive Union"));
          left.push_back(false);
        }
        sources.back()->children.push_back(std::move(arm));
      } else if (d == "CREATE BLOOM FILTER" || starts_with(d, "RIGHT-JOIN ")) {
        continue;
      } else {
        auto n = make(d, d);  // a step with no PostgreSQL counterpart: SQLite's words
        for (auto& c : k->kids) {
          auto sub = block({c});
          sub->relationship = "Outer";
          n->children.push_back(std::move(sub));
        }
        sources.push_back(std::move(n));
        left.push_back(false);
      }
    }
    // A CTE or subquery materialized but not scanned by name here (a CTE used by a subplan).
    for (auto& [name, sq] : subqueries) {
      if (!sq) continue;
      sq->plan_name = "CTE " + name;
      sq->relationship = "InitPlan";
      initplans.push_back(std::move(sq));
    }
    std::unique_ptr<ExplainNode> root;
    if (sources.empty()) {
      root = make("Result");
    } else {
      root = std::move(sources[0]);
      for (size_t i = 1; i < sources.size(); i++) {
        auto nl = make(left[i] ? "Nested Loop Left Join" : "Nested Loop");
        nl->join_type = left[i] ? "Left" : "Inner";
        root->relationship = "Outer";
        sources[i]->relationship = "Inner";
        nl->children.push_back(std::move(root));
        nl->children.push_back(std::move(sources[i]));
        root = std::move(nl);
      }
    }
    for (auto& w : wrappers) {
      std::string what = w.substr(20);
      std::unique_ptr<ExplainNode> n;
      if (what.find("ORDER BY") != std::string::npos && what.find('(') == std::string::npos)
        n = make(starts_with(what, "LAST ") || starts_with(what, "RIGHT PART") ? "Incremental Sort" : "Sort", w);
      else if (what == "GROUP BY")
        n = make("GroupAggregate", w);
      else if (what == "DISTINCT")
        n = make("Unique", w);
      else {
        root->props.push_back({"SQLite", w});  // count(DISTINCT), ORDER BY of an aggregate, ...
        continue;
      }
      root->relationship = "Outer";
      n->children.push_back(std::move(root));
      root = std::move(n);
    }
    // PostgreSQL lists InitPlans before a node's children and SubPlans after them.
    std::vector<std::unique_ptr<ExplainNode>> children;
    for (auto& i : initplans) children.push_back(std::move(i));
    for (auto& c : root->children) children.push_back(std::move(c));
    for (auto& s : subplans) children.push_back(std::move(s));
    root->children = std::move(children);
    return root;
  }
};

}  // namespace

std::string explain_json_string(const std::string& s) {
  std::string out = "\"";
  for (unsigned char c : s) {
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\t': out += "\\t"; break;
      case '\r': out += "\\r"; break;
      case '\b': out += "\\b"; break;
      case '\f': out += "\\f"; break;
      default:
        if (c < 0x20) {
          char buf[8];
          std::snprintf(buf, sizeof buf, "\\u%04x", c);
          out += buf;
        } else {
          out += static_cast<char>(c);
        }
    }
  }
  return out + "\"";
}

namespace {

std::string json_string(const std::string& s) { return explain_json_string(s); }

bool is_modify(const std::string& t) { return t == "Insert" || t == "Update" || t == "Delete"; }

std::string node_line(const ExplainNode& n, const ExplainRenderOptions& opt) {
  std::string s = n.type;
  if (!n.index.empty()) s += " using " + n.index;
  if (!n.relation.empty()) {
    s += " on " + n.relation;
    if (!n.alias.empty() && n.alias != n.relation) s += " " + n.alias;
  } else if (!n.alias.empty()) {
    s += " on " + n.alias;
  }
  if (opt.analyze && n.loops >= 0) {
    if (n.loops == 0)
      s += " (never executed)";
    else
      s += " (actual rows=" + std::to_string((n.rows + n.loops / 2) / n.loops) + " loops=" + std::to_string(n.loops) + ")";
  }
  return s;
}

void text_node(const ExplainNode& n, const ExplainRenderOptions& opt, int indent, std::vector<std::string>& lines) {
  // explain.c: a plan name at the current indent (then one level more), "->  " below the
  // root (then two levels more), properties one level below the node's name.
  if (!n.plan_name.empty()) {
    lines.push_back(std::string(indent * 2, ' ') + n.plan_name);
    indent++;
  }
  std::string line;
  if (indent) {
    line = std::string(indent * 2, ' ') + "->  ";
    indent += 2;
  }
  lines.push_back(line + node_line(n, opt));
  indent++;
  std::string pad(indent * 2, ' ');
  for (auto& [k, v] : n.props) lines.push_back(pad + k + ": " + v);
  if (opt.verbose && !n.detail.empty()) lines.push_back(pad + "SQLite: " + n.detail);
  for (auto& c : n.children) text_node(*c, opt, indent, lines);
}

}  // namespace

std::unique_ptr<ExplainNode> build_explain_tree(const std::vector<SqlitePlanRow>& rows, const ExplainNames& names,
                                                const std::string& dml_root, const std::string& dml_relation) {
  std::map<int, RawNode> nodes;
  RawNode top;
  for (auto& r : rows) nodes[r.id].detail = r.detail;
  for (auto& r : rows) {
    auto parent = nodes.find(r.parent);
    (parent == nodes.end() || r.parent == r.id ? top : parent->second).kids.push_back(&nodes[r.id]);
  }
  Builder b{names};
  auto root = b.block(top.kids);
  if (!dml_root.empty()) {
    auto m = make(dml_root);
    m->relation = dml_relation;
    root->relationship = "Outer";
    // A statement with no row source (INSERT ... VALUES of one row) still shows its Result.
    m->children.push_back(std::move(root));
    root = std::move(m);
  }
  return root;
}

void render_explain_text(const ExplainNode& root, const ExplainRenderOptions& opt, std::vector<std::string>& lines) {
  text_node(root, opt, 0, lines);
}

std::string render_explain_json_node(const ExplainNode& n, const ExplainRenderOptions& opt, int indent) {
  std::string pad(indent, ' ');
  std::string out = "{\n";
  std::vector<std::pair<std::string, std::string>> f;  // key -> JSON value
  bool modify = is_modify(n.type);
  f.push_back({"Node Type", json_string(modify ? "ModifyTable" : n.type)});
  if (modify) f.push_back({"Operation", json_string(n.type)});
  if (!n.relationship.empty()) f.push_back({"Parent Relationship", json_string(n.relationship)});
  if (!n.plan_name.empty()) f.push_back({"Subplan Name", json_string(n.plan_name)});
  f.push_back({"Parallel Aware", "false"});
  f.push_back({"Async Capable", "false"});
  if (!n.join_type.empty()) f.push_back({"Join Type", json_string(n.join_type)});
  if (n.type == "Index Scan" || n.type == "Index Only Scan") f.push_back({"Scan Direction", json_string("Forward")});
  if (!n.index.empty()) f.push_back({"Index Name", json_string(n.index)});
  if (!n.relation.empty() && n.type != "Function Scan" && n.type != "Values Scan" && n.type != "Subquery Scan")
    f.push_back({"Relation Name", json_string(n.relation)});
  if (!n.relation.empty() || !n.alias.empty())
    f.push_back({"Alias", json_string(n.alias.empty() ? n.relation : n.alias)});
  if (opt.analyze && n.loops >= 0) {
    f.push_back({"Actual Rows", std::to_string(n.loops ? (n.rows + n.loops / 2) / n.loops : 0)});
    f.push_back({"Actual Loops", std::to_string(n.loops)});
  }
  for (auto& [k, v] : n.props) f.push_back({k, json_string(v)});
  if (!n.detail.empty()) f.push_back({"SQLite Detail", json_string(n.detail)});
  for (size_t i = 0; i < f.size(); i++) {
    out += pad + "  " + json_string(f[i].first) + ": " + f[i].second;
    if (i + 1 < f.size() || !n.children.empty()) out += ",";
    out += "\n";
  }
  if (!n.children.empty()) {
    out += pad + "  \"Plans\": [\n";
    for (size_t i = 0; i < n.children.size(); i++) {
      out += pad + "    " + render_explain_json_node(*n.children[i], opt, indent + 4);
      out += i + 1 < n.children.size() ? ",\n" : "\n";
    }
    out += pad + "  ]\n";
  }
  return out + pad + "}";
}

}  // namespace pgmicro
