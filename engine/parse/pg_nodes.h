// Includes libpg_query's PostgreSQL node headers for the translation units that walk the
// raw parse tree (and only those). PostgreSQL's headers define macros that collide with
// the C++ standard library, so include this after all standard headers and undo them.
#pragma once
extern "C" {
#include "postgres.h"
#include "nodes/parsenodes.h"
#include "nodes/pg_list.h"
#include "nodes/value.h"
#include "pg_query.h"
#include "pg_query_internal.h"
}
#undef printf
#undef fprintf
#undef sprintf
#undef snprintf
#undef vsnprintf
#undef vfprintf
#undef strerror
#undef gettext
#undef dgettext
#undef ngettext
#undef _
#undef Min
#undef Max
#undef Abs
#undef Assert
#undef elog
#undef foreach
#undef gettext_noop
#undef StrNCpy
#undef swap

namespace pgmicro {

// Iterates a PostgreSQL List of node pointers.
template <class F>
inline void for_each_node(const List* list, F&& f) {
  if (!list) return;
  for (int i = 0; i < list->length; i++) f(static_cast<Node*>(list->elements[i].ptr_value));
}
inline int list_size(const List* l) { return l ? l->length : 0; }
inline Node* list_at(const List* l, int i) { return static_cast<Node*>(l->elements[i].ptr_value); }

}  // namespace pgmicro
