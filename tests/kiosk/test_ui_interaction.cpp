// Scripted interaction with the real App (SDL offscreen driver, software
// renderer): SDL events are pushed with SDL_PushEvent and the app's own loop
// handles them. A FakeBackend stands in for the DataWorker and records what
// the screens submit. Also the layout rule: every interactive widget is at
// least 64x64 px at 1080p, and the keyboard never covers the edited field.
#include <algorithm>
#include <cstdlib>

#include <SDL.h>
#include <doctest/doctest.h>

#include "fake_backend.hpp"
#include "kiosk/ui/app.hpp"
#include "kiosk/ui/scripted_input.hpp"

using namespace yeyou;
using namespace yeyou::kiosk;
using yeyou::kiosk::test::FakeBackend;

namespace {

const Timestamp kNow = *parse_iso8601("2026-11-29T21:30:00+08:00");

LocalizedText lt(const std::string& zh, const std::string& en, const std::string& ko) { return {zh, en, ko}; }

ViewModel demo_vm() {
  ViewModel vm;
  vm.now = kNow;
  vm.tonight = night_of(kNow);
  vm.sync.has_data = true;
  vm.sync.server_reachable = true;
  vm.sync.attempts = 1;
  vm.sync.fetched_at = kNow;
  vm.kiosk_id = "kiosk-3";
  vm.districts = {{"huancui", lt("环翠区", "Huancui", "환추구")}};
  auto venue = [&](std::int64_t id, const std::string& zh, const std::string& en, double lat, double lon,
                   std::optional<CrowdLevel> level) {
    VenueView v;
    v.venue.id = id;
    v.venue.name = lt(zh, en, en);
    v.venue.category = VenueCategory::night_market;
    v.venue.district = "huancui";
    v.venue.lat = lat;
    v.venue.lon = lon;
    v.venue.capacity = 1000;
    v.venue.opening_hours = {{{1, 2, 3, 4, 5, 6, 7}, 18 * 60, 2 * 60}};
    v.crowd = level;
    v.open_now = true;
    if (level) v.occupancy = OccupancyReading{id, 950, 1000, kNow - std::chrono::minutes(3), OccupancySource::staff};
    return v;
  };
  vm.venues = {venue(1, "炮台堡垒夜市", "Fort Night Market", 37.50, 122.10, CrowdLevel::full),
               venue(2, "抱犊崮夜市", "Baodugu Market", 37.51, 122.12, CrowdLevel::comfortable),
               venue(3, "老埠头美食", "Old Pier Food", 37.52, 122.11, std::nullopt)};
  vm.usual_occupancy[1] = std::vector<double>(24, 0.3);
  EventItem e;
  e.event.id = 10;
  e.event.venue_id = 1;
  e.event.title = lt("灯光秀", "Light show", "빛 쇼");
  e.event.description = lt(std::string(40, ' ') + "沿着海岸线的灯光秀，每晚三场，每场二十分钟，请提前到达观景台并注意脚下安全。",
                           "A light show along the shore, three times a night, twenty minutes each; please arrive at "
                           "the viewing platform early and mind your step on the rocks by the water.",
                           "해안선을 따라 펼쳐지는 빛 쇼로 매일 밤 세 번, 각 이십 분씩 진행되며 전망대에 미리 도착해 주시고 "
                           "물가 바위에서는 발밑을 조심해 주세요.");
  e.event.category = EventCategory::light_show;
  e.event.start = kNow - std::chrono::minutes(30);
  e.event.end = kNow + std::chrono::minutes(150);
  e.phase = EventPhase::on_now;
  e.end_day_offset = 1;
  vm.on_now = {e};
  EventItem c = e;
  c.event.id = 11;
  c.event.title = lt("露天音乐会", "Open-air concert", "야외 콘서트");
  c.event.start = kNow + std::chrono::minutes(60);
  c.event.status = EventStatus::cancelled;
  c.phase = EventPhase::cancelled;
  vm.later_tonight = {c};
  DepartureItem d;
  d.route_id = "3";
  d.route_name = "夜游3路";
  d.headsign = "海滨公园";
  d.stop_name = "人民广场";
  d.departs_at = kNow + std::chrono::minutes(20);
  d.last_of_day = true;
  vm.departures = {d};
  CarParkItem p;
  p.name = lt("幸福门停车场", "Happiness Gate car park", "행복문 주차장");
  p.free_spaces = 42;
  p.free_now = true;
  p.free_until = "07:00";
  vm.car_parks = {p};
  return vm;
}

struct Driver {
  FakeBackend* backend = nullptr;
  std::unique_ptr<App> app;
  std::uint64_t ticks = 1'000'000;

