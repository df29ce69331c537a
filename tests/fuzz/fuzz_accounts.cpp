// libFuzzer dictionary: json.dict
// POST /api/v1/auth/login and POST /api/v1/users: the bodies as the account
// routes decode them before calling AuthService.
#include "server/http/decoders.hpp"
#include "tests/fuzz/fuzz_support.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace yeyou;
  auto body = fuzz::parse_json(fuzz::as_text(data, size));
  if (!body) return 0;
  fuzz::expect_4xx([&] { (void)http::decode_login(*body); });
  fuzz::expect_4xx([&] { (void)http::decode_new_user(*body); });
  return 0;
}
