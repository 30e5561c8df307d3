// Uncommitted enum labels (see enum_uncommitted.h).
#include "types/enum_uncommitted.h"
#include <map>
#include <mutex>
#include <set>
#include <utility>
#include "common/error.h"

namespace pgmicro {

namespace {
std::mutex g_mutex;
std::map<const UserTypes*, std::set<std::pair<Oid, std::string>>> g_labels;
}  // namespace

void note_uncommitted_enum_label(const UserTypes* session, Oid type, const std::string& label) {
  std::lock_guard<std::mutex> lock(g_mutex);
  g_labels[session].insert({type, label});
}

void forget_uncommitted_enum_labels(const UserTypes* session) {
  std::lock_guard<std::mutex> lock(g_mutex);
  g_labels.erase(session);
}

void check_enum_label_committed(const UserType& t, std::string_view label) {
  const UserTypes* session = current_user_types();
  if (!session) return;
  std::lock_guard<std::mutex> lock(g_mutex);
  if (g_labels.empty()) return;
  auto it = g_labels.find(session);
  if (it == g_labels.end() || !it->second.count({t.oid, std::string(label)})) return;
  throw PgError("55P04", "unsafe use of new value \"" + std::string(label) + "\" of enum type " + t.name, "",
                "New enum values must be committed before they can be used.");
}

}  // namespace pgmicro