  explicit Driver(ViewModel vm = demo_vm(), const char* size = "1920x1080") {
    SDL_setenv("SDL_VIDEODRIVER", "offscreen", 1);
    KioskConfig cfg;
    cfg.lang_dir = default_lang_dir();
    cfg.lang = Lang::en;
    cfg.fixed_now = kNow;
    std::sscanf(size, "%dx%d", &cfg.width, &cfg.height);
    auto be = std::make_unique<FakeBackend>(std::move(vm));
    backend = be.get();
    app = std::make_unique<App>(cfg, std::move(be));
    REQUIRE(app->init());
    app->set_ticks([this] { return ticks; });
    app->ui() = UiState{};
    app->step(3);
  }
  ~Driver() { app->shutdown(); }

  void wheel(int y) {
    SDL_Event ev{};
    ev.type = SDL_MOUSEWHEEL;
    ev.wheel.y = y;
    SDL_PushEvent(&ev);
    app->step(3);
  }

  // Taps the widget with this id (scrolling it into view first); false if it never appeared.
  bool tap(const std::string& id) {
    for (int tries = 0; tries < 60; ++tries) {
      const WidgetRecord* w = app->widget(id);
      if (!w) return false;
      if (!w->visible) {
        // Scroll the content towards it.
        wheel(w->min.y > 500 ? -2 : 2);
        continue;
      }
      tap_at(*app, *w);
      return true;
    }
    return false;
  }

  ScreenId screen() { return app->ui().nav.current(); }
};

float keyboard_top(const App& app) {
  float top = 1e9f;
  for (const auto& w : app.widgets())
    if (w.id.rfind("kb.", 0) == 0) top = std::min(top, w.min.y);
  return top;
}

}  // namespace

TEST_CASE("tap rate, choose very bad, pick reasons, submit: the backend receives the rating") {
  Driver d;
  REQUIRE(d.tap("home.rate"));
  CHECK(d.screen() == ScreenId::rate);
  CHECK(d.app->widget("rate.reason.crowding") == nullptr);  // reasons only after a bad review
  REQUIRE(d.tap("rate.subject.kind.kiosk"));
  REQUIRE(d.tap("rate.level.5"));
  REQUIRE(d.tap("rate.reason.crowding"));
  REQUIRE(d.tap("rate.reason.queueing"));
  REQUIRE(d.tap("rate.answer.guidance_clear.no"));
  REQUIRE(d.tap("rate.comment"));
  CHECK(d.app->ui().focus == FieldId::rate_comment);
  // The keyboard never covers the field being edited.
  d.app->step(3);
  const WidgetRecord* field = d.app->widget("rate.comment");
  REQUIRE(field);
  CHECK(field->visible);
  CHECK(field->max.y <= keyboard_top(*d.app));
  REQUIRE(d.tap("kb.o"));
  REQUIRE(d.tap("kb.k"));
  REQUIRE(d.tap("kb.done"));
  CHECK(d.app->ui().focus == FieldId::none);
  REQUIRE(d.tap("rate.submit"));

  REQUIRE(d.backend->ratings.size() == 1);
  const Rating& r = d.backend->ratings[0];
  CHECK(r.level == 5);
  CHECK(r.is_bad());
  CHECK(r.subject.kind == SubjectKind::kiosk);
  CHECK(r.subject.id == "kiosk-3");
  CHECK(r.reasons == std::vector<BadReason>{BadReason::crowding, BadReason::queueing});
  CHECK(r.answers == std::map<DetailQuestion, bool>{{DetailQuestion::guidance_clear, false}});
  CHECK(r.comment == "ok");
  CHECK_FALSE(r.contact.has_value());  // no real name unless given with consent
  CHECK(r.channel == Channel::kiosk);
  CHECK_FALSE(r.id.empty());
  CHECK(d.screen() == ScreenId::rate_thanks);

  // Today's placeholder worker refuses: the refusal is shown and the form kept for a retry.
  ViewModel vm = d.backend->current();
  vm.receipts["rating-1"] = {SubmissionReceipt::State::refused, "", "outbox not available"};
  d.backend->publish(vm);
  d.app->step(3);
  CHECK(d.app->widget("submit.retry") != nullptr);
  CHECK(d.app->ui().rating.comment.text() == "ok");
  // Once stored: thanks, and the typed text is dropped.
  vm.receipts["rating-1"] = {SubmissionReceipt::State::stored, "", ""};
  d.backend->publish(vm);
  d.app->step(3);
  CHECK(d.app->widget("rate.done") != nullptr);
  CHECK(d.app->ui().rating.comment.empty());
  // Back goes where the visitor came from (home), never into the submitted form.
  REQUIRE(d.tap("nav.back"));
  CHECK(d.screen() == ScreenId::home);
}

