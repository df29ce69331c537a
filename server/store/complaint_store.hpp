#pragma once
// Complaints keyed by the kiosk's UUID, with the kiosk-assigned tracking
// number unique fleet-wide. Rows are never deleted: the idempotency keys are
// kept forever.
#include <optional>
#include <string>

#include "core/feedback.hpp"
#include "server/store/contact_codec.hpp"
#include "server/store/db.hpp"

namespace yeyou::store {

struct StoredComplaint {
  Complaint complaint;
  std::string kiosk_id;
  Timestamp received_at{};
  std::string payload_hash;
};

// Inserts; throws DbError (constraint) when the id or tracking number exists.
// `sealed` is seal_body(codec, to_json(c)).
void insert_complaint(Db& db, const Complaint& c, const SealedBody& sealed, const std::string& kiosk_id,
                      Timestamp received_at, const std::string& payload_hash);
std::optional<StoredComplaint> find_complaint(Db& db, const ContactCodec& codec, const std::string& id);
// The id of the complaint holding this tracking number, if any.
std::optional<std::string> complaint_id_for_tracking_no(Db& db, const std::string& tracking_no);
std::int64_t count_complaints(Db& db);

}  // namespace yeyou::store
