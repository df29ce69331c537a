#include "server/services/complaint_service.hpp"

#include "server/services/rating_service.hpp"
#include "server/services/service_errors.hpp"
#include "server/store/complaint_store.hpp"
#include "server/store/kiosk_store.hpp"

namespace yeyou::services {

ComplaintReceipt ComplaintService::submit(const Json& body, const std::string& kiosk_id, Timestamp now) {
  Complaint c = complaint_from_json(body);
  std::string hash = payload_hash(to_json(c));
  auto& db = pool_.get();
  store::Transaction tx(db);
  if (auto existing = store::find_complaint(db, vault_, c.id)) {
    store::count_duplicate(db, kiosk_id, "complaint");
    tx.commit();
    if (existing->payload_hash != hash)
      throw Conflict("complaint " + c.id + " was already received with a different payload");
    return {existing->complaint, existing->kiosk_id, existing->received_at, false};
  }
  if (store::complaint_id_for_tracking_no(db, c.tracking_no)) {
    store::count_duplicate(db, kiosk_id, "complaint");
    tx.commit();
    throw Conflict("tracking number " + c.tracking_no + " already belongs to another complaint");
  }
  check_subject_exists(db, c.subject);
  store::insert_complaint(db, vault_, c, kiosk_id, now, hash);
  intake_.on_complaint(db, c, now);
  tx.commit();
  return {c, kiosk_id, now, true};
}

}  // namespace yeyou::services
