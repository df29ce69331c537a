// ViewModel building: grouping tonight's events into "on now" and "later
// tonight" across midnight, later nights, crowd levels. No SDL, no network.
#include <doctest/doctest.h>

#include "kiosk/data/view_model.hpp"

using namespace yeyou;
using namespace yeyou::kiosk;

namespace {

Timestamp at(const char* iso) {
  auto t = parse_iso8601(iso);
  REQUIRE(t.has_value());
  return *t;
}

Event event(std::int64_t id, const char* start, const char* end, EventStatus status = EventStatus::scheduled) {
  Event e;
  e.id = id;
  e.venue_id = 1;
  e.title = {"活动" + std::to_string(id), "Event " + std::to_string(id), ""};
  e.start = at(start);
  e.end = at(end);
  e.status = status;
  return e;
}

VenuesPayload one_venue(std::optional<OccupancyReading> occ = std::nullopt, std::optional<CrowdLevel> level = {}) {
  Venue v;
  v.id = 1;
  v.name = {"刘公岛", "Liugong Island", "류궁다오"};
  v.district = "huancui";
  v.capacity = 1000;
  v.opening_hours = {{{1, 2, 3, 4, 5, 6, 7}, 17 * 60, 2 * 60}};
  return {{{v, occ, level}}, {{"huancui", {"环翠区", "Huancui District", "환추이구"}}}, 0};
}

std::vector<std::int64_t> ids(const std::vector<EventItem>& items) {
  std::vector<std::int64_t> out;
  for (const auto& i : items) out.push_back(i.event.id);
  return out;
}

}  // namespace

TEST_CASE("before midnight: on now, later tonight (also after midnight), ended and later nights") {
  const Timestamp now = at("2026-11-29T23:30:00+08:00");
  std::vector<Event> events{
      event(1, "2026-11-29T22:00:00+08:00", "2026-11-30T02:00:00+08:00"),  // on now, ends after midnight
      event(2, "2026-11-30T00:30:00+08:00", "2026-11-30T02:00:00+08:00"),  // later tonight, after midnight
      event(3, "2026-11-29T19:00:00+08:00", "2026-11-29T21:00:00+08:00"),  // ended
      event(4, "2026-11-29T23:45:00+08:00", "2026-11-30T00:15:00+08:00", EventStatus::cancelled),
      event(5, "2026-11-30T19:00:00+08:00", "2026-11-30T21:00:00+08:00"),  // tomorrow night
      event(6, "2026-11-30T08:00:00+08:00", "2026-11-30T10:00:00+08:00"),  // tomorrow morning: no night listing
      event(7, "2026-11-29T23:00:00+08:00", "2026-11-29T23:59:00+08:00"),  // on now, started after #1
      event(8, "2026-12-09T19:00:00+08:00", "2026-12-09T21:00:00+08:00"),  // beyond nights_ahead
  };
  ViewModel vm = build_view_model(one_venue(), events, {}, now);

  CHECK(vm.tonight == LocalDate{2026, 11, 29});
  CHECK(ids(vm.on_now) == std::vector<std::int64_t>{1, 7});
  CHECK(ids(vm.later_tonight) == std::vector<std::int64_t>{4, 2});
  REQUIRE(vm.coming_nights.size() == 1);
  CHECK(vm.coming_nights[0].night == LocalDate{2026, 11, 30});
  CHECK(ids(vm.coming_nights[0].events) == std::vector<std::int64_t>{5});

  const EventItem& crossing = vm.on_now[0];
  CHECK(crossing.phase == EventPhase::on_now);
  CHECK(crossing.start_day_offset == 0);
  CHECK(crossing.end_day_offset == 1);

  const EventItem& after_midnight = vm.later_tonight[1];
  CHECK(after_midnight.phase == EventPhase::later_tonight);
  CHECK(after_midnight.start_day_offset == 1);
  CHECK(after_midnight.end_day_offset == 0);

  // A cancelled event stays in its slot, marked cancelled.
  CHECK(vm.later_tonight[0].phase == EventPhase::cancelled);
  CHECK(vm.later_tonight[0].end_day_offset == 1);
}

