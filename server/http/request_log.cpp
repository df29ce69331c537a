#include "server/http/request_log.hpp"

#include <algorithm>
#include <cstdio>

namespace yeyou::http {

std::string escape_for_log(std::string_view text, std::size_t max_bytes) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  out.reserve(std::min(text.size(), max_bytes) + 8);
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (out.size() >= max_bytes) {
      out += "...";
      break;
    }
    auto c = static_cast<unsigned char>(text[i]);
    if (c >= 0x20 && c < 0x7f && c != '\\') {
      out.push_back(static_cast<char>(c));
      continue;
    }
    // A whole, valid UTF-8 sequence (not an overlong or surrogate form) passes.
    std::size_t len = c >= 0xc2 && c <= 0xdf ? 2 : c >= 0xe0 && c <= 0xef ? 3 : c >= 0xf0 && c <= 0xf4 ? 4 : 0;
    bool valid = len > 0 && i + len <= text.size();
    for (std::size_t k = 1; valid && k < len; ++k) valid = (static_cast<unsigned char>(text[i + k]) & 0xc0) == 0x80;
    if (valid && len == 3) {
      auto c1 = static_cast<unsigned char>(text[i + 1]);
      valid = !(c == 0xe0 && c1 < 0xa0) && !(c == 0xed && c1 >= 0xa0);
    }
    if (valid && len == 4) {
      auto c1 = static_cast<unsigned char>(text[i + 1]);
      valid = !(c == 0xf0 && c1 < 0x90) && !(c == 0xf4 && c1 >= 0x90);
    }
    if (valid) {
      out.append(text.substr(i, len));
      i += len - 1;
      continue;
    }
    out += "\\x";
    out.push_back(kHex[c >> 4]);
    out.push_back(kHex[c & 15]);
  }
  return out;
}

void log_request(std::string_view client, std::string_view method, std::string_view path, int status,
                 std::chrono::steady_clock::duration took, std::size_t body_bytes) {
  auto us = std::chrono::duration_cast<std::chrono::microseconds>(took).count();
  // One fprintf: a line is written whole even when threads log at once.
  std::fprintf(stderr, "%s %s %s %d %lld.%03lldms %zuB\n", escape_for_log(client, 64).c_str(),
               escape_for_log(method, 16).c_str(), escape_for_log(path).c_str(), status,
               static_cast<long long>(us / 1000), static_cast<long long>(us % 1000), body_bytes);
}

}  // namespace yeyou::http
