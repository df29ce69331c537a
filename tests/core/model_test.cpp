#include <doctest/doctest.h>

#include <chrono>
#include <set>

#include "core/event.hpp"
#include "core/feedback.hpp"
#include "core/occupancy.hpp"
#include "core/uuid.hpp"
#include "core/venue.hpp"

using namespace yeyou;

static FieldErrors errors_of(const std::function<void()>& fn) {
  try {
    fn();
  } catch (const ValidationError& e) {
    return e.fields();
  }
  return {};
}

static Json good_venue() {
  return Json::parse(R"({"id": 7, "name": {"zh": "韩乐坊", "en": "Hanlefang", "ko": "한락방"},
    "category": "shopping", "district": "huancui",
    "address": {"zh": "威海市环翠区", "en": "Huancui, Weihai", "ko": "웨이하이"},
    "lat": 37.5, "lon": 122.1,
    "opening_hours": [{"days": [1,2,3,4,5], "open": "18:00", "close": "23:00"},
                      {"days": [6,7], "open": "17:00", "close": "01:30"}],
    "capacity": 8000, "phone": "0631-5231234"})");
}

static Json good_rating() {
  return Json::parse(R"({"id": "5B1F2A4E-9C3D-4E8F-A1B2-C3D4E5F60718", "subject": {"kind": "venue", "id": "7"},
    "level": 5, "reasons": ["crowding", "queueing"], "answers": {"guidance_clear": false},
    "comment": "排队太久", "contact": {"name": "王先生", "phone": "13812345678"},
    "channel": "kiosk", "created_at": "2026-11-29T21:00:00+08:00"})");
}

TEST_CASE("a venue round-trips through JSON") {
  Venue v = venue_from_json(good_venue());
  CHECK(v.name.zh == "韩乐坊");
  CHECK(v.category == VenueCategory::shopping);
  CHECK(v.opening_hours[1].crosses_midnight());
  CHECK(venue_from_json(to_json(v)) == v);
}

TEST_CASE("venue validation reports every bad field") {
  Json j = good_venue();
  j["capacity"] = -3;
  j["category"] = "casino";
  j["name"].erase("ko");
  j["lat"] = 123.0;
  j["opening_hours"][0]["open"] = "25:00";
  j["surprise"] = 1;
  auto e = errors_of([&] { venue_from_json(j); });
  CHECK(e.count("capacity"));
  CHECK(e.count("category"));
  CHECK(e.count("name.ko"));
  CHECK(e.count("lat"));
  CHECK(e.count("opening_hours[0].open"));
  CHECK(e.count("surprise"));
}

TEST_CASE("opening hours that cross midnight") {
  Venue v = venue_from_json(good_venue());
  auto at = [](const char* s) { return *parse_iso8601(s); };
  CHECK(is_open_at(v, at("2026-11-28T23:30:00+08:00")));   // Saturday night
  CHECK(is_open_at(v, at("2026-11-29T01:00:00+08:00")));   // Sunday 01:00 belongs to Saturday's night
  CHECK(!is_open_at(v, at("2026-11-29T01:30:00+08:00")));  // closed at 01:30
  CHECK(is_open_at(v, at("2026-11-30T00:30:00+08:00")));   // Monday 00:30 is still Sunday's night
  CHECK(!is_open_at(v, at("2026-11-27T23:30:00+08:00")));  // Friday closes at 23:00
  CHECK(!is_open_at(v, at("2026-11-28T00:30:00+08:00")));  // and Friday's rule does not cross midnight
}

TEST_CASE("events: end after start, at most 24 hours, languages or explicit fallback") {
  Json e = Json::parse(R"({"id": 1, "venue_id": 7, "title": {"zh": "灯光秀", "en": "Light show", "ko": "라이트 쇼"},
    "description": {"zh": "幸福门灯光秀", "en": "Light show at the Gate of Happiness", "ko": "행복의 문 라이트 쇼"},
    "category": "light_show", "start": "2026-11-29T22:00:00+08:00", "end": "2026-11-30T01:00:00+08:00",
    "price_cents": 0, "status": "scheduled"})");
  Event ev = event_from_json(e);
  CHECK(ev.is_free());
  CHECK(event_from_json(to_json(ev)) == ev);

  Json reversed = e;
  reversed["end"] = "2026-11-29T21:00:00+08:00";
  CHECK(errors_of([&] { event_from_json(reversed); }).count("end"));
  Json too_long = e;
  too_long["end"] = "2026-12-01T01:00:00+08:00";
  CHECK(errors_of([&] { event_from_json(too_long); }).at("end").find("24 hours") != std::string::npos);
  Json zh_only = e;
  zh_only["title"] = {{"zh", "灯光秀"}};
  CHECK(errors_of([&] { event_from_json(zh_only); }).count("title.en"));
  CHECK(event_from_json(zh_only, true, true).title.in(Lang::en) == "灯光秀");
  Json bad_status = e;
  bad_status["status"] = "EventMovedOnline";
  CHECK(errors_of([&] { event_from_json(bad_status); }).count("status"));
}

