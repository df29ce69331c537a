#pragma once
// The append-only audit log (triggers refuse UPDATE and DELETE).
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/json_reader.hpp"
#include "core/time.hpp"
#include "server/store/db.hpp"

namespace yeyou::store {

struct AuditEntry {
  std::int64_t id = 0;
  Timestamp at{};
  std::string actor;
  std::string action;
  std::string object_kind;
  std::string object_id;
  Json before;  // null when the object did not exist
  Json after;   // null when the object was removed
  std::string note;
};

void append_audit(Db& db, const AuditEntry& e);

struct AuditQuery {
  std::optional<std::string> object_kind;
  std::optional<std::string> object_id;
  std::optional<std::string> actor;
  std::int64_t before_id = 0;  // paging: entries with id < before_id (0 = newest)
  int limit = 100;
};
// Newest first.
std::vector<AuditEntry> query_audit(Db& db, const AuditQuery& q);

}  // namespace yeyou::store
