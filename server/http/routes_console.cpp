// Reads the console needs beyond the case routes: what the visitor wrote on a
// case (complaint text or rating comment and reasons), never the contact.
#include <httplib.h>

#include "server/http/api_server.hpp"
#include "server/http/json_response.hpp"
#include "server/http/request_auth.hpp"
#include "server/store/complaint_store.hpp"
#include "server/store/rating_store.hpp"

namespace yeyou::http {

void register_console_routes(httplib::Server& server, services::ServiceHub& hub) {
  server.Get(R"(/api/v1/cases/(\d+)/source)", [&hub](const httplib::Request& req, httplib::Response& res) {
    guarded(res, [&] {
      auto who = require_role(hub, req, {services::Role::bureau, services::Role::venue_staff});
      auto view = hub.cases.get(who, path_id(req, 1), now_utc());  // scope check
      auto& db = hub.pool.get();
      Json out{{"case_id", view.row.id}, {"kind", name_of(view.row.kind)}};
      if (view.row.complaint_id) {
        if (auto c = store::find_complaint(db, hub.vault, *view.row.complaint_id)) {
          out["text"] = c->complaint.text;
          out["category"] = name_of(c->complaint.category);
          out["created_at"] = format_iso8601(c->complaint.created_at);
        }
      } else if (view.row.rating_id) {
        if (auto r = store::find_rating(db, hub.vault, *view.row.rating_id)) {
          Json reasons = Json::array();
          for (auto reason : r->rating.reasons) reasons.push_back(name_of(reason));
          out["text"] = r->rating.comment;
          out["reasons"] = reasons;
          out["level"] = r->rating.level;
          out["channel"] = to_json(r->rating)["channel"];
          out["created_at"] = format_iso8601(r->rating.created_at);
        }
      }
      write_json(res, 200, out);
    });
  });
}

}  // namespace yeyou::http
