// Kiosk sync: complaints, delta sync of content and live data, heartbeats,
// and the bureau's list of kiosks.
#include "core/feedback.hpp"
#include "server/http/decoders.hpp"
#include "server/http/handlers.hpp"
#include "server/http/json_response.hpp"
#include "server/http/request_auth.hpp"

namespace yeyou::http::handlers {
namespace {

Json complaint_json(const services::ComplaintReceipt& r) {
  Json j = to_json(r.complaint);
  if (r.complaint.contact) j["contact"] = to_json(masked(*r.complaint.contact));
  j["kiosk_id"] = r.kiosk_id;
  j["received_at"] = format_iso8601(r.received_at);
  return j;
}

std::string etag(std::int64_t cursor) {
  std::string tag(1, '"');
  tag.append(std::to_string(cursor)).push_back('"');
  return tag;
}

// The cursor from `key`, else from If-None-Match ("N"), else 0.
std::int64_t read_cursor(const Request& req, const char* key) {
  if (!req.has_param(key)) {
    std::string tag = req.get_header_value("If-None-Match");
    if (tag.size() >= 3 && tag.size() <= 20 && tag.front() == '"' && tag.back() == '"') {
      std::string digits = tag.substr(1, tag.size() - 2);
      if (digits.find_first_not_of("0123456789") == std::string::npos) return std::stoll(digits);
    }
  }
  return query_int(req, key, 0, 0, INT64_MAX / 2);
}

void write_page(Response& res, const services::SyncPage& page, const services::SyncSettings& settings) {
  res.set_header("ETag", etag(page.cursor));
  if (page.unchanged) {
    res.status = 304;
    return;
  }
  Json upserts = Json::array();
  Json deletes = Json::array();
  for (const auto& c : page.changes) {
    if (c.deleted) deletes.push_back(Json{{"kind", c.kind}, {"id", c.object_id}, {"version", c.version}});
    else upserts.push_back(Json{{"kind", c.kind}, {"id", c.object_id}, {"version", c.version}, {"body", c.body}});
  }
  Json body{{"cursor", page.cursor},
            {"more", page.more},
            {"upserts", upserts},
            {"deletes", deletes},
            {"settings", {{"content_poll_s", settings.content_poll_s}, {"live_poll_s", settings.live_poll_s}}}};
  if (page.reset) body["reset"] = true;
  write_json(res, 200, body);
}

int page_limit(const Request& req, const services::SyncSettings& s) {
  return static_cast<int>(query_int(req, "limit", s.page_size, 1, s.max_page_size));
}

Json heartbeat_json(const store::Heartbeat& h) {
  return Json{{"version", h.version},
              {"uptime_s", h.uptime_s},
              {"outbox_depth", h.outbox_depth},
              {"oldest_outbox_age_s", h.oldest_outbox_age_s},
              {"last_sync_at", h.last_sync_at ? Json(format_iso8601(*h.last_sync_at)) : Json(nullptr)},
              {"free_disk_bytes", h.free_disk_bytes},
              {"received_at", format_iso8601(h.received_at)}};
}

Json kiosk_json(const services::KioskStatus& k) {
  return Json{{"id", k.device.id},
              {"name", k.device.name},
              {"district", k.device.district ? Json(*k.device.district) : Json(nullptr)},
              {"revoked", k.device.revoked},
              {"online", k.online},
              {"last_heartbeat", k.heartbeat ? heartbeat_json(*k.heartbeat) : Json(nullptr)}};
}

}  // namespace

void submit_complaint(Exchange& x) {
  auto receipt = x.hub.complaints.submit(complaint_from_json(parse_body(x.req)), x.who.device_id, now_utc());
  write_json(x.res, receipt.created ? 201 : 200, complaint_json(receipt));
}

void sync_content(Exchange& x) {
  auto cursor = read_cursor(x.req, "cursor");
  int limit = page_limit(x.req, x.hub.sync.settings());
  write_page(x.res, x.hub.sync.content(x.who, cursor, limit), x.hub.sync.settings());
}

void sync_live(Exchange& x) {
  auto cursor = read_cursor(x.req, "since");
  int limit = page_limit(x.req, x.hub.sync.settings());
  write_page(x.res, x.hub.sync.live(x.who, cursor, limit), x.hub.sync.settings());
}

void heartbeat(Exchange& x) {
  auto h = x.hub.heartbeats.record(x.who, x.req.matches[1], decode_heartbeat(parse_body(x.req)), now_utc());
  Json body = heartbeat_json(h);
  body["kiosk_id"] = h.kiosk_id;
  write_json(x.res, 200, body);
}

void list_kiosks(Exchange& x) {
  Json kiosks = Json::array();
  for (const auto& k : x.hub.heartbeats.kiosks(now_utc())) kiosks.push_back(kiosk_json(k));
  write_json(x.res, 200, Json{{"kiosks", kiosks}, {"offline_after_s", x.hub.heartbeats.offline_after_s()}});
}

}  // namespace yeyou::http::handlers
