#pragma once
// Ingests complaints from kiosks idempotently: the complaint's UUID is the
// key, the kiosk-assigned tracking number is accepted as given but must be
// unique. Same key + same payload → the stored complaint; same key with a
// different payload, or a tracking number another complaint holds → Conflict.
#include "core/feedback.hpp"
#include "server/services/contact_vault.hpp"
#include "server/services/feedback_intake.hpp"
#include "server/store/db_pool.hpp"
#include "server/store/group_commit.hpp"

namespace yeyou::services {

struct ComplaintReceipt {
  Complaint complaint;  // as stored
  std::string kiosk_id;
  Timestamp received_at{};
  bool created = false;  // false when this was a retry of a stored complaint
};

class ComplaintService {
 public:
  ComplaintService(store::GroupCommitter& writer, const ContactVault& vault, FeedbackIntake& intake)
      : writer_(writer), vault_(vault), intake_(intake) {}
  // Checks that a venue or event subject exists and stores the decoded
  // complaint. Retries and conflicts count as duplicates refused for `kiosk_id`.
  ComplaintReceipt submit(Complaint c, const std::string& kiosk_id, Timestamp now);

 private:
  store::GroupCommitter& writer_;
  const ContactVault& vault_;
  FeedbackIntake& intake_;
};

}  // namespace yeyou::services