TEST_CASE("crowd levels at 50, 80 and 100 percent, with configurable thresholds") {
  CHECK(crowd_level(499, 1000) == CrowdLevel::comfortable);
  CHECK(crowd_level(500, 1000) == CrowdLevel::busy);
  CHECK(crowd_level(799, 1000) == CrowdLevel::busy);
  CHECK(crowd_level(800, 1000) == CrowdLevel::crowded);
  CHECK(crowd_level(1000, 1000) == CrowdLevel::full);
  CHECK(crowd_level(1500, 1000) == CrowdLevel::full);
  CrowdThresholds strict{0.3, 0.6, 0.9};
  CHECK(crowd_level(650, 1000, strict) == CrowdLevel::crowded);
  CHECK_THROWS_AS((CrowdThresholds{0.8, 0.5, 1.0}.validate()), ValidationError);
}

TEST_CASE("a rating decodes, normalises its id and marks levels 4 and 5 as bad") {
  Rating r = rating_from_json(good_rating());
  CHECK(r.id == "5b1f2a4e-9c3d-4e8f-a1b2-c3d4e5f60718");
  CHECK(r.is_bad());
  CHECK(r.reasons.size() == 2);
  CHECK(r.answers.at(DetailQuestion::guidance_clear) == false);
  CHECK(rating_from_json(to_json(r)) == r);
  for (int level = 1; level <= 5; ++level) CHECK(is_bad_review(level) == (level >= 4));
}

TEST_CASE("rating validation") {
  auto bad = [](const std::function<void(Json&)>& edit) {
    Json j = good_rating();
    edit(j);
    return errors_of([&] { rating_from_json(j); });
  };
  CHECK(bad([](Json& j) { j["level"] = 0; }).count("level"));
  CHECK(bad([](Json& j) { j["level"] = 6; }).count("level"));
  CHECK(bad([](Json& j) { j["level"] = "5"; }).count("level"));
  CHECK(bad([](Json& j) { j["id"] = "not-a-uuid"; }).count("id"));
  CHECK(bad([](Json& j) { j["subject"]["kind"] = "toilet"; }).count("subject.kind"));
  CHECK(bad([](Json& j) { j["reasons"] = {"crowding", "ufo"}; }).count("reasons[1]"));
  CHECK(bad([](Json& j) { j["answers"]["is_cheap"] = true; }).count("answers.is_cheap"));
  CHECK(bad([](Json& j) { j["comment"] = std::string(2001, 'x'); }).count("comment"));
  CHECK(bad([](Json& j) { j["contact"]["phone"] = "call me"; }).count("contact.phone"));
  CHECK(bad([](Json& j) { j["created_at"] = "yesterday"; }).count("created_at"));
  CHECK(bad([](Json& j) { j["comment"] = std::string("a\0b", 3); }).count("comment"));
  CHECK(bad([](Json& j) { j = Json::array(); }).count("body"));
}

TEST_CASE("phone masking and tracking numbers") {
  CHECK(mask_phone("13812345678") == "138****5678");
  CHECK(mask_phone("+86 138-1234-5678") == "138****5678");
  CHECK(mask_phone("12345") == "*****");
  CHECK(masked(Contact{"李女士", "13912345678"}) == Contact{"李**", "139****5678"});
  CHECK(masked(Contact{"Kim", ""}) == Contact{"K**", ""});
  CHECK(is_tracking_no("K07-20261129-0042"));
  CHECK(!is_tracking_no("K07 2026"));
  CHECK(!is_tracking_no("K1"));
}

TEST_CASE("UUIDs are version 7: unique, and ordered by their millisecond") {
  auto a = new_uuid(), b = new_uuid();
  CHECK(is_uuid(a));
  CHECK(a != b);
  CHECK(a[14] == '7');
  CHECK(std::string("89ab").find(a[19]) != std::string::npos);  // RFC 9562 variant
  CHECK(!is_uuid("5b1f2a4e-9c3d-4e8f-a1b2-c3d4e5f6071"));

  // 2026-11-30 12:00:00.123 UTC = 1796040000123 ms = 0x01a22c53827b.
  auto at = new_uuid(1796040000123);
  CHECK(at.substr(0, 13) == "01a22c53-827b");
  CHECK(new_uuid(1796040000124) > new_uuid(1796040000123));
  CHECK(new_uuid(1796040001000) > new_uuid(1796040000999));

  std::set<std::string> seen;
  for (int i = 0; i < 10000; ++i) seen.insert(new_uuid(1796040000123));
  CHECK(seen.size() == 10000);  // the same millisecond: the random bits keep them apart

  auto now_ms = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch()).count();
  auto fresh = new_uuid();
  auto prefix = fresh.substr(0, 8) + fresh.substr(9, 4);
  auto stamped = std::stoll(prefix, nullptr, 16);
  CHECK(stamped >= now_ms);
  CHECK(stamped < now_ms + 60'000);
}

TEST_CASE("UTF-8 checks") {
  CHECK(is_clean_utf8("垒崮埠 한국어 ok"));
  CHECK(!is_clean_utf8("\xC0\xAF"));      // overlong
  CHECK(!is_clean_utf8("\xED\xA0\x80"));  // surrogate
  CHECK(!is_clean_utf8("\xE5\x9E"));      // truncated
}
