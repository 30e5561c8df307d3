// PostgreSQL's match rules on top of the NFA simulation (regexec.c's find/cdissect):
// the match is the leftmost one, longest if the whole RE is greedy and shortest if it is
// non-greedy (9.7.3.5); then the subexpressions are dissected top-down with the overall span
// fixed: a concatenation gives each part in turn the longest (greedy part) or shortest
// (non-greedy part) extent that still lets the rest match, an alternation takes the first branch that matches
// the span, an iteration takes iterations longest-first (shortest-first when non-greedy) and
// reports the captures of the last one. Back-references are checked here; a pattern with
// them tries candidate spans until the dissection succeeds. Choice points are kept on
// explicit stacks; only the tree's nesting recurses (the parser caps it).
#include <algorithm>
#include "common/error.h"
#include "regex/regex_internal.h"

namespace pgmicro::regex {

std::shared_ptr<Regex> Regex::compile(std::u32string_view pattern, unsigned flags) {
  auto re = std::make_shared<Regex>();
  parse_pattern(*re, pattern, flags);
  re->cap_node.resize(re->ncap_, -1);
  re->prog_for(re->root, false);  // compile errors (size) surface now
  return re;
}

namespace {

using Caps = std::vector<std::pair<int64_t, int64_t>>;

class Dissector {
 public:
  Dissector(Regex& re, Runner& run, Caps& caps) : re_(re), run_(run), caps_(caps) {}

  bool matches(int node, size_t b, size_t e) {
    run_.ends(re_.prog_for(node, false), b, e, buf_);
    return buf_[e] != 0;
  }

  bool dissect(int id, size_t b, size_t e) {
    const Node& n = re_.nodes[id];
    run_.tick(1);
    switch (n.kind) {
      case Node::Group: {
        if (n.cap > 0) caps_[n.cap - 1] = {int64_t(b), int64_t(e)};
        const Node& c = re_.nodes[n.kids[0]];
        if (c.needs_dissect && !dissect(n.kids[0], b, e)) {
          reset(id);
          return false;
        }
        return true;
      }
      case Node::Alt:
        for (int k : n.kids) {
          if (!matches(k, b, e)) continue;
          if (!re_.nodes[k].needs_dissect || dissect(k, b, e)) return true;
          reset(k);
        }
        return false;
      case Node::Cat: return dissect_cat(id, b, e);
      case Node::Rep: return dissect_rep(id, b, e);
      case Node::Backref: {
        auto [cs, ce] = caps_[n.cap - 1];
        if (cs < 0) return false;
        if (size_t(ce - cs) != e - b) return false;
        const auto& t = run_.text();
        bool icase = re_.flags & kIcase;
        for (size_t k = 0; k < e - b; k++) {
          char32_t x = t[cs + k], y = t[b + k];
          if (x != y && !(icase && to_lower(x) == to_lower(y))) return false;
        }
        return true;
      }
      default: return true;
    }
  }

 private:
  Regex& re_;
  Runner& run_;
  Caps& caps_;
  std::vector<char> buf_, buf2_;

  void reset(int id) {
    const Node& n = re_.nodes[id];
    for (int c = n.cap_lo; c <= n.cap_hi; c++) caps_[c - 1] = {-1, -1};
  }

  // Split points q in [x, e] where child i of `cat` matches [x, q] and the rest [q, e], in
  // preference order.
  std::vector<size_t> split_points(int cat, size_t i, size_t x, size_t e) {
    const Node& n = re_.nodes[cat];
    std::vector<size_t> out;
    if (i + 1 == n.kids.size()) {
      out.push_back(e);
      return out;
    }
    run_.ends(re_.prog_for(n.kids[i], false), x, e, buf_);
    run_.ends(re_.suffix_prog(cat, i + 1), e, x, buf2_);
    for (size_t q = x; q <= e; q++)
      if (buf_[q] && buf2_[q]) out.push_back(q);
    // The left part's own preference decides (regexec.c's ccondissect/crevcondissect); a
    // part without one follows the concatenation's.
    Pref p = re_.nodes[n.kids[i]].pref;
    if (p == Pref::None) p = n.pref;
    if (p != Pref::NonGreedy) std::reverse(out.begin(), out.end());
    return out;
  }

