#include "server/services/notice_service.hpp"

#include "server/services/service_errors.hpp"
#include "server/store/audit_store.hpp"
#include "server/store/content_store.hpp"
#include "server/store/notice_store.hpp"

namespace yeyou::services {

static void require_bureau(const Principal& who) {
  if (!who.has_role(Role::bureau)) throw Forbidden("only bureau users issue notices");
}

Notice NoticeService::issue(const Principal& who, Notice n, Timestamp now) {
  require_bureau(who);
  n.issued_by = who.actor();
  auto& db = pool_.get();
  store::Transaction tx(db);
  if (n.target == NoticeTarget::venue) {
    bool numeric = n.target_id.size() <= 10 && n.target_id.find_first_not_of("0123456789") == std::string::npos;
    if (!numeric || !store::find_venue(db, std::stoll(n.target_id)))
      throw ValidationError("target.id", "no venue with this id");
  } else if (n.target == NoticeTarget::district) {
    if (!store::district_exists(db, n.target_id)) throw ValidationError("target.id", "no district with this id");
  }
  n.id = store::insert_notice(db, n, now);
  store::append_audit(db, {0, now, who.actor(), "issue", "notice", std::to_string(n.id), nullptr, to_json(n), ""});
  tx.commit();
  return n;
}

Notice NoticeService::expire(const Principal& who, std::int64_t id, Timestamp now) {
  require_bureau(who);
  auto& db = pool_.get();
  store::Transaction tx(db);
  auto before = store::find_notice(db, id);
  if (!before) throw NotFound("no notice " + std::to_string(id));
  store::end_notice(db, id, now);
  auto after = *store::find_notice(db, id);
  store::append_audit(db, {0, now, who.actor(), "expire", "notice", std::to_string(id), to_json(*before),
                           to_json(after), ""});
  tx.commit();
  return after;
}

std::vector<Notice> NoticeService::active(Timestamp now, const std::optional<std::string>& district,
                                          const std::optional<std::string>& venue) {
  auto all = store::active_notices(pool_.get(), now);
  if (!district && !venue) return all;
  std::vector<Notice> out;
  for (auto& n : all) {
    bool reaches = n.target == NoticeTarget::all || (district && n.target == NoticeTarget::district && n.target_id == *district) ||
                   (venue && n.target == NoticeTarget::venue && n.target_id == *venue);
    if (reaches) out.push_back(std::move(n));
  }
  return out;
}

}  // namespace yeyou::services
