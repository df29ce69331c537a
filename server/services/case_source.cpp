#include "server/services/case_service.hpp"
#include "server/store/complaint_store.hpp"
#include "server/store/rating_store.hpp"

namespace yeyou::services {

void CaseService::check_in_scope(const Principal& who, std::int64_t id) { load_for(who, pool_.get(), id); }

CaseSource CaseService::source(const Principal& who, std::int64_t id) {
  auto& db = pool_.get();
  auto row = load_for(who, db, id);
  CaseSource out;
  out.case_id = row.id;
  out.kind = row.kind;
  if (row.complaint_id) {
    if (auto c = store::find_complaint(db, vault_, *row.complaint_id)) {
      out.text = c->complaint.text;
      out.category = c->complaint.category;
      out.created_at = c->complaint.created_at;
    }
  } else if (row.rating_id) {
    if (auto r = store::find_rating(db, vault_, *row.rating_id)) {
      out.text = r->rating.comment;
      out.level = r->rating.level;
      out.reasons = r->rating.reasons;
      out.channel = r->rating.channel;
      out.created_at = r->rating.created_at;
    }
  }
  return out;
}

}  // namespace yeyou::services
