#include "server/services/sync_service.hpp"

#include <map>
#include <optional>

#include "server/store/content_store.hpp"
#include "server/store/kiosk_store.hpp"

namespace yeyou::services {
namespace {

// Decides whether a notice change reaches the kiosk; looks venues up once per page.
class NoticeFilter {
 public:
  NoticeFilter(store::Db& db, const Principal& kiosk) : db_(db), kiosk_(kiosk) {}

  bool reaches(const store::Change& c) {
    if (c.deleted || !c.body.is_object()) return true;  // a delete carries no target: harmless to send
    const Json& target = c.body.value("target", Json::object());
    std::string kind = target.value("kind", "all");
    if (kind == "all") return true;
    if (!kiosk_.district) return false;
    std::string id = target.contains("id") && target["id"].is_string() ? target["id"].get<std::string>() : "";
    if (kind == "district") return id == *kiosk_.district;
    if (kind == "venue") return venue_district(id) == kiosk_.district;
    return false;
  }

 private:
  std::optional<std::string> venue_district(const std::string& id) {
    auto it = cache_.find(id);
    if (it != cache_.end()) return it->second;
    std::optional<std::string> district;
    bool numeric = !id.empty() && id.size() <= 10 && id.find_first_not_of("0123456789") == std::string::npos;
    if (numeric)
      if (auto v = store::find_venue(db_, std::stoll(id))) district = v->district;
    cache_[id] = district;
    return district;
  }

  store::Db& db_;
  const Principal& kiosk_;
  std::map<std::string, std::optional<std::string>> cache_;
};

}  // namespace

SyncPage SyncService::content(const Principal& kiosk, std::int64_t cursor, int limit) {
  return page(kiosk, cursor, limit, false);
}

SyncPage SyncService::live(const Principal& kiosk, std::int64_t cursor, int limit) {
  return page(kiosk, cursor, limit, true);
}

SyncPage SyncService::page(const Principal& kiosk, std::int64_t cursor, int limit, bool live_only) {
  auto& db = pool_.get();
  SyncPage out;
  std::int64_t current = store::current_version(db);
  if (cursor > current) {  // the server's feed was rebuilt: start over
    cursor = 0;
    out.reset = true;
  }
  auto raw = store::changes_since(db, cursor, limit + 1, live_only);
  out.more = static_cast<int>(raw.size()) > limit;
  if (out.more) raw.pop_back();
  out.unchanged = raw.empty() && !out.reset;
  out.cursor = raw.empty() ? cursor : raw.back().version;
  NoticeFilter notices(db, kiosk);
  for (auto& c : raw) {
    if (c.kind == "notice" && !notices.reaches(c)) continue;
    out.changes.push_back(std::move(c));
  }
  return out;
}

}  // namespace yeyou::services
