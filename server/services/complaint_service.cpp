#include "server/services/complaint_service.hpp"

#include "server/services/rating_service.hpp"
#include "server/services/service_errors.hpp"
#include "server/store/complaint_store.hpp"
#include "server/store/kiosk_store.hpp"

namespace yeyou::services {

ComplaintReceipt ComplaintService::submit(Complaint c, const std::string& kiosk_id, Timestamp now) {
  Json canonical = to_json(c);  // core's encoding: what is hashed and sealed
  std::string hash = payload_hash(canonical.dump());
  // Everything that needs no database is done here, not on the single writer.
  auto sealed = store::seal_body(vault_, std::move(canonical));
  auto draft = intake_.prepare(c, now);
  // Runs in the writer's next batch: durable (fsync'd) when this returns.
  std::string conflict;
  auto receipt = writer_.run([&](store::Db& db) -> ComplaintReceipt {
    // May run twice (see GroupCommitter::run): outputs set afresh, the draft copied.
    conflict.clear();
    auto case_draft = draft;
    if (auto existing = store::find_complaint(db, vault_, c.id)) {
      store::count_duplicate(db, kiosk_id, "complaint");
      if (existing->payload_hash != hash) conflict = "complaint " + c.id + " was already received with a different payload";
      return {existing->complaint, existing->kiosk_id, existing->received_at, false};
    }
    if (store::complaint_id_for_tracking_no(db, c.tracking_no)) {
      store::count_duplicate(db, kiosk_id, "complaint");
      conflict = "tracking number " + c.tracking_no + " already belongs to another complaint";
      return {};
    }
    check_subject_exists(db, c.subject);
    store::insert_complaint(db, c, sealed, kiosk_id, now, hash);
    store::count_stored(db, kiosk_id, "complaint");
    intake_.on_complaint(db, case_draft, now);
    return {c, kiosk_id, now, true};
  });
  if (!conflict.empty()) throw Conflict(conflict);
  return receipt;
}

}  // namespace yeyou::services
