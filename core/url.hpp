#pragma once
// Percent-encoding (RFC 3986) for path segments and query values.
#include <string>
#include <string_view>

namespace yeyou {

// Every byte but the unreserved characters (A-Z a-z 0-9 - . _ ~) as %XX.
std::string percent_encode(std::string_view s);

}  // namespace yeyou