TEST_CASE("a named bad review needs consent before the contact is sent") {
  Driver d;
  REQUIRE(d.tap("nav.rate"));
  REQUIRE(d.tap("rate.subject.kind.venue"));
  REQUIRE(d.tap("rate.subject.option.2"));
  REQUIRE(d.tap("rate.level.4"));
  REQUIRE(d.tap("rate.phone"));
  CHECK(d.app->ui().keyboard.layout == KbLayout::digits);
  for (const char* k : {"kb.1", "kb.3", "kb.8", "kb.0"}) REQUIRE(d.tap(k));
  REQUIRE(d.tap("kb.done"));
  REQUIRE(d.tap("rate.consent"));
  REQUIRE(d.tap("rate.submit"));
  REQUIRE(d.backend->ratings.size() == 1);
  CHECK(d.backend->ratings[0].subject == Subject{SubjectKind::venue, "2"});
  REQUIRE(d.backend->ratings[0].contact.has_value());
  CHECK(d.backend->ratings[0].contact->phone == "1380");
  CHECK(d.app->ui().rating.submitted_named_bad);
}

TEST_CASE("after an idle warning and reset nothing typed survives") {
  Driver d;
  REQUIRE(d.tap("lang.ko"));
  CHECK(d.app->lang() == Lang::ko);
  REQUIRE(d.tap("nav.complaint"));
  REQUIRE(d.tap("complaint.category.prices"));
  REQUIRE(d.tap("complaint.text"));
  REQUIRE(d.app->ui().keyboard.layout == KbLayout::korean);
  for (const char* k : {"kb.ㅎ", "kb.ㅏ", "kb.ㄴ"}) REQUIRE(d.tap(k));
  REQUIRE(d.tap("complaint.phrase.2"));
  REQUIRE(d.tap("complaint.phone"));
  for (const char* k : {"kb.5", "kb.5"}) REQUIRE(d.tap(k));
  REQUIRE(d.tap("kb.done"));
  const std::string typed = d.app->ui().typed_text();
  CHECK(typed.find("한") != std::string::npos);
  CHECK(typed.find("55") != std::string::npos);

  // 90 s without input: a warning with "continue"; continuing keeps everything.
  d.ticks += kIdleWarnMs + 500;
  d.app->step(2);
  REQUIRE(d.app->idle_warning_left());
  CHECK(*d.app->idle_warning_left() == 20);
  REQUIRE(d.tap("idle.continue"));
  CHECK_FALSE(d.app->idle_warning_left());
  CHECK(d.app->ui().typed_text() == typed);

  // Then 110 s without input: cleared, home, default language, attract loop.
  d.ticks += kIdleWarnMs + 1000;
  d.app->step(1);
  CHECK(d.app->idle_warning_left());
  d.ticks += kIdleResetMs - kIdleWarnMs;
  d.app->step(2);
  CHECK(d.screen() == ScreenId::home);
  CHECK(d.app->ui().nav.depth() == 1);
  CHECK(d.app->ui().typed_text().empty());
  CHECK_FALSE(d.app->ui().has_entered_data());
  CHECK_FALSE(d.app->ui().complaint.category.has_value());
  CHECK(d.app->ui().focus == FieldId::none);
  CHECK(d.app->lang() == Lang::en);
  CHECK(d.app->attract_index() >= 0);
  CHECK(d.backend->complaints.empty());  // nothing was sent
}