  bool dissect_cat(int id, size_t b, size_t e) {
    const Node& n = re_.nodes[id];
    struct Frame { size_t at; std::vector<size_t> cands; size_t idx; };
    std::vector<Frame> st;
    st.push_back({b, split_points(id, 0, b, e), 0});
    while (!st.empty()) {
      size_t i = st.size() - 1;
      int kid = n.kids[i];
      bool need = re_.nodes[kid].needs_dissect;
      if (st[i].idx >= st[i].cands.size()) {
        if (need) reset(kid);
        st.pop_back();
        continue;
      }
      size_t q = st[i].cands[st[i].idx++];
      if (need && !dissect(kid, st[i].at, q)) {
        reset(kid);
        continue;
      }
      if (i + 1 == n.kids.size()) return true;
      // The rest of the children need no dissection: any split that matches will do.
      bool rest_plain = true;
      for (size_t k = i + 1; k < n.kids.size() && rest_plain; k++) rest_plain = !re_.nodes[n.kids[k]].needs_dissect;
      if (rest_plain) return true;
      st.push_back({q, split_points(id, i + 1, q, e), 0});
    }
    return false;
  }

  bool dissect_rep(int id, size_t b, size_t e) {
    const Node& n = re_.nodes[id];
    int c = n.kids[0];
    if (b == e) {
      // An empty span: zero iterations when allowed and the child is non-greedy, else one
      // empty iteration (what PostgreSQL reports: (a*)*? gives "", (x*?)* gives NULL).
      if (n.min == 0 && re_.nodes[c].pref == Pref::NonGreedy) return true;
      if (matches(c, b, b) && (n.max != 0)) return dissect(c, b, b);
      return n.min == 0;
    }
    struct Frame { size_t at; std::vector<size_t> cands; size_t idx; };
    // Candidate ends of the k-th iteration (1-based) starting at x; an empty iteration only
    // while the minimum count is not reached (regexec.c's citerdissect).
    auto cands = [&](size_t x, int k) {
      run_.ends(re_.prog_for(c, false), x, e, buf_);
      std::vector<size_t> out;
      for (size_t q = x + 1; q <= e; q++)
        if (buf_[q]) out.push_back(q);
      if (n.greedy) std::reverse(out.begin(), out.end());
      if (k < n.min && buf_[x]) out.push_back(x);
      return out;
    };
    std::vector<Frame> st;
    st.push_back({b, cands(b, 1), 0});
    while (!st.empty()) {
      size_t i = st.size() - 1;
      if (st[i].idx >= st[i].cands.size()) {
        st.pop_back();
        continue;
      }
      size_t q = st[i].cands[st[i].idx++];
      int count = int(st.size());
      if (q == e) {
        bool ok = count >= n.min || matches(c, e, e);
        if (!ok) continue;
        bool all = true;
        for (size_t k = 0; k < st.size() && all; k++) {
          size_t to = k + 1 < st.size() ? st[k + 1].at : e;
          reset(c);  // each iteration starts with its groups unset (PostgreSQL keeps the last one's)
          all = dissect(c, st[k].at, to);
        }
        if (all) return true;
        reset(c);
        continue;
      }
      if (n.max >= 0 && count >= n.max) continue;
      st.push_back({q, cands(q, count + 1), 0});
    }
    return false;
  }
};

}  // namespace

bool search(Regex& re, const std::u32string& text, size_t from, bool captures, Match& m, const Poll& poll) {
  if (from > text.size()) return false;
  Runner run(re, text, poll);
  const Node& root = re.nodes[re.root];
  bool longest = root.pref != Pref::NonGreedy;
  int prog = re.prog_for(re.root, false);
  m.groups.assign(re.ncaptures(), {-1, -1});
  Dissector d(re, run, m.groups);
  if (!re.has_backref) {
    if (!run.search(prog, from, longest, m.start, m.end)) return false;
    if (captures && root.needs_dissect) d.dissect(re.root, size_t(m.start), size_t(m.end));
    return true;
  }
  std::vector<char> ends;
  for (size_t s0 = from; s0 <= text.size();) {
    int64_t s, e;
    if (!run.search(prog, s0, longest, s, e)) return false;
    run.ends(prog, size_t(s), text.size(), ends);
    std::vector<size_t> order;
    for (size_t q = size_t(s); q <= text.size(); q++)
      if (ends[q]) order.push_back(q);
    if (longest) std::reverse(order.begin(), order.end());
    for (size_t q : order) {
      m.groups.assign(re.ncaptures(), {-1, -1});
      if (d.dissect(re.root, size_t(s), q)) {
        m.start = s;
        m.end = int64_t(q);
        if (!captures) m.groups.assign(re.ncaptures(), {-1, -1});
        return true;
      }
    }
    s0 = size_t(s) + 1;
  }
  return false;
}

}  // namespace pgmicro::regex
