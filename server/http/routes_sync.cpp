// Kiosk sync: complaints, delta sync of content and live data, heartbeats,
// and the bureau's list of kiosks.
#include <httplib.h>

#include "core/feedback.hpp"
#include "server/http/api_server.hpp"
#include "server/http/json_response.hpp"
#include "server/http/request_auth.hpp"
#include "server/services/service_errors.hpp"

namespace yeyou::http {
namespace {

using services::Principal;
using services::Role;

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
std::int64_t read_cursor(const httplib::Request& req, const char* key) {
  if (!req.has_param(key)) {
    std::string tag = req.get_header_value("If-None-Match");
    if (tag.size() >= 3 && tag.size() <= 20 && tag.front() == '"' && tag.back() == '"') {
      std::string digits = tag.substr(1, tag.size() - 2);
      if (digits.find_first_not_of("0123456789") == std::string::npos) return std::stoll(digits);
    }
  }
  return query_int(req, key, 0, 0, INT64_MAX / 2);
}

void write_page(httplib::Response& res, const services::SyncPage& page, const services::SyncSettings& settings) {
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

int page_limit(const httplib::Request& req, const services::SyncSettings& s) {
  return static_cast<int>(query_int(req, "limit", s.page_size, 1, s.max_page_size));
}

Json kiosk_json(const services::KioskStatus& k) {
  return Json{{"id", k.device.id},
              {"name", k.device.name},
              {"district", k.device.district ? Json(*k.device.district) : Json(nullptr)},
              {"revoked", k.device.revoked},
              {"online", k.online},
              {"last_heartbeat", k.heartbeat ? services::to_json(*k.heartbeat) : Json(nullptr)}};
}

}  // namespace

void register_sync_routes(httplib::Server& server, services::ServiceHub& hub) {
  server.Post("/api/v1/complaints", [&hub](const httplib::Request& req, httplib::Response& res) {
    guarded(res, [&] {
      auto kiosk = require_device(hub, req, Principal::Kind::kiosk);
      auto receipt = hub.complaints.submit(parse_body(req), kiosk.device_id, now_utc());
      write_json(res, receipt.created ? 201 : 200, complaint_json(receipt));
    });
  });

  server.Get("/api/v1/sync", [&hub](const httplib::Request& req, httplib::Response& res) {
    guarded(res, [&] {
      auto kiosk = require_device(hub, req, Principal::Kind::kiosk);
      auto cursor = read_cursor(req, "cursor");
      int limit = page_limit(req, hub.sync.settings());
      write_page(res, hub.sync.content(kiosk, cursor, limit), hub.sync.settings());
    });
  });

  server.Get("/api/v1/sync/live", [&hub](const httplib::Request& req, httplib::Response& res) {
    guarded(res, [&] {
      auto kiosk = require_device(hub, req, Principal::Kind::kiosk);
      auto cursor = read_cursor(req, "since");
      int limit = page_limit(req, hub.sync.settings());
      write_page(res, hub.sync.live(kiosk, cursor, limit), hub.sync.settings());
    });
  });

  server.Post(R"(/api/v1/kiosks/([a-z]+-[0-9]+)/heartbeat)",
              [&hub](const httplib::Request& req, httplib::Response& res) {
                guarded(res, [&] {
                  auto kiosk = require_device(hub, req, Principal::Kind::kiosk);
                  auto h = hub.heartbeats.record(kiosk, req.matches[1], parse_body(req), now_utc());
                  Json body = services::to_json(h);
                  body["kiosk_id"] = h.kiosk_id;
                  write_json(res, 200, body);
                });
              });

  server.Get("/api/v1/kiosks", [&hub](const httplib::Request& req, httplib::Response& res) {
    guarded(res, [&] {
      require_role(hub, req, {Role::admin, Role::bureau});
      Json kiosks = Json::array();
      for (const auto& k : hub.heartbeats.kiosks(now_utc())) kiosks.push_back(kiosk_json(k));
      write_json(res, 200, Json{{"kiosks", kiosks}, {"offline_after_s", hub.heartbeats.offline_after_s()}});
    });
  });
}

}  // namespace yeyou::http
