// libFuzzer dictionary: json.dict
// Case bodies decoded before the database is touched: POST
// /api/v1/cases/{id}/evaluation (also the public evaluation by tracking
// number) and POST /cases/{id}/reveal-contact.
#include "server/http/decoders.hpp"
#include "tests/fuzz/fuzz_support.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace yeyou;
  auto body = fuzz::parse_json(fuzz::as_text(data, size));
  if (!body) return 0;
  fuzz::expect_4xx([&] { (void)http::decode_case_evaluation(*body); });
  fuzz::expect_4xx([&] { (void)http::decode_reveal_reason(*body); });
  return 0;
}
