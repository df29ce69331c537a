// The front door's reading of a request: Beast's HTTP/1.1 parser with the
// server's header and body limits, then what the server does with the head
// before any handler runs: the path and query decoded, the route found
// (every kind of path parameter, literal suffixes, the {file} tail), the
// client address taken from X-Forwarded-For behind a trusted proxy, and the
// log line escaped.
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/string_body.hpp>

#include <cstdlib>
#include <limits>

#include "server/http/client_address.hpp"
#include "server/http/http_message.hpp"
#include "server/http/request_log.hpp"
#include "server/http/route.hpp"
#include "tests/fuzz/fuzz_support.hpp"

namespace {

using namespace yeyou::http;

void nothing(Exchange&) {}

// One pattern of every shape the route table uses (each parameter kind, a
// literal suffix, the {file} tail, literal-over-parameter precedence).
const std::vector<Route>& routes() {
  static const std::vector<Route> table{
      {Method::get, "/api/v1/health", anyone(), nothing},
      {Method::get, "/api/v1/venues/{id}/calendar.ics", anyone(), nothing},
      {Method::get, "/api/v1/events/{id}.ics", anyone(), nothing},
      {Method::post, "/api/v1/cases/{id}/evaluation", anyone(), nothing},
      {Method::post, "/api/v1/cases/{id}/{action}", anyone(), nothing},
      {Method::get, "/api/v1/cases/{id}/source", anyone(), nothing},
      {Method::post, "/api/v1/kiosks/{kiosk}/heartbeat", anyone(), nothing},
      {Method::post, "/api/v1/counters/{counter}/readings", anyone(), nothing},
      {Method::post, "/api/v1/devices/{device}/revoke", anyone(), nothing},
      {Method::get, "/api/v1/public/complaints/{tracking}", anyone(), nothing},
      {Method::get, "/api/v1/public/rating-links/{token}", anyone(), nothing},
      {Method::post, "/api/v1/ratings/{rating}/review", anyone(), nothing},
      {Method::get, "/static/{file}", anyone(), nothing},
      {Method::get, "/", anyone(), nothing},
  };
  return table;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  namespace bhttp = boost::beast::http;
  static const RouteMatcher matcher(routes());
  static const TrustedProxies proxies({"127.0.0.1", "10.0.0.0/8", "::1"});

  bhttp::request_parser<bhttp::string_body> parser;
  parser.header_limit(16 * 1024);
  parser.body_limit(std::numeric_limits<std::uint64_t>::max());
  boost::beast::error_code ec;
  // Fed in two pieces, as bytes arrive over a socket; what the parser did not
  // consume is presented again with the next piece, as Beast's reads do.
  auto text = yeyou::fuzz::as_text(data, size);
  std::string pending;
  for (auto piece : {text.substr(0, size / 2), text.substr(size / 2)}) {
    pending.append(piece);
    while (!pending.empty() && !parser.is_done()) {
      auto n = parser.put(boost::asio::buffer(pending.data(), pending.size()), ec);
      if (ec == bhttp::error::need_more) {
        ec = {};
        break;
      }
      if (ec) return 0;
      if (parser.is_header_done()) parser.body_limit(64 * 1024);
      pending.erase(0, n);
      if (n == 0) break;
    }
  }
  if (!parser.is_header_done()) return 0;
  const auto& head = parser.get();
  Request req;
  req.method = std::string(head.method_string());
  for (const auto& f : head) req.headers.emplace_back(std::string(f.name_string()), std::string(f.value()));
  std::string_view target(head.target().data(), head.target().size());
  auto q = target.find('?');
  auto path = percent_decode(target.substr(0, q), false);
  if (q != std::string_view::npos) req.query = std::string(target.substr(q + 1));
  auto params = parse_query(req.query);
  if (!path || !params) return 0;
  req.path = *path;
  auto match = matcher.find(req.method, req.path);
  if (match.route) {
    // Every parameter handed to a handler is one its name allows.
    for (const auto& p : match.params)
      if (p.empty() || p.size() > 200) std::abort();
    if (match.log_path.find('\n') != std::string::npos && escape_for_log(match.log_path).find('\n') != std::string::npos)
      std::abort();
  }
  auto client = proxies.resolve("10.1.2.3", req.get_header_value("X-Forwarded-For"), req.get_header_value("X-Forwarded-Proto"));
  auto line = escape_for_log(client.address) + escape_for_log(req.method) + escape_for_log(req.path);
  for (char c : line)
    if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) std::abort();  // nothing a client sent reaches the log raw
  return 0;
}
