// Phone rating links (补充评价): kiosks ask for one-time tokens; visitors rate
// on /r/{token} through the public endpoints.
#include "server/http/decoders.hpp"
#include "server/http/handlers.hpp"
#include "server/http/json_response.hpp"
#include "server/http/request_auth.hpp"

namespace yeyou::http::handlers {
namespace {

std::string public_base(const services::ServiceHub& hub, const Request& req) {
  std::string base = hub.config.public_url;
  if (base.empty()) {
    std::string host = req.get_header_value("Host");
    if (host.empty() || host.find_first_of(" /\\\"'<>") != std::string::npos) host = "localhost";
    base = (req.secure ? "https://" : "http://") + host;
  }
  while (!base.empty() && base.back() == '/') base.pop_back();
  return base;
}

}  // namespace

void issue_rating_link(Exchange& x) {
  auto link = x.hub.rating_links.issue(x.who, decode_rating_link_request(parse_optional_body(x.req)), now_utc());
  write_json(x.res, 201,
             Json{{"token", link.token},
                  {"url", public_base(x.hub, x.req) + "/r/" + link.token},
                  {"subject", to_json(link.subject)},
                  {"expires_at", format_iso8601(link.expires_at)}});
}

void rating_link_status(Exchange& x) {
  auto st = x.hub.rating_links.lookup(x.req.matches[1], now_utc());
  Json subject = to_json(st.subject);
  subject["name"] = st.subject_name ? to_json(*st.subject_name) : Json(nullptr);
  write_json(x.res, 200,
             Json{{"subject", subject},
                  {"expires_at", format_iso8601(st.expires_at)},
                  {"used", st.used},
                  {"expired", st.expired},
                  {"valid", !st.used && !st.expired}});
}

void rate_by_link(Exchange& x) {
  auto now = now_utc();
  auto receipt = x.hub.rating_links.rate(x.req.matches[1], decode_link_rating(parse_body(x.req), now), now);
  // No personal data goes back to a public page.
  write_json(x.res, 201,
             Json{{"id", receipt.rating.id},
                  {"level", receipt.rating.level},
                  {"is_bad", receipt.rating.is_bad()},
                  {"received_at", format_iso8601(receipt.received_at)}});
}

}  // namespace yeyou::http::handlers
