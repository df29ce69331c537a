#include "core/notice.hpp"

namespace yeyou {

Json to_json(const Notice& n) {
  Json target{{"kind", name_of(n.target)}};
  target["id"] = n.target == NoticeTarget::all ? Json(nullptr) : Json(n.target_id);
  return Json{{"id", n.id},
              {"severity", name_of(n.severity)},
              {"target", target},
              {"text", to_json(n.text)},
              {"starts_at", format_iso8601(n.starts_at)},
              {"ends_at", format_iso8601(n.ends_at)},
              {"issued_by", n.issued_by}};
}

Notice notice_from_json(const Json& j, Timestamp now, bool require_id) {
  FieldErrors errors;
  FieldReader r(j, errors);
  Notice n;
  n.id = r.integer("id", 1, INT32_MAX, require_id).value_or(0);
  n.severity = read_enum<Severity>(r, "severity").value_or(Severity::info);
  if (const Json* t = r.value("target", Json::value_t::object)) {
    FieldReader tr = r.nested(*t, "target");
    n.target = read_enum<NoticeTarget>(tr, "kind").value_or(NoticeTarget::all);
    if (n.target == NoticeTarget::all) {
      tr.text("id", 64, false);
    } else if (tr.has("id") && (*t)["id"].is_number_integer()) {
      n.target_id = std::to_string(tr.integer("id", 1, INT32_MAX).value_or(0));
    } else {
      n.target_id = tr.text("id", 64, true, 1).value_or("");
    }
    tr.reject_unknown();
  }
  n.text = read_localized(r, "text", 1000);
  auto read_time = [&](const char* key, bool required) -> std::optional<Timestamp> {
    auto s = r.text(key, 40, required);
    if (!s) return std::nullopt;
    auto t = parse_iso8601(*s);
    if (!t) r.fail(key, "must be an ISO 8601 date-time");
    return t;
  };
  n.starts_at = read_time("starts_at", false).value_or(now);
  auto ends = read_time("ends_at", true);
  r.text("issued_by", 100, false);  // set by the server; accepted for round trips
  if (ends) {
    n.ends_at = *ends;
    if (n.ends_at <= n.starts_at) r.fail("ends_at", "must be after starts_at");
    else if ((n.ends_at - n.starts_at).count() > kMaxNoticeSeconds) r.fail("ends_at", "a notice may last at most 31 days");
    else if (n.ends_at <= now) r.fail("ends_at", "must be in the future");
  }
  r.reject_unknown();
  throw_if_errors(errors);
  return n;
}

}  // namespace yeyou
