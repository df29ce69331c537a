// libFuzzer dictionary: json.dict
// The kiosk's reading of server answers (kiosk/data): /api/v1/sync and
// /sync/live pages decoded, applied to a fresh cache and read back as the
// view-model loads it; the departures and parking boards stored and decoded;
// the /venues and /events answers of ApiClient; /auth/me; error bodies.
#include "kiosk/data/cache_store.hpp"
#include "kiosk/data/sync_engine.hpp"
#include "tests/fuzz/fuzz_support.hpp"

namespace {

using namespace yeyou;

// Runs `f`, which is documented never to throw on bad input; aborts if it does.
template <typename F>
void must_not_throw(const char* what, F&& f) {
  try {
    f();
  } catch (const std::exception& e) {
    std::fprintf(stderr, "fuzz: %s threw: %s\n", what, e.what());
    std::abort();
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const Timestamp now = *parse_iso8601("2026-06-01T21:00:00+08:00");
  std::string_view text = fuzz::as_text(data, size);
  kiosk::HttpResponse error_answer;
  error_answer.status = 409;
  error_answer.body = std::string(text);
  must_not_throw("HttpResponse::describe", [&] { (void)error_answer.describe(); });

  auto body = fuzz::parse_json(text);
  if (!body) return 0;
  must_not_throw("decode_venues", [&] { (void)kiosk::decode_venues(*body); });
  must_not_throw("decode_events", [&] { (void)kiosk::decode_events(*body); });
  must_not_throw("device_id_of", [&] { (void)kiosk::device_id_of(*body); });

  // sync_changes turns a page it cannot decode into an error; a decoded page
  // is applied and the cache loaded outside any handler.
  std::optional<kiosk::SyncPageData> page;
  try {
    page = kiosk::decode_sync_page(*body);
  } catch (const std::exception&) {
  }
  must_not_throw("the cache", [&] {
    kiosk::CacheStore cache(":memory:");
    if (page) cache.apply_page(*page, /*live=*/false, now);
    if (body->is_object()) {  // what sync_transport stores
      cache.store_board("departures", *body, now);
      cache.store_board("parking", *body, now);
    }
    (void)cache.load(now);
  });
  return 0;
}
