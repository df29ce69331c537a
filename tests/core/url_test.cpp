// Percent-encoding as the kiosk and the QR codes use it (RFC 3986).
#include <doctest/doctest.h>

#include "core/url.hpp"

using yeyou::percent_encode;

TEST_CASE("percent_encode keeps unreserved characters and encodes every other byte") {
  CHECK(percent_encode("AZaz09-._~") == "AZaz09-._~");
  CHECK(percent_encode("2026-11-29T21:30:00+08:00") == "2026-11-29T21%3A30%3A00%2B08%3A00");
  CHECK(percent_encode("a b/?&=#%") == "a%20b%2F%3F%26%3D%23%25");
  CHECK(percent_encode("崮") == "%E5%B4%AE");
  CHECK(percent_encode(std::string_view("\0\xff", 2)) == "%00%FF");
  CHECK(percent_encode("").empty());
}