// The demo data with an emergency notice (id 7) in force.
ViewModel with_emergency() {
  ViewModel vm = demo_vm();
  Notice n;
  n.id = 7;
  n.severity = Severity::emergency;
  n.text = lt("台风预警，请尽快离开海滩（崮山）", "Typhoon warning: leave the beach now", "태풍 경보: 해변에서 대피하세요");
  n.starts_at = kNow - std::chrono::minutes(5);
  n.ends_at = kNow + std::chrono::hours(2);
  vm.notices = {n};
  return vm;
}

TEST_CASE("an emergency notice takes over until dismissed, a warning shows as a banner") {
  ViewModel vm = with_emergency();
  Driver d(vm);
  REQUIRE(d.app->widget("notice.dismiss") != nullptr);
  // The screen below does not take taps while the emergency is shown.
  const WidgetRecord* rate = d.app->widget("home.rate");
  REQUIRE(rate);
  tap_at(*d.app, *rate);
  CHECK(d.screen() == ScreenId::home);
  REQUIRE(d.tap("notice.dismiss"));
  CHECK(d.app->widget("notice.dismiss") == nullptr);
  CHECK(d.app->ui().dismissed_emergencies.count(7) == 1);
}

TEST_CASE("complaint: the tracking number from the receipt and a status lookup") {
  Driver d;
  REQUIRE(d.tap("home.complaint"));
  REQUIRE(d.tap("complaint.category.hygiene"));
  REQUIRE(d.tap("complaint.phrase.4"));
  REQUIRE(d.tap("complaint.submit"));
  REQUIRE(d.backend->complaints.size() == 1);
  CHECK(d.backend->complaints[0].category == ComplaintCategory::hygiene);
  CHECK(d.backend->complaints[0].text == "It was not clean");
  CHECK_FALSE(d.backend->complaints[0].contact);
  ViewModel vm = d.backend->current();
  vm.receipts["complaint-1"] = {SubmissionReceipt::State::stored, "K3-20261129-0007", ""};
  d.backend->publish(vm);
  d.app->step(3);
  REQUIRE(d.tap("complaint.done"));
  REQUIRE(d.tap("nav.status"));
  REQUIRE(d.tap("lookup.tracking"));
  for (const char* k : {"kb.k", "kb.3", "kb.-", "kb.0", "kb.0", "kb.0", "kb.7"}) REQUIRE(d.tap(k));
  REQUIRE(d.tap("kb.done"));
  REQUIRE(d.tap("lookup.check"));
  REQUIRE(d.backend->lookups.size() == 1);
  CHECK(d.backend->lookups[0] == "K3-0007");
}

TEST_CASE("every screen in every language is drawn with every glyph it needs, in every size") {
  // Large and title sizes learn their characters as text is drawn: a frame
  // that met a missing glyph is rebuilt before it is shown, so no miss is left.
  Driver d(with_emergency());
  const ScreenId screens[] = {ScreenId::home,         ScreenId::tonight,   ScreenId::event_detail, ScreenId::venues,
                              ScreenId::venue_detail, ScreenId::transport, ScreenId::rate,         ScreenId::complaint,
                              ScreenId::status,       ScreenId::staff};
  for (const char* lang : {"lang.zh", "lang.ko", "lang.en"}) {
    d.app->ui() = UiState{};
    d.app->step(2);  // the emergency takes over (in the language chosen last)
    CHECK(glyph_misses().empty());
    REQUIRE(d.tap("notice.dismiss"));
    REQUIRE(d.tap(lang));
    for (ScreenId screen : screens) {
      UiState& ui = d.app->ui();
      ui.nav.home();
      ui.nav.push(screen);
      ui.browse.event_id = 10;
      ui.browse.venue_id = 1;
      ui.rating.level = 5;
      d.app->step(1);
      CHECK_MESSAGE(glyph_misses().empty(), std::string(lang) << " screen " << static_cast<int>(screen) << ": "
                                                 << glyph_misses().size() << " glyphs missing");
    }
  }
}

