// Pure UI helpers: Hangul composition, text fields, navigation, the staff
// PIN, QR matrices, and the decisions screens make from the view-model.
#include <doctest/doctest.h>

#include "kiosk/ui/hangul.hpp"
#include "kiosk/ui/logic.hpp"
#include "kiosk/ui/qr.hpp"
#include "kiosk/data/staff_pin.hpp"
#include "kiosk/ui/theme.hpp"
#include "kiosk/ui/ui_state.hpp"

using namespace yeyou;
using namespace yeyou::kiosk;

TEST_CASE("jamo compose into Hangul syllables") {
  CHECK(to_utf8(compose_hangul(U"ㅎㅏㄴㄱㅡㄹ")) == "한글");
  CHECK(to_utf8(compose_hangul(U"ㄱㅏㅁㅅㅏ")) == "감사");          // the final moves on before a vowel
  CHECK(to_utf8(compose_hangul(U"ㅇㅣㄹㄱㅇㅓ")) == "읽어");       // double final ㄺ splits
  CHECK(to_utf8(compose_hangul(U"ㄷㅏㄹㄱ")) == "닭");              // double final
  CHECK(to_utf8(compose_hangul(U"ㄱㅗㅏ")) == "과");                // double vowel
  CHECK(to_utf8(compose_hangul(U"ㅇㅘㅆㄷㅏ")) == "왔다");
  CHECK(to_utf8(compose_hangul(U"ㄱ")) == "ㄱ");
  CHECK(to_utf8(compose_hangul(U"ㅏ")) == "ㅏ");
}

TEST_CASE("a text field commits jamo and deletes by code point") {
  TextField f;
  for (char32_t c : std::u32string(U"ㅈㅗㅎㅇㅡㄴ")) f.type_jamo(c);
  CHECK(f.text() == "좋은");
  f.backspace();  // removes the last jamo
  CHECK(f.text() == "좋으");
  f.type(" ok");
  CHECK(f.committed == "좋으 ok");
  CHECK(f.jamo.empty());
  f.type("价");
  f.backspace();
  CHECK(f.text() == "좋으 ok");
  f.clear();
  CHECK(f.empty());
}

TEST_CASE("back always works: the navigation stack keeps home at the bottom") {
  Navigator nav;
  nav.back();
  CHECK(nav.current() == ScreenId::home);
  nav.push(ScreenId::venues);
  nav.push(ScreenId::venue_detail);
  nav.push(ScreenId::venue_detail);  // no duplicate on top
  CHECK(nav.depth() == 3);
  nav.back();
  CHECK(nav.current() == ScreenId::venues);
  nav.push(ScreenId::rate);
  nav.replace(ScreenId::rate_thanks);
  CHECK(nav.current() == ScreenId::rate_thanks);
  nav.back();
  CHECK(nav.current() == ScreenId::venues);
  nav.home();
  CHECK(nav.depth() == 1);
}

TEST_CASE("the staff PIN is checked against its Argon2 hash only") {
  std::string hash = hash_staff_pin("2468");
  REQUIRE(hash.rfind("$argon2", 0) == 0);
  CHECK(verify_staff_pin(hash, "2468"));
  CHECK_FALSE(verify_staff_pin(hash, "2469"));
  CHECK_FALSE(verify_staff_pin("", "2468"));  // not configured: closed
}

TEST_CASE("QR matrices come from libqrencode") {
  auto m = make_qr("BEGIN:VEVENT\r\nSUMMARY:test\r\nEND:VEVENT\r\n");
  REQUIRE(m);
  CHECK(m->size >= 21);
  CHECK((m->size - 17) % 4 == 0);
  CHECK(m->at(0, 0));  // finder pattern corner
  CHECK_FALSE(make_qr(std::string(5000, 'x')));
}

namespace {

VenueView venue(std::int64_t id, VenueCategory cat, double lat, double lon, std::optional<CrowdLevel> level) {
  VenueView v;
  v.venue.id = id;
  v.venue.category = cat;
  v.venue.lat = lat;
  v.venue.lon = lon;
  v.crowd = level;
  v.open_now = true;
  return v;
}

}  // namespace

TEST_CASE("a crowded venue suggests the nearest comfortable one of the same kind") {
  ViewModel vm;
  vm.venues = {venue(1, VenueCategory::night_market, 37.50, 122.10, CrowdLevel::full),
               venue(2, VenueCategory::night_market, 37.60, 122.10, CrowdLevel::comfortable),
               venue(3, VenueCategory::night_market, 37.51, 122.10, CrowdLevel::comfortable),
               venue(4, VenueCategory::museum, 37.50, 122.101, CrowdLevel::comfortable),
               venue(5, VenueCategory::night_market, 37.501, 122.10, CrowdLevel::busy)};
  const VenueView* alt = comfortable_alternative(vm, vm.venues[0]);
  REQUIRE(alt);
  CHECK(alt->venue.id == 3);
  CHECK(comfortable_alternative(vm, vm.venues[1]) == nullptr);  // not crowded: no suggestion
  CHECK(distance_m(37.5, 122.1, 37.51, 122.1) == doctest::Approx(1112).epsilon(0.01));
}

TEST_CASE("car park fees in plain words and the last bus") {
  CarParkItem p;
  p.free_now = true;
  p.free_until = "07:00";
  CHECK(parking_fee_text(p).key == "parking.free_until");
  CHECK(parking_fee_text(p).args.at("until") == "07:00");
  CarParkItem q;
  q.free_from = "22:00";
  q.price_now_cents = 550;
  CHECK(parking_fee_text(q).key == "parking.price_then_free");
  CHECK(parking_fee_text(q).args.at("price") == "5.50");

  Timestamp now = *parse_iso8601("2026-11-29T21:30:00+08:00");
  std::vector<DepartureItem> deps(3);
  deps[0].departs_at = now + std::chrono::minutes(5);
  deps[1].departs_at = now + std::chrono::minutes(40);
  deps[1].last_of_day = true;
  deps[2].departs_at = now - std::chrono::minutes(5);
  deps[2].last_of_day = true;
  const DepartureItem* last = next_last_bus(deps, now);
  REQUIRE(last);
  CHECK(last == &deps[1]);
  CHECK(minutes_until(last->departs_at, now) == 40);
}

TEST_CASE("the high-contrast palette also meets WCAG AA (and so does the night one)") {
  for (const Palette* p : {&night_palette(), &high_contrast_palette()})
    for (const auto& pair : contrast_pairs(*p))
      CHECK_MESSAGE(contrast_ratio(pair.foreground, pair.background) >= 4.5, pair.name);
  CHECK(contrast_ratio(high_contrast_palette().text, high_contrast_palette().background) >= 15.0);
}
