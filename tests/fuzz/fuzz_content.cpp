// libFuzzer dictionary: json.dict
// Content writes by staff and counters, each body through every decoder of
// the family: PATCH /venues/{id}, POST /venues/{id}/events, PATCH
// /events/{id}, POST /notices, POST /venues/{id}/occupancy and POST
// /counters/{id}/readings. The parts of the services that need no database.
#include "core/notice.hpp"
#include "server/http/decoders.hpp"
#include "tests/fuzz/fuzz_support.hpp"

namespace {

using namespace yeyou;

const Timestamp kNow = *parse_iso8601("2026-06-01T18:30:00+08:00");

const Venue& base_venue() {
  static const Venue v = venue_from_json(Json::parse(R"({"id": 1,
    "name": {"zh": "刘公岛", "en": "Liugong Island", "ko": "류궁다오"}, "category": "scenic_spot",
    "district": "huancui", "address": {"zh": "海港路", "en": "Haigang Road", "ko": "하이강로"},
    "lat": 37.5036, "lon": 122.1887, "capacity": 15000, "phone": "0631-5287188",
    "opening_hours": [{"days": [1, 2, 3, 4, 5, 6, 7], "open": "07:00", "close": "22:00"}]})"));
  return v;
}

const Event& base_event() {
  static const Event e = event_from_json(Json::parse(R"({"id": 101, "venue_id": 1,
    "title": {"zh": "海鲜夜市", "en": "Seafood Night Market", "ko": "해산물 야시장"},
    "description": {"zh": "摊位", "en": "Stalls", "ko": "노점"}, "category": "market",
    "start": "2026-06-01T17:00:00+08:00", "end": "2026-06-02T01:00:00+08:00",
    "price_cents": 0, "status": "scheduled"})"));
  return e;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  auto body = fuzz::parse_json(fuzz::as_text(data, size));
  if (!body) return 0;
  fuzz::expect_4xx([&] {
    Venue v = http::decode_venue_patch(*body, 1).apply(base_venue());
    fuzz::must_decode_again("the stored venue", [&] { (void)venue_from_json(to_json(v)); });
  });
  fuzz::expect_4xx([&] {
    auto created = http::decode_new_events(*body, 1);
    if (created.recurrence) (void)expand(*created.recurrence);
    fuzz::must_decode_again("the stored event", [&] { (void)event_from_json(to_json(created.event), true, true); });
  });
  fuzz::expect_4xx([&] {
    Event e = http::decode_event_patch(*body, 101).apply(base_event());
    fuzz::must_decode_again("the stored event", [&] { (void)event_from_json(to_json(e), true, true); });
  });
  fuzz::expect_4xx([&] {
    Notice n = notice_from_json(*body, kNow);
    n.id = 1;  // assigned by the store; kiosks decode the notice with its id
    fuzz::must_decode_again("the stored notice", [&] { (void)notice_from_json(to_json(n), kNow, true); });
  });
  fuzz::expect_4xx([&] { (void)http::decode_staff_count(*body); });
  fuzz::expect_4xx([&] { (void)http::decode_counter_reading(*body); });
  return 0;
}
