// libFuzzer dictionary: json.dict
// Car park writes: POST /api/v1/parking (create), PUT /parking/{id}
// (replace), POST /parking/{id}/spaces (staff) and /parking/{id}/counts (the
// car park's counter), each body through every decoder, without the database.
#include "server/http/decoders.hpp"
#include "tests/fuzz/fuzz_support.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace yeyou;
  static const Timestamp now = *parse_iso8601("2026-06-01T21:00:00+08:00");
  auto body = fuzz::parse_json(fuzz::as_text(data, size));
  if (!body) return 0;
  auto stored = [](CarPark p) {
    if (p.id == 0) p.id = 1;  // create: assigned by the store
    fuzz::must_decode_again("the stored car park", [&] { (void)car_park_from_json(to_json(p)); });
    (void)fee_status(p.fee_rules, now);
  };
  fuzz::expect_4xx([&] { stored(http::decode_new_car_park(*body)); });
  fuzz::expect_4xx([&] { stored(http::decode_car_park(*body, 3)); });
  fuzz::expect_4xx([&] { (void)http::decode_spaces_count(*body); });
  fuzz::expect_4xx([&] { (void)http::decode_vehicle_count(*body, std::string(kDefaultZone), now); });
  return 0;
}
