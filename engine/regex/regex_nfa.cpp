// Syntax tree -> NFA program, and the Pike-VM simulation that runs it: every thread is a
// program counter (plus the start position in searches), duplicates at one position are
// dropped, so a pass costs O(program × text) whatever the pattern — (a*)*b cannot go
// exponential. Epsilon closures use an explicit stack. A back-reference is compiled as a
// copy of its group (the language it can match); regex_match.cpp checks the text.
#include <algorithm>
#include "common/error.h"
#include "regex/regex_internal.h"

namespace pgmicro::regex {

namespace {

constexpr size_t kMaxProgram = 100000;  // instructions; beyond: "too complex"

struct Compiler {
  Regex& re;
  Program& out;
  bool reverse;
  int depth = 0;

  int emit(Inst in) {
    if (out.code.size() >= kMaxProgram) regex_error("regular expression is too complex");
    out.code.push_back(in);
    return int(out.code.size() - 1);
  }

  void node(int id) {
    if (++depth > 200) regex_error("regular expression is too complex");
    const Node& n = re.nodes[id];
    switch (n.kind) {
      case Node::Empty: break;
      case Node::Char: {
        char32_t c = n.ch;
        bool icase = (re.flags & kIcase) && (to_lower(c) != c || to_upper(c) != c);
        emit({icase ? Op::CharI : Op::Char, 0, int(icase ? to_lower(c) : c)});
        break;
      }
      case Node::Set: emit({Op::Set, 0, n.set}); break;
      case Node::Any: emit({(re.flags & kNlStop) ? Op::AnyNoNl : Op::Any}); break;
      case Node::Cat: {
        // PostgreSQL's compile-space limit: a long run of optional items (x*y*z*…) makes
        // its empty-arc closure quadratic and fails near 1,550 items; so does ours.
        size_t run = 0, longest = 0;
        for (int k : n.kids) {
          const Node& c = re.nodes[k];
          run = c.kind == Node::Rep && c.min == 0 ? run + 1 : 0;
          longest = std::max(longest, run);
        }
        if (longest >= 1550) regex_error("regular expression is too complex");
      }
        if (reverse)
          for (size_t k = n.kids.size(); k-- > 0;) node(n.kids[k]);
        else
          for (int k : n.kids) node(k);
        break;
      case Node::Alt: {
        std::vector<int> jumps;
        for (size_t k = 0; k < n.kids.size(); k++) {
          int split = -1;
          if (k + 1 < n.kids.size()) split = emit({Op::Split});
          if (split >= 0) out.code[split].x = split + 1;
          node(n.kids[k]);
          if (k + 1 < n.kids.size()) {
            jumps.push_back(emit({Op::Jmp}));
            out.code[split].y = int(out.code.size());
          }
        }
        for (int j : jumps) out.code[j].x = int(out.code.size());
        break;
      }
      case Node::Group: node(n.kids[0]); break;
      case Node::Rep: {
        for (int k = 0; k < n.min; k++) node(n.kids[0]);
        if (n.max < 0) {
          int split = emit({Op::Split});
          out.code[split].x = split + 1;
          node(n.kids[0]);
          emit({Op::Jmp, 0, split});
          out.code[split].y = int(out.code.size());
        } else {
          std::vector<int> splits;
          for (int k = n.min; k < n.max; k++) {
            int split = emit({Op::Split});
            out.code[split].x = split + 1;
            splits.push_back(split);
            node(n.kids[0]);
          }
          for (int s : splits) out.code[s].y = int(out.code.size());
        }
        break;
      }
      case Node::Backref: node(re.cap_node[n.cap - 1]); break;
      case Node::Constraint: emit({Op::Assert, uint8_t(n.assert_kind)}); break;
      case Node::Look: emit({Op::Look, 0, id}); break;
    }
    depth--;
  }
};

}  // namespace

void compile_node(Regex& re, int node, bool reverse, Program& out) {
  out.reverse = reverse;
  Compiler c{re, out, reverse};
  c.node(node);
  c.emit({Op::Match});
}

int Regex::prog_for(int node, bool reverse) {
  auto& slot = reverse ? rev_prog : fwd_prog;
  if (slot.size() < nodes.size()) slot.resize(nodes.size(), -1);
  if (slot[node] < 0) {
    auto p = std::make_unique<Program>();
    compile_node(*this, node, reverse, *p);
    progs.push_back(std::move(p));
    slot[node] = int(progs.size() - 1);
  }
  return slot[node];
}

// Reversed program of a concatenation's children from `from` on.
int Regex::suffix_prog(int cat, size_t from) {
  if (suffix_rev_prog.size() < nodes.size()) suffix_rev_prog.resize(nodes.size());
  auto& v = suffix_rev_prog[cat];
  if (v.size() < nodes[cat].kids.size()) v.resize(nodes[cat].kids.size(), -1);
  if (v[from] < 0) {
    auto p = std::make_unique<Program>();
    p->reverse = true;
    Compiler c{*this, *p, true};
    for (size_t k = nodes[cat].kids.size(); k-- > from;) c.node(nodes[cat].kids[k]);
    c.emit({Op::Match});
    progs.push_back(std::move(p));
    v[from] = int(progs.size() - 1);
  }
  return v[from];
}

Regex::~Regex() = default;

// --- simulation ----------------------------------------------------------------

void Runner::tick(size_t n) {
  steps_ += n;
  if (steps_ >= next_poll_) {
    next_poll_ = steps_ + (1 << 14);
    if (poll_) poll_();
  }
}

bool Runner::assert_at(Assert a, size_t p) const {
  size_t n = t_.size();
  bool nl = re_.flags & kNlAnchor;
  switch (a) {
    case Assert::Bol: return p == 0 || (nl && t_[p - 1] == '\n');
    case Assert::Eol: return p == n || (nl && t_[p] == '\n');
    case Assert::StrStart: return p == 0;
    case Assert::StrEnd: return p == n;
    default: break;
  }
  bool before = p > 0 && is_word_char(t_[p - 1]);
  bool after = p < n && is_word_char(t_[p]);
  switch (a) {
    case Assert::WordBound: return before != after;
    case Assert::NotWordBound: return before == after;
    case Assert::WordStart: return !before && after;
    case Assert::WordEnd: return before && !after;
    default: return false;
  }
}

bool Runner::look_at(int node, size_t p) {
  const Node& n = re_.nodes[node];
  int prog = re_.prog_for(n.kids[0], false);
  bool hit;
  if (n.ahead) {
    std::vector<int8_t>* cache = nullptr;
    for (auto& e : ahead_cache_)
      if (e.first == node) cache = &e.second;
    if (!cache) {
      ahead_cache_.push_back({node, std::vector<int8_t>(t_.size() + 1, -1)});
      cache = &ahead_cache_.back().second;
    }
    if ((*cache)[p] < 0) {
      int64_t s, e;
      (*cache)[p] = run(*re_.progs[prog], Mode::AnyEnd, p, t_.size(), true, s, e, nullptr) ? 1 : 0;
    }
    hit = (*cache)[p] == 1;
  } else {
    std::vector<char>* table = nullptr;
    for (auto& e : behind_cache_)
      if (e.first == node) table = &e.second;
    if (!table) {
      behind_cache_.push_back({node, std::vector<char>(t_.size() + 1, 0)});
      table = &behind_cache_.back().second;
      int64_t s, e;
      run(*re_.progs[prog], Mode::AllEnds, 0, t_.size(), true, s, e, table);
    }
    hit = (*table)[p] != 0;
  }
  return hit != n.neg;
}

bool Runner::char_ok(const Inst& in, char32_t c) const {
  switch (in.op) {
    case Op::Char: return c == char32_t(in.x);
    case Op::CharI: return to_lower(c) == char32_t(in.x) || to_upper(c) == to_upper(char32_t(in.x));
    case Op::Any: return true;
    case Op::AnyNoNl: return c != '\n';
    case Op::Set: {
      const CharSet& s = re_.sets[in.x];
      bool hit = s.contains(c);
      if (!hit && (re_.flags & kIcase)) hit = s.contains(to_lower(c)) || s.contains(to_upper(c));
      if (s.negated) return !hit && !(c == '\n' && (re_.flags & kNlStop));
      return hit;
    }
    default: return false;
  }
}

bool Runner::search(int prog, size_t from, bool longest, int64_t& start, int64_t& end) {
  return run(*re_.progs[prog], Mode::Search, from, t_.size(), longest, start, end, nullptr);
}

void Runner::ends(int prog, size_t begin, size_t limit, std::vector<char>& out) {
  out.assign(t_.size() + 1, 0);
  int64_t s, e;
  run(*re_.progs[prog], Mode::Ends, begin, limit, true, s, e, &out);
}

bool Runner::run(const Program& prog, Mode mode, size_t begin, size_t limit, bool longest, int64_t& best_start,
                 int64_t& best_end, std::vector<char>* marks) {
  const auto& code = prog.code;
  std::vector<uint32_t> mark(code.size(), 0);
  uint32_t gen = 0;
  std::vector<Thread> clist, nlist, stack;
  best_start = -1;
  best_end = -1;
  bool found = false, stop = false;
  bool inject_all = mode == Mode::Search || mode == Mode::AllEnds;
  bool back = prog.reverse;

  auto add = [&](std::vector<Thread>& list, int pc0, int64_t start, size_t p) {
    stack.push_back({pc0, start});
    while (!stack.empty()) {
      Thread th = stack.back();
      stack.pop_back();
      if (mark[th.pc] == gen) continue;
      mark[th.pc] = gen;
      const Inst& in = code[th.pc];
      switch (in.op) {
        case Op::Jmp: stack.push_back({in.x, th.start}); break;
        case Op::Split:
          stack.push_back({in.y, th.start});
          stack.push_back({in.x, th.start});
          break;
        case Op::Assert:
          if (assert_at(Assert(in.arg8), p)) stack.push_back({th.pc + 1, th.start});
          break;
        case Op::Look:
          if (look_at(in.x, p)) stack.push_back({th.pc + 1, th.start});
          break;
        case Op::Match:
          switch (mode) {
            case Mode::Search:
              if (!found || th.start < best_start) {
                best_start = th.start;
                best_end = int64_t(p);
                found = true;
              } else if (th.start == best_start && longest) {
                best_end = int64_t(p);
              }
              break;
            case Mode::AnyEnd:
              found = stop = true;
              break;
            default:
              (*marks)[p] = 1;
              found = true;
              break;
          }
          break;
        default: list.push_back(th); break;
      }
    }
  };

  size_t p = begin;
  gen++;
  if (!inject_all) add(clist, 0, int64_t(begin), p);
  for (;;) {
    if (inject_all && !(mode == Mode::Search && found)) add(clist, 0, int64_t(p), p);
    if (stop) break;
    if (mode == Mode::Search && found) {
      // Only threads that can still give a more leftmost (or, longest, a longer) match live.
      size_t k = 0;
      for (auto& th : clist)
        if (th.start < best_start || (th.start == best_start && longest)) clist[k++] = th;
      clist.resize(k);
    }
    if (clist.empty() && (!inject_all || (mode == Mode::Search && found))) break;
    if (p == limit) break;
    char32_t c = back ? t_[p - 1] : t_[p];
    size_t np = back ? p - 1 : p + 1;
    gen++;
    if (gen == 0) {
      std::fill(mark.begin(), mark.end(), 0);
      gen = 1;
    }
    nlist.clear();
    for (auto& th : clist)
      if (char_ok(code[th.pc], c)) add(nlist, th.pc + 1, th.start, np);
    tick(clist.size() + 1);
    std::swap(clist, nlist);
    p = np;
  }
  return found;
}

}  // namespace pgmicro::regex
