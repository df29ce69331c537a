#pragma once
// The request and response a handler sees, independent of the HTTP library
// that reads them off the socket. Header names compare case-insensitively;
// query parameters and path parameters arrive decoded.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace yeyou::http {

using HeaderList = std::vector<std::pair<std::string, std::string>>;

bool iequals(std::string_view a, std::string_view b);

struct Request {
  std::string method;  // GET, POST, … (HEAD is served as GET)
  std::string path;    // percent-decoded, without the query
  std::string query;   // raw, after '?'
  HeaderList headers;
  std::vector<std::pair<std::string, std::string>> params;  // decoded query parameters
  // matches[0] is the path; matches[1…] the route's path parameters, in order.
  std::vector<std::string> matches;
  std::string body;
  std::string remote_addr;  // the client: the peer, or X-Forwarded-For from a trusted proxy
  std::string peer_addr;    // the socket's peer
  bool secure = false;      // came over TLS (config, or X-Forwarded-Proto from a trusted proxy)

  std::string get_header_value(std::string_view name, std::size_t index = 0) const;
  std::size_t get_header_value_count(std::string_view name) const;
  bool has_header(std::string_view name) const { return get_header_value_count(name) > 0; }
  bool has_param(std::string_view key) const;
  std::string get_param_value(std::string_view key) const;
  std::optional<std::string> param(std::string_view key) const;
};

struct Response {
  int status = 200;
  HeaderList headers;
  std::string body;

  // Replaces every header of that name.
  void set_header(std::string_view name, std::string value);
  // Adds one more header of that name (Set-Cookie).
  void add_header(std::string_view name, std::string value);
  std::string get_header_value(std::string_view name) const;
  void set_content(std::string content, std::string content_type);
  void set_redirect(const std::string& location, int status = 302);
};

// "%41b+c" → "Ab c" (plus_as_space for query strings); nullopt on a broken
// escape or a NUL byte.
std::optional<std::string> percent_decode(std::string_view s, bool plus_as_space);
// Splits "a=1&b=%20" into decoded pairs; nullopt when an escape is broken.
std::optional<std::vector<std::pair<std::string, std::string>>> parse_query(std::string_view query);

}  // namespace yeyou::http
