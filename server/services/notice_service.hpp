#pragma once
// Broadcast notices from the bureau to all kiosks, a district's or a venue's.
#include <vector>

#include "core/notice.hpp"
#include "server/services/principal.hpp"
#include "server/store/db_pool.hpp"

namespace yeyou::services {

class NoticeService {
 public:
  explicit NoticeService(store::DbPool& pool) : pool_(pool) {}
  // Bureau only; the target must exist. Audited. Returns `n` as stored.
  Notice issue(const Principal& who, Notice n, Timestamp now);
  // Ends a notice now. Bureau only.
  Notice expire(const Principal& who, std::int64_t id, Timestamp now);
  // Active notices, optionally only those that reach a district / venue.
  std::vector<Notice> active(Timestamp now, const std::optional<std::string>& district = std::nullopt,
                             const std::optional<std::string>& venue = std::nullopt);

 private:
  store::DbPool& pool_;
};

}  // namespace yeyou::services
