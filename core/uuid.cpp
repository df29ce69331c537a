#include "core/uuid.hpp"

#include <array>
#include <chrono>
#include <cstdint>
#include <stdexcept>

#include <sodium.h>

namespace yeyou {

std::string new_uuid() {
  auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch());
  return new_uuid(ms.count());
}

std::string new_uuid(std::int64_t unix_ms) {
  if (sodium_init() < 0) throw std::runtime_error("libsodium failed to initialise");
  std::array<std::uint8_t, 16> b{};
  randombytes_buf(b.data(), b.size());
  // unix_ts_ms: 48 bits, big-endian, so that the text sorts by time.
  auto ts = static_cast<std::uint64_t>(unix_ms < 0 ? 0 : unix_ms);
  for (std::size_t i = 0; i < 6; ++i) b[5 - i] = static_cast<std::uint8_t>(ts >> (8 * i));
  b[6] = static_cast<std::uint8_t>((b[6] & 0x0F) | 0x70);
  b[8] = static_cast<std::uint8_t>((b[8] & 0x3F) | 0x80);
  static constexpr char hex[] = "0123456789abcdef";
  std::string out;
  out.reserve(36);
  for (std::size_t i = 0; i < b.size(); ++i) {
    if (i == 4 || i == 6 || i == 8 || i == 10) out += '-';
    out += hex[b[i] >> 4];
    out += hex[b[i] & 0x0F];
  }
  return out;
}

bool is_uuid(std::string_view s) {
  if (s.size() != 36) return false;
  for (std::size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    if (i == 8 || i == 13 || i == 18 || i == 23) {
      if (c != '-') return false;
    } else if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'))) {
      return false;
    }
  }
  return true;
}

}  // namespace yeyou
