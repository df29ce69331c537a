#include "core/feedback.hpp"

#include <algorithm>

#include "core/uuid.hpp"

namespace yeyou {
namespace {

Subject read_subject(FieldReader& r) {
  Subject s;
  const Json* obj = r.value("subject", Json::value_t::object);
  if (!obj) return s;
  FieldReader sr = r.nested(*obj, "subject");
  s.kind = read_enum<SubjectKind>(sr, "kind").value_or(SubjectKind::venue);
  if (sr.has("id") && (*obj)["id"].is_number_integer()) {
    s.id = std::to_string(sr.integer("id", 1, INT32_MAX).value_or(0));
  } else {
    s.id = sr.text("id", 64, true, 1).value_or("");
  }
  sr.reject_unknown();
  return s;
}

std::optional<Contact> read_contact(FieldReader& r) {
  const Json* obj = r.value("contact", Json::value_t::object, false);
  if (!obj) return std::nullopt;
  FieldReader cr = r.nested(*obj, "contact");
  Contact c;
  c.name = cr.text("name", 100, false).value_or("");
  c.phone = cr.text("phone", 32, false).value_or("");
  if (!c.phone.empty()) {
    auto digits = std::count_if(c.phone.begin(), c.phone.end(), [](char ch) { return ch >= '0' && ch <= '9'; });
    if (c.phone.find_first_not_of("0123456789+- ") != std::string::npos || digits < 5 || digits > 15)
      cr.fail("phone", "must be a phone number (5 to 15 digits, optional +, - and spaces)");
  }
  cr.reject_unknown();
  if (c.empty()) return std::nullopt;
  return c;
}

std::string read_id(FieldReader& r) {
  auto id = r.text("id", 36);
  if (id && !is_uuid(*id)) r.fail("id", "must be a UUID");
  std::string out = id.value_or("");
  std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

Timestamp read_created_at(FieldReader& r) {
  auto s = r.text("created_at", 40);
  if (!s) return {};
  auto t = parse_iso8601(*s);
  if (!t) {
    r.fail("created_at", "must be an ISO 8601 date-time");
    return {};
  }
  return *t;
}

}  // namespace

Json to_json(const Subject& s) { return Json{{"kind", name_of(s.kind)}, {"id", s.id}}; }
Json to_json(const Contact& c) { return Json{{"name", c.name}, {"phone", c.phone}}; }

Json to_json(const Rating& r) {
  Json reasons = Json::array();
  for (auto x : r.reasons) reasons.push_back(name_of(x));
  Json answers = Json::object();
  for (auto [q, a] : r.answers) answers[std::string(name_of(q))] = a;
  Json j{{"id", r.id},
         {"subject", to_json(r.subject)},
         {"level", r.level},
         {"reasons", reasons},
         {"answers", answers},
         {"comment", r.comment},
         {"channel", name_of(r.channel)},
         {"created_at", format_iso8601(r.created_at)}};
  j["contact"] = r.contact ? to_json(*r.contact) : Json(nullptr);
  return j;
}

Rating rating_from_json(const Json& j) {
  FieldErrors errors;
  FieldReader r(j, errors);
  Rating out;
  out.id = read_id(r);
  out.subject = read_subject(r);
  out.level = static_cast<int>(r.integer("level", kBestLevel, kWorstLevel).value_or(3));
  if (const Json* reasons = r.value("reasons", Json::value_t::array, false)) {
    if (reasons->size() > EnumNames<BadReason>::names.size()) r.fail("reasons", "has too many entries");
    for (std::size_t i = 0; i < reasons->size() && i < 16; ++i) {
      const Json& x = (*reasons)[i];
      auto reason = x.is_string() ? enum_from<BadReason>(x.get<std::string>()) : std::nullopt;
      if (!reason) {
        r.fail("reasons[" + std::to_string(i) + "]", "must be one of: " + enum_choices<BadReason>());
      } else if (std::find(out.reasons.begin(), out.reasons.end(), *reason) == out.reasons.end()) {
        out.reasons.push_back(*reason);
      }
    }
  }
  if (const Json* answers = r.value("answers", Json::value_t::object, false)) {
    for (auto it = answers->begin(); it != answers->end(); ++it) {
      auto q = enum_from<DetailQuestion>(it.key());
      if (!q) r.fail("answers." + it.key(), "is not a known question; known: " + enum_choices<DetailQuestion>());
      else if (!it->is_boolean()) r.fail("answers." + it.key(), "must be true or false");
      else out.answers[*q] = it->get<bool>();
    }
  }
  out.comment = r.text("comment", 2000, false).value_or("");
  out.contact = read_contact(r);
  out.channel = read_enum<Channel>(r, "channel", false).value_or(Channel::kiosk);
  out.created_at = read_created_at(r);
  r.reject_unknown();
  throw_if_errors(errors);
  return out;
}

Json to_json(const Complaint& c) {
  Json j{{"id", c.id},
         {"tracking_no", c.tracking_no},
         {"subject", to_json(c.subject)},
         {"category", name_of(c.category)},
         {"text", c.text},
         {"created_at", format_iso8601(c.created_at)}};
  j["contact"] = c.contact ? to_json(*c.contact) : Json(nullptr);
  return j;
}

Complaint complaint_from_json(const Json& j) {
  FieldErrors errors;
  FieldReader r(j, errors);
  Complaint c;
  c.id = read_id(r);
  if (auto t = r.text("tracking_no", 40)) {
    if (!is_tracking_no(*t)) r.fail("tracking_no", "must be 6 to 40 letters, digits or '-'");
    c.tracking_no = *t;
  }
  c.subject = read_subject(r);
  c.category = read_enum<ComplaintCategory>(r, "category").value_or(ComplaintCategory::other);
  c.text = r.text("text", 4000, true, 1).value_or("");
  c.contact = read_contact(r);
  c.created_at = read_created_at(r);
  r.reject_unknown();
  throw_if_errors(errors);
  return c;
}

std::string mask_phone(const std::string& phone) {
  std::string digits;
  for (char ch : phone)
    if (ch >= '0' && ch <= '9') digits += ch;
  if (digits.size() == 13 && digits.rfind("86", 0) == 0) digits = digits.substr(2);  // +86 mobile
  if (digits.size() < 7) return std::string(digits.size(), '*');
  return digits.substr(0, 3) + std::string(digits.size() - 7, '*') + digits.substr(digits.size() - 4);
}

Contact masked(const Contact& c) {
  Contact out;
  out.phone = c.phone.empty() ? "" : mask_phone(c.phone);
  if (!c.name.empty()) {
    // Keep the first UTF-8 character only.
    std::size_t len = 1;
    auto lead = static_cast<unsigned char>(c.name[0]);
    if (lead >= 0xF0) len = 4;
    else if (lead >= 0xE0) len = 3;
    else if (lead >= 0xC0) len = 2;
    out.name = c.name.substr(0, std::min(len, c.name.size())) + "**";
  }
  return out;
}

bool is_tracking_no(std::string_view s) {
  if (s.size() < 6 || s.size() > 40) return false;
  return std::all_of(s.begin(), s.end(), [](char c) {
    return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '-';
  });
}

}  // namespace yeyou
