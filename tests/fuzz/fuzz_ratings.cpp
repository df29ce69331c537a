// libFuzzer dictionary: json.dict
// POST /api/v1/ratings: the body as RatingService::submit decodes it.
#include "core/feedback.hpp"
#include "tests/fuzz/fuzz_support.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace yeyou;
  auto body = fuzz::parse_json(fuzz::as_text(data, size));
  if (!body) return 0;
  fuzz::expect_4xx([&] {
    Rating r = rating_from_json(*body);
    // The store keeps to_json() of it and decodes that when reading it back.
    fuzz::must_decode_again("the stored rating", [&] { (void)rating_from_json(to_json(r)); });
  });
  return 0;
}
