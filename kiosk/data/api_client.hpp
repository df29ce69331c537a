#pragma once
// ApiClient: the kiosk's HTTP client for the Yeyou server (libcurl). Every
// call returns an ApiResult; network failures, HTTP errors and malformed
// bodies become an error value, never an exception.
#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include "core/event.hpp"
#include "core/occupancy.hpp"
#include "core/venue.hpp"

namespace yeyou::kiosk {

enum class ApiErrorKind {
  network,   // DNS, connect, timeout, reset: the server is unreachable
  http,      // the server answered with a non-2xx status
  protocol,  // 2xx but the body is not the JSON we expect
};

struct ApiError {
  ApiErrorKind kind = ApiErrorKind::network;
  long http_status = 0;  // 0 unless kind == http
  std::string code;      // the server's error.code, if any
  std::string message;
};

template <typename T>
struct ApiResult {
  std::optional<T> value;
  ApiError error;  // meaningful only when !ok()
  bool ok() const { return value.has_value(); }
  static ApiResult success(T v) { return ApiResult{std::move(v), {}}; }
  static ApiResult failure(ApiError e) { return ApiResult{std::nullopt, std::move(e)}; }
};

struct VenueWithOccupancy {
  Venue venue;
  std::optional<OccupancyReading> occupancy;
  // The level the server computed with its configured thresholds, if sent.
  std::optional<CrowdLevel> level;
};

struct VenuesPayload {
  std::vector<VenueWithOccupancy> venues;
  std::vector<District> districts;
  std::size_t skipped = 0;  // items that failed validation and were left out
};

struct EventsPayload {
  std::vector<Event> events;
  std::size_t skipped = 0;
};

struct ApiTimeouts {
  std::chrono::milliseconds connect{3000};
  std::chrono::milliseconds total{10000};
};

class ApiClient {
 public:
  // `base_url` like "http://127.0.0.1:8080" (a trailing slash is ignored).
  explicit ApiClient(std::string base_url, ApiTimeouts timeouts = {});

  ApiResult<bool> health() const;
  ApiResult<VenuesPayload> venues() const;
  // Events overlapping [from, to).
  ApiResult<EventsPayload> events(Timestamp from, Timestamp to) const;

  const std::string& base_url() const { return base_url_; }
  const ApiTimeouts& timeouts() const { return timeouts_; }

  // Lower level: GET `path` (with query) and parse the body as JSON.
  ApiResult<Json> get_json(const std::string& path) const;

 private:
  std::string base_url_;
  ApiTimeouts timeouts_;
};

// Decoders for the response bodies, exposed for tests. Items that fail
// validation are skipped (and counted); a body of the wrong shape is an error.
ApiResult<VenuesPayload> decode_venues(const Json& body);
ApiResult<EventsPayload> decode_events(const Json& body);

// libcurl's global init; call once from main() before any thread starts.
void init_http();

}  // namespace yeyou::kiosk
