// libFuzzer dictionary: json.dict
// Phone rating links: POST /api/v1/rating-links (a kiosk asks for a link) and
// POST /api/v1/public/rating-links/{token}/rating (the phone's rating, completed with the link's subject and
// decoded like a kiosk rating), without the database.
#include "server/http/decoders.hpp"
#include "tests/fuzz/fuzz_support.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace yeyou;
  auto body = fuzz::parse_json(fuzz::as_text(data, size));
  if (!body) return 0;
  fuzz::expect_4xx([&] { (void)http::decode_rating_link_request(*body); });
  fuzz::expect_4xx([&] {
    static const Timestamp now = *parse_iso8601("2026-06-01T21:00:00+08:00");
    Rating r = http::decode_link_rating(*body, now).rating;
    fuzz::must_decode_again("the stored rating", [&] { (void)rating_from_json(to_json(r)); });
  });
  return 0;
}
