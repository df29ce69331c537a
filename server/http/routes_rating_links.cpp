// Phone rating links (补充评价): kiosks ask for one-time tokens; visitors rate
// on /r/{token} through the public endpoints.
#include <httplib.h>

#include "server/http/api_server.hpp"
#include "server/http/json_response.hpp"
#include "server/http/request_auth.hpp"
#include "server/services/service_errors.hpp"

namespace yeyou::http {
namespace {

using services::Principal;

std::string public_base(const services::ServiceHub& hub, const httplib::Request& req) {
  std::string base = hub.config.public_url;
  if (base.empty()) {
    std::string host = req.get_header_value("Host");
    if (host.empty() || host.find_first_of(" /\\\"'<>") != std::string::npos) host = "localhost";
    base = (secure_request(hub, req) ? "https://" : "http://") + host;
  }
  while (!base.empty() && base.back() == '/') base.pop_back();
  return base;
}

// Like guarded(), plus 410 for an expired link.
void guarded_link(httplib::Response& res, const std::function<void()>& handler) {
  guarded(res, [&] {
    try {
      handler();
    } catch (const services::Gone& e) {
      write_error(res, 410, "gone", e.what());
    }
  });
}

}  // namespace

void register_rating_link_routes(httplib::Server& server, services::ServiceHub& hub) {
  server.Post("/api/v1/rating-links", [&hub](const httplib::Request& req, httplib::Response& res) {
    guarded(res, [&] {
      auto kiosk = require_device(hub, req, Principal::Kind::kiosk);
      Json body = req.body.empty() ? Json::object() : parse_body(req);
      auto link = hub.rating_links.issue(kiosk, body, now_utc());
      write_json(res, 201,
                 Json{{"token", link.token},
                      {"url", public_base(hub, req) + "/r/" + link.token},
                      {"subject", to_json(link.subject)},
                      {"expires_at", format_iso8601(link.expires_at)}});
    });
  });

  server.Get(R"(/api/v1/public/rating-links/([A-Za-z0-9_-]{1,64}))", [&hub](const httplib::Request& req,
                                                                          httplib::Response& res) {
    guarded_link(res, [&] {
      auto st = hub.rating_links.lookup(req.matches[1], now_utc());
      Json subject = to_json(st.subject);
      subject["name"] = st.subject_name;
      write_json(res, 200,
                 Json{{"subject", subject},
                      {"expires_at", format_iso8601(st.expires_at)},
                      {"used", st.used},
                      {"expired", st.expired},
                      {"valid", !st.used && !st.expired}});
    });
  });

  server.Post(R"(/api/v1/public/rating-links/([A-Za-z0-9_-]{1,64})/rating)",
              [&hub](const httplib::Request& req, httplib::Response& res) {
                guarded_link(res, [&] {
                  auto receipt = hub.rating_links.rate(req.matches[1], parse_body(req), now_utc());
                  // No personal data goes back to a public page.
                  write_json(res, 201,
                             Json{{"id", receipt.rating.id},
                                  {"level", receipt.rating.level},
                                  {"is_bad", receipt.rating.is_bad()},
                                  {"received_at", format_iso8601(receipt.received_at)}});
                });
              });
}

}  // namespace yeyou::http
