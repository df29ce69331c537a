#include "server/store/complaint_store.hpp"

namespace yeyou::store {

void insert_complaint(Db& db, const Complaint& c, const SealedBody& sealed, const std::string& kiosk_id,
                      Timestamp received_at, const std::string& payload_hash) {
  Stmt s(db,
         "INSERT INTO complaints(id, tracking_no, kiosk_id, subject_kind, subject_id, category, created_at, "
         "received_at, body, contact_json, payload_hash) VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)");
  s.bind(1, c.id).bind(2, c.tracking_no).bind(3, kiosk_id).bind(4, name_of(c.subject.kind)).bind(5, c.subject.id);
  s.bind(6, name_of(c.category)).bind(7, c.created_at.time_since_epoch().count());
  s.bind(8, received_at.time_since_epoch().count()).bind(9, sealed.body).bind(10, sealed.contact);
  s.bind(11, payload_hash).run();
}

std::optional<StoredComplaint> find_complaint(Db& db, const ContactCodec& codec, const std::string& id) {
  Stmt s(db, "SELECT body, contact_json, kiosk_id, received_at, payload_hash FROM complaints WHERE id = ?1");
  s.bind(1, id);
  if (!s.step()) return std::nullopt;
  Json body = Json::parse(s.text(0));
  body["contact"] = s.is_null(1) ? Json(nullptr) : Json::parse(codec.open(s.text(1)));
  StoredComplaint out;
  out.complaint = complaint_from_json(body);
  out.kiosk_id = s.text(2);
  out.received_at = Timestamp{std::chrono::seconds{s.int64(3)}};
  out.payload_hash = s.text(4);
  return out;
}

std::optional<std::string> complaint_id_for_tracking_no(Db& db, const std::string& tracking_no) {
  Stmt s(db, "SELECT id FROM complaints WHERE tracking_no = ?1");
  s.bind(1, tracking_no);
  if (!s.step()) return std::nullopt;
  return s.text(0);
}

std::int64_t count_complaints(Db& db) {
  Stmt s(db, "SELECT count(*) FROM complaints");
  s.step();
  return s.int64(0);
}

}  // namespace yeyou::store
