// Text composed from the view-model with the real language files: times
// across midnight, prices, dates.
#include <doctest/doctest.h>

#include "kiosk/ui/format.hpp"

using namespace yeyou;
using namespace yeyou::kiosk;

namespace {

const Strings& strings() {
  static const Strings s = Strings::load(std::string(YEYOU_SOURCE_DIR) + "/assets/lang");
  return s;
}

EventItem item(const char* start, const char* end, const char* now) {
  Event e;
  e.id = 1;
  e.venue_id = 1;
  e.start = *parse_iso8601(start);
  e.end = *parse_iso8601(end);
  ViewModel vm = build_view_model({}, {e}, {}, *parse_iso8601(now));
  if (!vm.on_now.empty()) return vm.on_now[0];
  REQUIRE(vm.later_tonight.size() == 1);
  return vm.later_tonight[0];
}

}  // namespace

TEST_CASE("time ranges within one evening") {
  auto i = item("2026-11-29T19:30:00+08:00", "2026-11-29T21:00:00+08:00", "2026-11-29T18:00:00+08:00");
  CHECK(format_time_range(strings(), Lang::zh, i) == "19:30–21:00");
  CHECK(format_time_range(strings(), Lang::en, i) == "19:30–21:00");
  CHECK(format_time_range(strings(), Lang::ko, i) == "19:30–21:00");
}

TEST_CASE("time ranges that end after midnight say so") {
  auto i = item("2026-11-29T22:00:00+08:00", "2026-11-30T02:00:00+08:00", "2026-11-29T21:00:00+08:00");
  CHECK(format_time_range(strings(), Lang::zh, i) == "22:00–次日02:00");
  CHECK(format_time_range(strings(), Lang::en, i) == "22:00–02:00 (+1)");
  CHECK(format_time_range(strings(), Lang::ko, i) == "22:00–다음 날 02:00");
  // Still on at 01:00: the range is told from its own start.
  auto on = item("2026-11-29T22:00:00+08:00", "2026-11-30T02:00:00+08:00", "2026-11-30T01:00:00+08:00");
  CHECK(format_time_range(strings(), Lang::zh, on) == "22:00–次日02:00");
}

TEST_CASE("an event starting after midnight, seen in the evening, is marked as the next day") {
  auto i = item("2026-11-30T00:30:00+08:00", "2026-11-30T02:00:00+08:00", "2026-11-29T21:00:00+08:00");
  CHECK(format_time_range(strings(), Lang::zh, i) == "次日00:30–02:00");
  CHECK(format_time_range(strings(), Lang::en, i) == "00:30–02:00 (after midnight)");
  // Seen after midnight it is simply tonight's 00:30.
  auto later = item("2026-11-30T00:30:00+08:00", "2026-11-30T02:00:00+08:00", "2026-11-30T00:10:00+08:00");
  CHECK(format_time_range(strings(), Lang::zh, later) == "00:30–02:00");
}

TEST_CASE("prices") {
  CHECK(format_price(strings(), Lang::zh, 0) == "免费");
  CHECK(format_price(strings(), Lang::en, 0) == "Free");
  CHECK(format_price(strings(), Lang::zh, 8000) == "¥80");
  CHECK(format_price(strings(), Lang::en, 8050) == "¥80.50");
  CHECK(format_price(strings(), Lang::zh, 1205) == "¥12.05");
  CHECK(format_price(strings(), Lang::ko, 16800) == "168위안");
}

TEST_CASE("dates") {
  LocalDate d{2026, 11, 29};  // a Sunday
  CHECK(format_date(strings(), Lang::zh, d) == "11月29日 星期日");
  CHECK(format_date(strings(), Lang::en, d) == "Sun 29 Nov");
  CHECK(format_date(strings(), Lang::ko, d) == "11월 29일 일요일");
}