TEST_CASE("the event detail keeps its QR code on screen beside long text, in every language and orientation") {
  for (const char* size : {"1920x1080", "1080x1920"}) {
    Driver d(demo_vm(), size);
    for (const char* lang : {"lang.zh", "lang.en", "lang.ko"}) {
      d.app->ui() = UiState{};
      d.app->step(2);
      REQUIRE(d.tap(lang));
      UiState& ui = d.app->ui();
      ui.browse.event_id = 10;
      ui.nav.push(ScreenId::event_detail);
      d.app->step(3);
      const WidgetRecord* qr = d.app->widget("qr.event");
      REQUIRE(qr);
      if (!qr->visible) d.wheel(-3);  // portrait: below the text
      qr = d.app->widget("qr.event");
      REQUIRE(qr);
      CHECK_MESSAGE(qr->max.x <= static_cast<float>(size[0] == '1' && size[1] == '9' ? 1920 : 1080),
                    std::string(size) << " " << lang << ": the QR code ends at x=" << qr->max.x);
      CHECK_MESSAGE(qr->visible, std::string(size) << " " << lang);
    }
  }
}

TEST_CASE("every interactive widget is at least 64x64 px at 1080p, in both orientations") {
  for (const char* size : {"1920x1080", "1080x1920"}) {
    Driver d(demo_vm(), size);
    struct State {
      ScreenId screen;
      FieldId focus;
      int level;
    };
    const State states[] = {{ScreenId::home, FieldId::none, 0},           {ScreenId::tonight, FieldId::none, 0},
                            {ScreenId::event_detail, FieldId::none, 0},   {ScreenId::venues, FieldId::none, 0},
                            {ScreenId::venue_detail, FieldId::none, 0},   {ScreenId::transport, FieldId::none, 0},
                            {ScreenId::rate, FieldId::none, 5},           {ScreenId::rate, FieldId::rate_comment, 5},
                            {ScreenId::rate, FieldId::rate_phone, 5},     {ScreenId::complaint, FieldId::complaint_text, 0},
                            {ScreenId::status, FieldId::status_tracking, 0}, {ScreenId::staff, FieldId::none, 0}};
    for (const State& s : states) {
      for (KbLayout layout : {KbLayout::latin, KbLayout::korean, KbLayout::phrases}) {
        if (s.focus == FieldId::none && layout != KbLayout::latin) continue;
        UiState& ui = d.app->ui();
        ui = UiState{};
        ui.browse.event_id = 10;
        ui.browse.venue_id = 1;
        ui.nav.push(s.screen);
        ui.rating.subject = {SubjectKind::venue, ""};
        ui.rating.level = s.level;
        ui.focus = s.focus;
        ui.keyboard.layout = layout;
        ui.keyboard.just_opened = true;
        d.app->step(4);
        std::size_t n = 0;
        for (const auto& w : d.app->widgets()) {
          ++n;
          CHECK_MESSAGE(w.max.x - w.min.x >= kMinTarget - 0.5f, size << " " << w.id << " is " << (w.max.x - w.min.x) << " px wide");
          CHECK_MESSAGE(w.max.y - w.min.y >= kMinTarget - 0.5f, size << " " << w.id << " is " << (w.max.y - w.min.y) << " px high");
        }
        CHECK(n >= 10);
        if (s.focus != FieldId::none) {
          // The edited field is in view, above the keyboard.
          const WidgetRecord* kb = d.app->widget("kb.done");
          REQUIRE(kb);
          for (const auto& w : d.app->widgets()) {
            if (w.id != "rate.comment" && w.id != "rate.phone" && w.id != "complaint.text" && w.id != "lookup.tracking")
              continue;
            if ((s.focus == FieldId::rate_comment) != (w.id == "rate.comment")) continue;
            if ((s.focus == FieldId::rate_phone) != (w.id == "rate.phone")) continue;
            CHECK_MESSAGE(w.visible, size << " " << w.id << " scrolled out of view");
            CHECK(w.max.y <= keyboard_top(*d.app));
          }
        }
      }
    }
  }
}
