// A sequence in FROM: PostgreSQL shows its row (last_value bigint, log_cnt bigint, is_called
// boolean). Each column is a volatile call of pg_sequence_state(oid, column) so that it reads
// the sequence state shared by the database's sessions when the statement runs.
#include "analyze/sequence_relation.h"
#include "analyze/analyzer.h"
#include "catalog/catalog.h"
#include "parse/parser.h"
#include "parse/pg_nodes.h"

namespace pgmicro {

static const char* const kSequenceStateTemp = "pg_sequence_state (temporary)";

std::shared_ptr<SelectQuery> sequence_relation_query(Catalog& catalog, const SequenceDef& s) {
  ParsedScript ps("SELECT 0::pg_catalog.int8 AS last_value, 0::pg_catalog.int8 AS log_cnt, false AS is_called");
  std::vector<Oid> no_params;
  Analyzer a(catalog, no_params);
  std::shared_ptr<SelectQuery> q(a.analyze_select(reinterpret_cast<SelectStmt*>(ps.statements()[0].raw->stmt)));
  for (size_t i = 0; i < q->targets.size(); i++) {
    auto e = std::make_shared<Expr>();
    e->kind = ExprKind::Call;
    e->name = s.schema == kTempSchema ? kSequenceStateTemp : "pg_sequence_state";
    e->type = q->targets[i].expr->type;
    e->volatile_ = true;
    e->templ = "pg_sequence_state(" + std::to_string(s.oid) + ", " + std::to_string(i) + ")";
    auto name = std::make_shared<Expr>();  // not lowered (the template names the OID): for pg_get_viewdef
    name->kind = ExprKind::Const;
    name->type = oid::kText;
    name->value = Datum::text(s.name);
    e->args = {name};
    q->targets[i].expr = e;
  }
  return q;
}

const std::string* sequence_relation_name(const SelectQuery& q) {
  if (q.targets.size() != 3 || q.targets[0].name != "last_value") return nullptr;
  const Expr& e = *q.targets[0].expr;
  if (e.kind != ExprKind::Call || e.templ.rfind("pg_sequence_state(", 0) != 0 || e.args.size() != 1) return nullptr;
  return &e.args[0]->value.s;
}

bool is_temp_sequence_state(const Expr& e) { return e.kind == ExprKind::Call && e.name == kSequenceStateTemp; }

}  // namespace pgmicro
