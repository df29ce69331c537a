#pragma once
// Reading the append-only audit log (bureau and admin; checked by the caller's route).
#include <vector>

#include "server/store/audit_store.hpp"
#include "server/store/db_pool.hpp"

namespace yeyou::services {

class AuditService {
 public:
  explicit AuditService(store::DbPool& pool) : pool_(pool) {}
  std::vector<store::AuditEntry> entries(const store::AuditQuery& q) { return store::query_audit(pool_.get(), q); }

 private:
  store::DbPool& pool_;
};

}  // namespace yeyou::services
