// Reads the console needs beyond the case routes: what the visitor wrote on a
// case (complaint text or rating comment and reasons), never the contact.
#include "server/http/handlers.hpp"
#include "server/http/json_response.hpp"
#include "server/http/request_auth.hpp"

namespace yeyou::http::handlers {

void case_source(Exchange& x) {
  auto s = x.hub.cases.source(x.who, path_id(x.req));
  Json out{{"case_id", s.case_id}, {"kind", name_of(s.kind)}};
  if (s.created_at) {
    out["text"] = s.text;
    out["created_at"] = format_iso8601(*s.created_at);
    if (s.category) out["category"] = name_of(*s.category);
    if (s.level) {
      Json reasons = Json::array();
      for (auto reason : s.reasons) reasons.push_back(name_of(reason));
      out["reasons"] = reasons;
      out["level"] = *s.level;
      out["channel"] = name_of(*s.channel);
    }
  }
  write_json(x.res, 200, out);
}

}  // namespace yeyou::http::handlers
