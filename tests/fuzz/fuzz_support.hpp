#pragma once
// Shared by the libFuzzer targets: the input as text, JSON parsed the way the
// server parses a request body, a scratch file for parsers that read a path,
// and the rule every target checks: bad input may only fail with the error
// types its callers turn into a clear refusal (a 4xx, an import error, a
// skipped item). Anything else escapes the target and libFuzzer reports it.
#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "core/errors.hpp"

namespace yeyou::fuzz {

using Json = nlohmann::json;

inline std::string_view as_text(const std::uint8_t* data, std::size_t size) {
  return {reinterpret_cast<const char*>(data), size};
}

// The body as server/http/json_response.cpp's parse_body reads it (a parse
// error is a 400 there), or nullopt.
std::optional<Json> parse_json(std::string_view text);

// Runs `decode`; a ValidationError or a nlohmann::json error (both answered
// 400 by the server's handlers) is expected, any other exception escapes.
template <typename F>
void expect_4xx(F&& decode) {
  try {
    decode();
  } catch (const ValidationError&) {
  } catch (const Json::exception&) {
  }
}

// Runs `decode` on what the code itself wrote (a stored body read back, a
// value re-encoded): any exception there is a bug and aborts with its text.
void must_decode_again(const char* what, const std::function<void()>& decode);

// Writes `bytes` to a file named `name` (the suffix matters to parsers that
// look at it) in a scratch folder of this process under $TMPDIR, removed at
// exit, and returns its path.
std::string scratch_file(const std::string& name, std::string_view bytes);

}  // namespace yeyou::fuzz