TEST_CASE("after midnight the night is still last night's") {
  const Timestamp now = at("2026-11-30T01:00:00+08:00");
  std::vector<Event> events{
      event(1, "2026-11-29T22:00:00+08:00", "2026-11-30T02:00:00+08:00"),  // still on
      event(2, "2026-11-30T03:00:00+08:00", "2026-11-30T05:00:00+08:00"),  // later tonight
      event(3, "2026-11-30T19:00:00+08:00", "2026-11-30T21:00:00+08:00"),  // the coming night
  };
  ViewModel vm = build_view_model(one_venue(), events, {}, now);
  CHECK(vm.tonight == LocalDate{2026, 11, 29});
  CHECK(ids(vm.on_now) == std::vector<std::int64_t>{1});
  CHECK(vm.on_now[0].start_day_offset == -1);  // began yesterday evening
  CHECK(vm.on_now[0].end_day_offset == 1);
  CHECK(ids(vm.later_tonight) == std::vector<std::int64_t>{2});
  CHECK(vm.later_tonight[0].start_day_offset == 0);
  REQUIRE(vm.coming_nights.size() == 1);
  CHECK(ids(vm.coming_nights[0].events) == std::vector<std::int64_t>{3});
}

TEST_CASE("an event ending exactly at midnight does not count as crossing it") {
  const Timestamp now = at("2026-11-29T20:00:00+08:00");
  ViewModel vm =
      build_view_model(one_venue(), {event(1, "2026-11-29T22:00:00+08:00", "2026-11-30T00:00:00+08:00")}, {}, now);
  REQUIRE(vm.later_tonight.size() == 1);
  CHECK(vm.later_tonight[0].end_day_offset == 0);
}

TEST_CASE("an event becomes on-now when the clock passes its start") {
  std::vector<Event> events{event(1, "2026-11-29T21:00:00+08:00", "2026-11-29T22:00:00+08:00")};
  auto before = build_view_model(one_venue(), events, {}, at("2026-11-29T20:59:00+08:00"));
  auto after = build_view_model(one_venue(), events, {}, at("2026-11-29T21:00:00+08:00"));
  auto over = build_view_model(one_venue(), events, {}, at("2026-11-29T22:00:00+08:00"));
  CHECK(before.later_tonight.size() == 1);
  CHECK(before.on_now.empty());
  CHECK(after.on_now.size() == 1);
  CHECK(after.later_tonight.empty());
  CHECK(over.on_now.empty());
  CHECK(over.later_tonight.empty());
}

TEST_CASE("crowd level: the server's level, else computed - stale readings show no level") {
  const Timestamp now = at("2026-11-29T21:00:00+08:00");
  OccupancyReading r{1, 850, 1000, at("2026-11-29T20:55:00+08:00"), OccupancySource::counter};

  auto computed = build_view_model(one_venue(r), {}, {}, now);
  REQUIRE(computed.venue(1) != nullptr);
  CHECK(computed.venue(1)->crowd == CrowdLevel::crowded);
  CHECK(computed.venue(1)->open_now);

  auto from_server = build_view_model(one_venue(r, CrowdLevel::busy), {}, {}, now);
  CHECK(from_server.venue(1)->crowd == CrowdLevel::busy);

  r.taken_at = at("2026-11-29T19:00:00+08:00");
  auto stale = build_view_model(one_venue(r), {}, {}, now);
  CHECK_FALSE(stale.venue(1)->crowd.has_value());
  CHECK(stale.venue(1)->occupancy_stale);

  auto none = build_view_model(one_venue(), {}, {}, now);
  CHECK_FALSE(none.venue(1)->crowd.has_value());
  CHECK_FALSE(none.venue(1)->occupancy_stale);
  CHECK(none.venue(2) == nullptr);
  REQUIRE(none.district("huancui") != nullptr);
  CHECK(none.district("huancui")->name.en == "Huancui District");
}

TEST_CASE("fetch window covers what is on now and the nights ahead") {
  auto w = fetch_window(at("2026-11-29T21:00:00+08:00"), 7);
  CHECK(w.begin == at("2026-11-29T17:00:00+08:00"));
  CHECK(w.end == at("2026-12-07T06:00:00+08:00"));
  auto afternoon = fetch_window(at("2026-11-29T14:00:00+08:00"), 0);
  CHECK(afternoon.begin == at("2026-11-29T14:00:00+08:00"));
  CHECK(afternoon.end == at("2026-11-30T06:00:00+08:00"));
}

TEST_CASE("content text gathers every language of names and titles") {
  const Timestamp now = at("2026-11-29T20:00:00+08:00");
  auto vm = build_view_model(one_venue(), {event(1, "2026-11-29T21:00:00+08:00", "2026-11-29T22:00:00+08:00")},
                             {}, now);
  std::string text = content_text(vm);
  for (const char* s : {"刘公岛", "Liugong Island", "류궁다오", "环翠区", "活动1", "Event 1"})
    CHECK_MESSAGE(text.find(s) != std::string::npos, s);
}
