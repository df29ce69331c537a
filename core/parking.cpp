#include "core/parking.hpp"

#include <algorithm>
#include <cstdio>

namespace yeyou {

namespace {

constexpr int kDay = 24 * 60;
constexpr int kLookaheadDays = 7;

FeeRule read_fee_rule(FieldReader& rr) {
  FeeRule rule;
  rule.days.clear();
  rule.days = rr.weekdays("days");
  if (auto from = rr.text("from", 5)) {
    auto m = parse_hhmm(*from);
    if (!m || *m == kDay) rr.fail("from", "must be HH:MM between 00:00 and 23:59");
    else rule.from = *m;
  }
  if (auto to = rr.text("to", 5)) {
    auto m = parse_hhmm(*to);
    if (!m) rr.fail("to", "must be HH:MM between 00:00 and 24:00");
    else rule.to = *m;
  }
  rule.cents_per_hour = rr.integer("price_cents_per_hour", 0, 100'000).value_or(0);
  rr.boolean("is_free", false);  // derived; accepted for round trips
  rr.reject_unknown();
  return rule;
}

bool covers(const FeeRule& r, const LocalDateTime& local) {
  // The window may have started today or, running past midnight, yesterday.
  for (int back = 0; back <= 1; ++back) {
    int weekday = local.date.plus_days(-back).iso_weekday();
    if (std::find(r.days.begin(), r.days.end(), weekday) == r.days.end()) continue;
    int offset = local.minute_of_day + back * kDay - r.from;
    if (offset >= 0 && offset < r.length_minutes()) return true;
  }
  return false;
}

std::string money(std::int64_t cents) {
  char buf[48];
  std::snprintf(buf, sizeof buf, "¥%lld.%02lld", static_cast<long long>(cents / 100), static_cast<long long>(cents % 100));
  return buf;
}

}  // namespace

Json to_json(const FeeRule& r) {
  return Json{{"days", r.days},
              {"from", format_minutes(r.from)},
              {"to", format_minutes(r.to)},
              {"price_cents_per_hour", r.cents_per_hour},
              {"is_free", r.is_free()}};
}

Json to_json(const CarPark& p) {
  Json rules = Json::array();
  for (const auto& r : p.fee_rules) rules.push_back(to_json(r));
  return Json{{"id", p.id},           {"name", to_json(p.name)}, {"address", to_json(p.address)},
              {"lat", p.lat},         {"lon", p.lon},            {"capacity", p.capacity},
              {"fee_rules", rules},   {"counter_device_id", p.counter_device_id.empty() ? Json(nullptr) : Json(p.counter_device_id)}};
}

CarPark car_park_from_json(const Json& j, bool require_id) {
  FieldErrors errors;
  FieldReader r(j, errors);
  CarPark p;
  p.id = r.integer("id", 1, INT32_MAX, require_id).value_or(0);
  p.name = read_localized(r, "name", 200, true, true);
  p.address = read_localized(r, "address", 300, true, true);
  p.lat = r.number("lat", -90, 90).value_or(0);
  p.lon = r.number("lon", -180, 180).value_or(0);
  p.capacity = r.integer("capacity", 1, 100'000).value_or(0);
  if (const Json* rules = r.value("fee_rules", Json::value_t::array, false)) {
    if (rules->size() > kMaxFeeRules) r.fail("fee_rules", "has more than " + std::to_string(kMaxFeeRules) + " rules");
    else
      for (std::size_t i = 0; i < rules->size(); ++i) {
        FieldReader rr = r.nested((*rules)[i], "fee_rules[" + std::to_string(i) + "]");
        p.fee_rules.push_back(read_fee_rule(rr));
      }
  }
  p.counter_device_id = r.text("counter_device_id", 64, false, 1).value_or("");
  r.reject_unknown();
  throw_if_errors(errors);
  return p;
}

const FeeRule* rule_at(const std::vector<FeeRule>& rules, Timestamp t, std::string_view zone) {
  auto local = to_local(t, zone);
  for (const auto& r : rules)
    if (covers(r, local)) return &r;
  return nullptr;
}

FeeStatus fee_status(const std::vector<FeeRule>& rules, Timestamp t, std::string_view zone) {
  FeeStatus s;
  const FeeRule* now = rule_at(rules, t, zone);
  s.known = now != nullptr;
  s.free_now = now && now->is_free();
  s.cents_per_hour = now ? now->cents_per_hour : 0;
  // The price only changes where some window starts or ends: walk those instants in order.
  LocalDate today = to_local(t, zone).date;
  std::vector<Timestamp> edges;
  for (int d = -1; d <= kLookaheadDays; ++d) {
    LocalDate day = today.plus_days(d);
    for (const auto& r : rules) {
      if (std::find(r.days.begin(), r.days.end(), day.iso_weekday()) == r.days.end()) continue;
      int end = r.from + r.length_minutes();
      for (auto [date, minute] : {std::pair{day, r.from}, std::pair{day.plus_days(end / kDay), end % kDay}}) {
        Timestamp edge = from_local(date, minute, zone);
        if (edge > t && edge <= t + std::chrono::days{kLookaheadDays}) edges.push_back(edge);
      }
    }
  }
  std::sort(edges.begin(), edges.end());
  edges.erase(std::unique(edges.begin(), edges.end()), edges.end());
  for (Timestamp e : edges) {
    const FeeRule* r = rule_at(rules, e, zone);
    bool free = r && r->is_free();
    if (s.free_now && !free) {
      s.free_until = e;
      break;
    }
    if (!s.free_now && free) {
      s.free_from = e;
      break;
    }
  }
  return s;
}

Json to_json(const FeeStatus& s, std::string_view zone) {
  Json j{{"known", s.known},
         {"free_now", s.free_now},
         {"price_now_cents_per_hour", s.known ? Json(s.cents_per_hour) : Json(nullptr)},
         {"free_from", s.free_from ? Json(format_iso8601(*s.free_from, zone)) : Json(nullptr)},
         {"free_from_hhmm", s.free_from ? Json(format_hhmm(*s.free_from, zone)) : Json(nullptr)},
         {"free_until", s.free_until ? Json(format_iso8601(*s.free_until, zone)) : Json(nullptr)},
         {"free_until_hhmm", s.free_until ? Json(format_hhmm(*s.free_until, zone)) : Json(nullptr)}};
  j["summary"] = Json{{"zh", fee_summary(s, Lang::zh, zone)},
                      {"en", fee_summary(s, Lang::en, zone)},
                      {"ko", fee_summary(s, Lang::ko, zone)}};
  return j;
}

std::string fee_summary(const FeeStatus& s, Lang lang, std::string_view zone) {
  if (!s.known && !s.free_from) {
    switch (lang) {
      case Lang::en: return "Fees not published";
      case Lang::ko: return "요금 정보 없음";
      case Lang::zh: break;
    }
    return "收费标准未公布";
  }
  if (s.free_now) {
    if (!s.free_until) {
      switch (lang) {
        case Lang::en: return "Free now";
        case Lang::ko: return "지금 무료";
        case Lang::zh: break;
      }
      return "现在免费";
    }
    std::string until = format_hhmm(*s.free_until, zone);
    switch (lang) {
      case Lang::en: return "Free now until " + until;
      case Lang::ko: return "지금 무료 (" + until + "까지)";
      case Lang::zh: break;
    }
    return "现在免费，至 " + until;
  }
  std::string price = s.known ? money(s.cents_per_hour) : "";
  std::string from = s.free_from ? format_hhmm(*s.free_from, zone) : "";
  switch (lang) {
    case Lang::en:
      if (!s.known) return "Free from " + from;
      return price + "/hour now" + (from.empty() ? "" : ", free from " + from);
    case Lang::ko:
      if (!s.known) return from + "부터 무료";
      return "지금 시간당 " + price + (from.empty() ? "" : ", " + from + "부터 무료");
    case Lang::zh: break;
  }
  if (!s.known) return from + " 起免费";
  return "现在 " + price + "/小时" + (from.empty() ? "" : "，" + from + " 起免费");
}

SpaceLevel space_level(std::optional<std::int64_t> free_spaces, std::int64_t capacity) {
  if (!free_spaces || capacity <= 0) return SpaceLevel::unknown;
  if (*free_spaces <= 0) return SpaceLevel::full;
  if (*free_spaces * 10 < capacity) return SpaceLevel::almost_full;
  return SpaceLevel::available;
}

}  // namespace yeyou
